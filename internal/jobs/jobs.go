// Package jobs runs the job queue: a pool of workers, owned by `folio
// serve`, that claims jobs, runs the handler registered for their type and
// retries failures with exponential backoff (MediaWiki's JobRunner).
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
)

// Handler runs jobs of one type. Jobs are delivered at least once, so a
// handler must be idempotent.
type Handler interface {
	RunJob(ctx context.Context, j *folio.Job) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, j *folio.Job) error

// RunJob calls f.
func (f HandlerFunc) RunJob(ctx context.Context, j *folio.Job) error { return f(ctx, j) }

// Defaults for the Runner's zero fields.
const (
	DefaultWorkers      = 2
	DefaultLease        = 5 * time.Minute
	DefaultMaxAttempts  = 5
	DefaultPollInterval = time.Second
	maxBackoff          = 10 * time.Minute
)

// Runner is a worker pool over a job queue. Set the fields, then Start it;
// Close stops the workers and waits for running jobs.
type Runner struct {
	Queue    folio.JobQueue
	Handlers map[string]Handler // by job type
	Workers  int
	// Lease is how long a claimed job belongs to its worker.
	Lease time.Duration
	// MaxAttempts is how often a job is tried before it is abandoned.
	MaxAttempts int
	// Backoff returns the delay before retry n (1 for the first retry);
	// by default 1s, 2s, 4s… up to 10 minutes, with jitter.
	Backoff func(n int) time.Duration
	// PollInterval is how long an idle worker sleeps unless woken by Push.
	PollInterval time.Duration
	Logger       *slog.Logger
	Now          func() time.Time

	wake   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

func (r *Runner) init() {
	r.once.Do(func() {
		r.wake = make(chan struct{}, 1)
		if r.Workers <= 0 {
			r.Workers = DefaultWorkers
		}
		if r.Lease <= 0 {
			r.Lease = DefaultLease
		}
		if r.MaxAttempts <= 0 {
			r.MaxAttempts = DefaultMaxAttempts
		}
		if r.Backoff == nil {
			r.Backoff = defaultBackoff
		}
		if r.PollInterval <= 0 {
			r.PollInterval = DefaultPollInterval
		}
		if r.Logger == nil {
			r.Logger = slog.Default()
		}
		if r.Now == nil {
			r.Now = time.Now
		}
	})
}

func defaultBackoff(n int) time.Duration {
	d := min(time.Second<<min(n-1, 20), maxBackoff)
	return d + rand.N(d/4+1)
}

// Start launches the workers. They run until Close or until ctx ends.
func (r *Runner) Start(ctx context.Context) error {
	r.init()
	if r.Queue == nil {
		return errors.New("start job runner: no queue")
	}
	ctx, r.cancel = context.WithCancel(ctx)
	for range r.Workers {
		r.wg.Go(func() { r.work(ctx) })
	}
	return nil
}

// Close stops the workers and waits for the jobs they run; a job cut
// short is handed out again after its lease.
func (r *Runner) Close() error {
	if r.cancel != nil {
		r.cancel()
	}
	r.wg.Wait()
	return nil
}

// PushJobs adds jobs to the queue and wakes an idle worker.
func (r *Runner) PushJobs(ctx context.Context, jobs ...*folio.Job) error {
	r.init()
	if err := r.Queue.PushJobs(ctx, jobs...); err != nil {
		return err
	}
	select {
	case r.wake <- struct{}{}:
	default:
	}
	return nil
}

func (r *Runner) work(ctx context.Context) {
	for ctx.Err() == nil {
		ran, err := r.RunOne(ctx)
		if err != nil && ctx.Err() == nil {
			r.Logger.Error("job queue", "err", err)
		}
		if ran {
			continue
		}
		t := time.NewTimer(r.PollInterval)
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// RunOne claims and runs one job. It reports whether there was one; a
// failing job is not an error here, only a failing queue is.
func (r *Runner) RunOne(ctx context.Context) (bool, error) {
	r.init()
	j, err := r.Queue.ClaimJob(ctx, r.Lease)
	if errors.Is(err, folio.ErrNoJob) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	start := r.Now()
	runErr := r.run(ctx, j)
	log := r.Logger.With("job_type", j.Type, "job_id", j.ID, "namespace", j.Namespace,
		"title", j.DBKey, "attempt", j.Attempts, "duration", r.Now().Sub(start))
	if runErr == nil {
		log.Debug("job done")
		return true, r.Queue.AckJob(context.WithoutCancel(ctx), j)
	}
	var retryAt time.Time
	if j.Attempts < r.MaxAttempts && !errors.Is(runErr, errNoHandler) {
		retryAt = r.Now().Add(r.Backoff(j.Attempts))
	}
	log.Warn("job failed", "err", runErr, "retry_at", retryAt)
	return true, r.Queue.FailJob(context.WithoutCancel(ctx), j, retryAt, runErr.Error())
}

var errNoHandler = errors.New("no handler for this job type")

// run runs j's handler, turning a panic into an error.
func (r *Runner) run(ctx context.Context, j *folio.Job) (err error) {
	h, ok := r.Handlers[j.Type]
	if !ok {
		return fmt.Errorf("job %s: %w", j.Type, errNoHandler)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job %s panicked: %v", j.Type, p)
		}
	}()
	return h.RunJob(ctx, j)
}

// RunAll runs ready jobs until none is left or max jobs ran (max ≤ 0:
// no bound), one at a time, and returns how many ran: `folio jobs run`.
func (r *Runner) RunAll(ctx context.Context, max int) (int, error) {
	n := 0
	for max <= 0 || n < max {
		ran, err := r.RunOne(ctx)
		if err != nil {
			return n, err
		} else if !ran {
			break
		}
		n++
	}
	return n, nil
}
