package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.JobQueue = (*DB)(nil)

// SkipLocker is implemented by dialects whose SELECT … FOR UPDATE can skip
// rows other transactions hold, so that concurrent workers claim different
// jobs without waiting for each other. SkipLocked returns that suffix.
// Without it, claims still never hand one job to two workers: the claiming
// UPDATE re-checks that the job is free.
type SkipLocker interface {
	SkipLocked() string
}

// claimCandidates is how many ready jobs one claim looks at.
const claimCandidates = 8

const jobCols = `job_id, job_cmd, job_namespace, job_title, job_params, job_timestamp,
	job_release, job_attempts, job_error, job_abandoned`

// PushJobs adds jobs; one whose dedup key matches a waiting job is dropped
// and gets that job's ID.
func (db *DB) PushJobs(ctx context.Context, jobs ...*folio.Job) error {
	if len(jobs) == 0 {
		return nil
	}
	return db.write(ctx, func(tx *Tx) error {
		for _, j := range jobs {
			if err := pushJob(ctx, tx, j); err != nil {
				return err
			}
		}
		return nil
	})
}

func pushJob(ctx context.Context, tx *Tx, j *folio.Job) error {
	params, err := json.Marshal(j.Params)
	if err != nil {
		return fmt.Errorf("encode job params: %w", err)
	}
	if j.DedupKey == "" {
		j.DedupKey = j.DefaultDedupKey()
	}
	release := j.RunAfter
	if release.Before(tx.Now) {
		release = tx.Now
	}
	q := tx.db.Dialect.InsertIgnore("job", "job_cmd, job_namespace, job_title, job_params, "+
		"job_timestamp, job_release, job_sha1, job_error, job_token, job_token_timestamp")
	if _, err := tx.exec(ctx, q, j.Type, j.Namespace, j.DBKey, string(params),
		ts(tx.Now), ts(release), j.DedupKey, "", "", ""); err != nil {
		return fmt.Errorf("push job %s: %w", j.Type, err)
	}
	var id int64
	if err := tx.queryRow(ctx, `SELECT job_id FROM job WHERE job_sha1 = ?`, j.DedupKey).Scan(&id); err != nil {
		return fmt.Errorf("find pushed job %s: %w", j.Type, err)
	}
	j.ID, j.Enqueued = strconv.FormatInt(id, 10), tx.Now
	return nil
}

