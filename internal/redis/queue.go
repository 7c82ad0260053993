package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
	goredis "github.com/redis/go-redis/v9"
)

var _ folio.JobQueue = (*Queue)(nil)

// Queue is a folio.JobQueue in Redis. Under Prefix+"q:" it keeps:
//
//	seq       counter for job IDs
//	jobs      hash id → JSON of the job's fixed fields
//	attempts  hash id → claim count
//	errors    hash id → last error
//	ready     sorted set of waiting ids by run time (ms)
//	claimed   sorted set of running ids by lease end (ms)
//	abandoned sorted set of abandoned ids by failure time (ms)
//	dedup     hash dedup key → id of the waiting job
//	dedupof   hash id → dedup key
//
// Scripts make every push and claim atomic.
type Queue struct {
	c *Client
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Queue returns the client's job queue.
func (c *Client) Queue() *Queue { return &Queue{c: c, Now: time.Now} }

func (q *Queue) keys(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q.c.Prefix + "q:" + n
	}
	return out
}

// storedJob is the JSON kept in the jobs hash.
type storedJob struct {
	Type      string            `json:"type"`
	Namespace int               `json:"ns"`
	DBKey     string            `json:"title"`
	Params    map[string]string `json:"params,omitempty"`
	Enqueued  int64             `json:"enqueued"`
}

var pushScript = goredis.NewScript(`
local id = redis.call('HGET', KEYS[4], ARGV[1])
if id then return id end
id = tostring(redis.call('INCR', KEYS[1]))
redis.call('HSET', KEYS[2], id, ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], id)
redis.call('HSET', KEYS[4], ARGV[1], id)
redis.call('HSET', KEYS[5], id, ARGV[1])
return id`)

// PushJobs adds jobs, dropping those whose dedup key matches a waiting job.
func (q *Queue) PushJobs(ctx context.Context, jobs ...*folio.Job) error {
	keys := q.keys("seq", "jobs", "ready", "dedup", "dedupof")
	for _, j := range jobs {
		now := q.Now()
		if j.DedupKey == "" {
			j.DedupKey = j.DefaultDedupKey()
		}
		data, err := json.Marshal(storedJob{j.Type, j.Namespace, j.DBKey, j.Params, now.UnixMilli()})
		if err != nil {
			return fmt.Errorf("encode job: %w", err)
		}
		run := max(j.RunAfter.UnixMilli(), now.UnixMilli())
		id, err := pushScript.Run(ctx, q.c.rdb, keys, j.DedupKey, data, run).Text()
		if err != nil {
			return fmt.Errorf("push job %s: %w", j.Type, err)
		}
		j.ID, j.Enqueued = id, now
	}
	return nil
}

var claimScript = goredis.NewScript(`
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], 0, id)
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #ids == 0 then return false end
local id = ids[1]
redis.call('ZREM', KEYS[1], id)
redis.call('ZADD', KEYS[2], ARGV[2], id)
local dk = redis.call('HGET', KEYS[4], id)
if dk then
  redis.call('HDEL', KEYS[3], dk)
  redis.call('HDEL', KEYS[4], id)
end
redis.call('HINCRBY', KEYS[5], id, 1)
return id`)

// ClaimJob hands out the oldest ready job for lease, or folio.ErrNoJob.
// Jobs whose lease ended go back to the front of the queue first.
func (q *Queue) ClaimJob(ctx context.Context, lease time.Duration) (*folio.Job, error) {
	now := q.Now()
	keys := q.keys("ready", "claimed", "dedup", "dedupof", "attempts")
	id, err := claimScript.Run(ctx, q.c.rdb, keys, now.UnixMilli(), now.Add(lease).UnixMilli()).Text()
	if errors.Is(err, goredis.Nil) {
		return nil, folio.ErrNoJob
	} else if err != nil {
		return nil, fmt.Errorf("claim job: %w", err)
	}
	jobs, err := q.load(ctx, []string{id})
	if err != nil {
		return nil, err
	} else if len(jobs) == 0 {
		return nil, fmt.Errorf("claim job %s: its data is missing", id)
	}
	return jobs[0], nil
}

