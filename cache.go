package folio

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"sort"
	"strconv"
	"time"
)

// ErrCacheMiss is returned by Cache.Get when the key holds no value.
var ErrCacheMiss = errors.New("folio: cache miss")

// ErrNoJob is returned by JobQueue.ClaimJob when no job is ready to run.
var ErrNoJob = errors.New("folio: no job is ready")

// Cache stores byte values under string keys for a while: MediaWiki's
// BagOStuff behind the page cache and the parser cache. Values may vanish
// at any time (eviction, restart); callers treat the cache as an
// optimisation, never as the source of truth.
type Cache interface {
	// Get returns the value stored under key, or ErrCacheMiss.
	Get(ctx context.Context, key string) ([]byte, error)
	// Set stores value under key for ttl; a ttl of zero or less means
	// "as long as the cache keeps it". The cache may keep value's bytes, so
	// the caller must not change them afterwards.
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Delete removes keys; missing keys are not an error.
	Delete(ctx context.Context, keys ...string) error
}

// PubSub broadcasts short messages to every Folio process that subscribes
// to a channel: it keeps the in-process caches of several web heads
// coherent.
type PubSub interface {
	// Publish sends msg to the current subscribers of channel and returns
	// how many subscriptions it was sent to.
	Publish(ctx context.Context, channel string, msg []byte) (int, error)
	// Subscribe returns once the subscription is active. Messages arrive on
	// the returned channel, which is closed after ctx is cancelled.
	Subscribe(ctx context.Context, channel string) (<-chan []byte, error)
}

// Job is a deferred task, as in MediaWiki's job queue: a type (job_cmd),
// the page it concerns and parameters. Running a job twice must have the
// same effect as running it once.
type Job struct {
	ID        string // assigned by the queue
	Type      string // such as "htmlCacheUpdate" or "cdnPurge"
	Namespace int
	DBKey     string
	Params    map[string]string
	// DedupKey identifies equal jobs: a push is dropped while a job with
	// the same key waits to run. Empty means DefaultDedupKey.
	DedupKey string
	// RunAfter delays the job; the zero time means at once.
	RunAfter  time.Time
	Enqueued  time.Time
	Attempts  int    // how often the job was claimed
	LastError string // the error of the last failed attempt
	Abandoned bool   // true once the job failed too often to retry
}

// DefaultDedupKey returns a hash of the job's type, page and parameters.
func (j *Job) DefaultDedupKey() string {
	h := sha1.New()
	h.Write([]byte(j.Type + "\x00" + strconv.Itoa(j.Namespace) + "\x00" + j.DBKey))
	keys := make([]string, 0, len(j.Params))
	for k := range j.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte("\x00" + k + "=" + j.Params[k]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// JobFilter selects jobs to list.
type JobFilter struct {
	Type      *string
	Abandoned *bool
	Limit     int
}

// JobQueue is a durable queue of jobs with at-least-once delivery: a
// claimed job that is neither acknowledged nor failed before its lease
// ends is handed out again.
type JobQueue interface {
	// PushJobs adds jobs, dropping those whose DedupKey matches a job that
	// waits to run. It sets ID and Enqueued on the jobs it adds.
	PushJobs(ctx context.Context, jobs ...*Job) error
	// ClaimJob hands out the oldest ready job for lease, or ErrNoJob.
	ClaimJob(ctx context.Context, lease time.Duration) (*Job, error)
	// AckJob removes a job that ran successfully.
	AckJob(ctx context.Context, j *Job) error
	// FailJob records a failed attempt: the job runs again after retryAt,
	// or, when retryAt is the zero time, is kept as abandoned.
	FailJob(ctx context.Context, j *Job, retryAt time.Time, reason string) error
	// FindJobs lists waiting, running and abandoned jobs, oldest first.
	FindJobs(ctx context.Context, f JobFilter) ([]*Job, error)
	// DeleteJob removes a job whatever its state (folio jobs delete).
	DeleteJob(ctx context.Context, id string) error
}