// ClaimJob hands out the oldest ready job for lease, or folio.ErrNoJob.
func (db *DB) ClaimJob(ctx context.Context, lease time.Duration) (*folio.Job, error) {
	// Idle workers poll: look on the read handle before taking the write lock.
	if ready, err := db.jobReady(ctx); err != nil {
		return nil, err
	} else if !ready {
		return nil, folio.ErrNoJob
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	var job *folio.Job
	err = db.write(ctx, func(tx *Tx) error {
		job = nil
		cands, err := readyJobs(ctx, tx)
		if err != nil {
			return err
		}
		for _, j := range cands {
			if ok, err := claim(ctx, tx, j, token, tx.Now.Add(lease)); err != nil {
				return err
			} else if ok {
				job = j
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim job: %w", err)
	} else if job == nil {
		return nil, folio.ErrNoJob
	}
	return job, nil
}

// jobReady reports whether some job may be claimed now.
func (db *DB) jobReady(ctx context.Context) (bool, error) {
	var n int
	err := db.read(ctx, func(tx *Tx) error {
		now := ts(tx.Now)
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT job_id FROM job
			WHERE job_abandoned = 0 AND job_release <= ? AND (job_token = '' OR job_token_timestamp < ?)
			LIMIT 1) ready`, now, now).Scan(&n)
	})
	if err != nil {
		return false, fmt.Errorf("look for ready jobs: %w", err)
	}
	return n > 0, nil
}

// readyJobs lists a few jobs that may be claimed now.
func readyJobs(ctx context.Context, tx *Tx) ([]*folio.Job, error) {
	lock := ""
	if sl, ok := tx.db.Dialect.(SkipLocker); ok {
		lock = " " + sl.SkipLocked()
	}
	now := ts(tx.Now)
	return scanJobs(tx.query(ctx, `SELECT `+jobCols+` FROM job
		WHERE job_abandoned = 0 AND job_release <= ?
		AND (job_token = '' OR job_token_timestamp < ?)
		ORDER BY job_id LIMIT `+strconv.Itoa(claimCandidates)+lock, now, now))
}

// claim takes j unless another worker took it first.
func claim(ctx context.Context, tx *Tx, j *folio.Job, token string, until time.Time) (bool, error) {
	now := ts(tx.Now)
	res, err := tx.exec(ctx, `UPDATE job SET job_token = ?, job_token_timestamp = ?,
		job_attempts = job_attempts + 1, job_sha1 = NULL
		WHERE job_id = ? AND job_abandoned = 0 AND (job_token = '' OR job_token_timestamp < ?)`,
		token, ts(until), jobID(j.ID), now)
	if err != nil {
		return false, fmt.Errorf("claim job %s: %w", j.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim job %s: %w", j.ID, err)
	}
	j.Attempts++
	return n == 1, nil
}

// AckJob deletes a job that ran successfully.
func (db *DB) AckJob(ctx context.Context, j *folio.Job) error {
	return db.DeleteJob(ctx, j.ID)
}

// DeleteJob deletes a job whatever its state.
func (db *DB) DeleteJob(ctx context.Context, id string) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM job WHERE job_id = ?`, jobID(id)); err != nil {
			return fmt.Errorf("delete job %s: %w", id, err)
		}
		return nil
	})
}

// FailJob releases a claimed job to run again after retryAt, or marks it
// abandoned when retryAt is zero.
func (db *DB) FailJob(ctx context.Context, j *folio.Job, retryAt time.Time, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		release, abandoned := retryAt, retryAt.IsZero()
		if abandoned {
			release = tx.Now
		}
		_, err := tx.exec(ctx, `UPDATE job SET job_token = '', job_token_timestamp = '',
			job_release = ?, job_error = ?, job_abandoned = ? WHERE job_id = ?`,
			ts(release), reason, b2i(abandoned), jobID(j.ID))
		if err != nil {
			return fmt.Errorf("fail job %s: %w", j.ID, err)
		}
		j.LastError, j.Abandoned, j.RunAfter = reason, abandoned, release
		return nil
	})
}

// FindJobs lists jobs in queue order.
func (db *DB) FindJobs(ctx context.Context, f folio.JobFilter) ([]*folio.Job, error) {
	var conds []string
	var args []any
	if f.Type != nil {
		conds, args = append(conds, "job_cmd = ?"), append(args, *f.Type)
	}
	if f.Abandoned != nil {
		conds, args = append(conds, "job_abandoned = ?"), append(args, b2i(*f.Abandoned))
	}
	var jobs []*folio.Job
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		jobs, err = scanJobs(tx.query(ctx, `SELECT `+jobCols+` FROM job`+where(conds)+
			` ORDER BY job_id LIMIT `+strconv.Itoa(limit(f.Limit, 500)), args...))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find jobs: %w", err)
	}
	return jobs, nil
}

func scanJobs(rows *sql.Rows, err error) ([]*folio.Job, error) {
	if err != nil {
		return nil, fmt.Errorf("query jobs: %w", err)
	}
	defer rows.Close()
	var out []*folio.Job
	for rows.Next() {
		var j folio.Job
		var id int64
		var params, enq, rel string
		var abandoned int
		if err := rows.Scan(&id, &j.Type, &j.Namespace, &j.DBKey, &params, &enq, &rel,
			&j.Attempts, &j.LastError, &abandoned); err != nil {
			return nil, fmt.Errorf("scan job: %w", err)
		}
		j.ID, j.Abandoned = strconv.FormatInt(id, 10), abandoned != 0
		if err := json.Unmarshal([]byte(params), &j.Params); err != nil {
			return nil, fmt.Errorf("decode job %d params: %w", id, err)
		}
		if j.Enqueued, err = parseTS(enq); err != nil {
			return nil, err
		}
		if j.RunAfter, err = parseTS(rel); err != nil {
			return nil, err
		}
		out = append(out, &j)
	}
	return out, rows.Err()
}

// jobID parses a job ID; a malformed one matches no row.
func jobID(id string) int64 {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// newToken returns a random claim token.
func newToken() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make job token: %w", err)
	}
	return hex.EncodeToString(b), nil
}