// load reads the jobs with the given ids; missing ones are skipped.
func (q *Queue) load(ctx context.Context, ids []string) ([]*folio.Job, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	k := q.keys("jobs", "attempts", "errors", "ready", "abandoned")
	pipe := q.c.rdb.Pipeline()
	data := pipe.HMGet(ctx, k[0], ids...)
	attempts := pipe.HMGet(ctx, k[1], ids...)
	errs := pipe.HMGet(ctx, k[2], ids...)
	runs := pipe.ZMScore(ctx, k[3], ids...)
	aband := pipe.ZMScore(ctx, k[4], ids...)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, goredis.Nil) {
		return nil, fmt.Errorf("load jobs: %w", err)
	}
	var out []*folio.Job
	for i, id := range ids {
		s, ok := data.Val()[i].(string)
		if !ok {
			continue
		}
		var sj storedJob
		if err := json.Unmarshal([]byte(s), &sj); err != nil {
			return nil, fmt.Errorf("decode job %s: %w", id, err)
		}
		j := &folio.Job{ID: id, Type: sj.Type, Namespace: sj.Namespace, DBKey: sj.DBKey,
			Params: sj.Params, Enqueued: time.UnixMilli(sj.Enqueued)}
		j.Attempts, _ = strconv.Atoi(str(attempts.Val()[i]))
		j.LastError = str(errs.Val()[i])
		if r := runs.Val()[i]; r != 0 {
			j.RunAfter = time.UnixMilli(int64(r))
		}
		j.Abandoned = aband.Val()[i] != 0
		out = append(out, j)
	}
	return out, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// AckJob deletes a job that ran successfully.
func (q *Queue) AckJob(ctx context.Context, j *folio.Job) error {
	return q.DeleteJob(ctx, j.ID)
}

// DeleteJob deletes a job whatever its state.
func (q *Queue) DeleteJob(ctx context.Context, id string) error {
	k := q.keys("jobs", "attempts", "errors", "ready", "claimed", "abandoned", "dedup", "dedupof")
	dk, err := q.c.rdb.HGet(ctx, k[7], id).Result()
	if err != nil && !errors.Is(err, goredis.Nil) {
		return fmt.Errorf("delete job %s: %w", id, err)
	}
	_, err = q.c.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		for _, h := range k[:3] {
			p.HDel(ctx, h, id)
		}
		for _, z := range k[3:6] {
			p.ZRem(ctx, z, id)
		}
		if dk != "" {
			p.HDel(ctx, k[6], dk)
			p.HDel(ctx, k[7], id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete job %s: %w", id, err)
	}
	return nil
}

// FailJob releases a claimed job to run after retryAt, or keeps it as
// abandoned when retryAt is zero.
func (q *Queue) FailJob(ctx context.Context, j *folio.Job, retryAt time.Time, reason string) error {
	k := q.keys("claimed", "ready", "abandoned", "errors")
	_, err := q.c.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		p.ZRem(ctx, k[0], j.ID)
		p.HSet(ctx, k[3], j.ID, reason)
		if retryAt.IsZero() {
			p.ZAdd(ctx, k[2], goredis.Z{Score: float64(q.Now().UnixMilli()), Member: j.ID})
		} else {
			p.ZAdd(ctx, k[1], goredis.Z{Score: float64(retryAt.UnixMilli()), Member: j.ID})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("fail job %s: %w", j.ID, err)
	}
	j.LastError, j.Abandoned, j.RunAfter = reason, retryAt.IsZero(), retryAt
	return nil
}

// FindJobs lists waiting, running and abandoned jobs in ID order.
func (q *Queue) FindJobs(ctx context.Context, f folio.JobFilter) ([]*folio.Job, error) {
	k := q.keys("ready", "claimed", "abandoned")
	sets := k
	if f.Abandoned != nil && *f.Abandoned {
		sets = k[2:]
	} else if f.Abandoned != nil {
		sets = k[:2]
	}
	var ids []string
	for _, s := range sets {
		v, err := q.c.rdb.ZRange(ctx, s, 0, -1).Result()
		if err != nil {
			return nil, fmt.Errorf("find jobs: %w", err)
		}
		ids = append(ids, v...)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmpID(a, b) })
	jobs, err := q.load(ctx, ids)
	if err != nil {
		return nil, err
	}
	lim := f.Limit
	if lim <= 0 {
		lim = 500
	}
	out := jobs[:0]
	for _, j := range jobs {
		if (f.Type == nil || j.Type == *f.Type) && len(out) < lim {
			out = append(out, j)
		}
	}
	return out, nil
}

// cmpID orders decimal ids numerically.
func cmpID(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
