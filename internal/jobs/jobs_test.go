package jobs_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/jobs"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// MustOpenQueue returns the job table of a temporary SQLite database.
func MustOpenQueue(tb testing.TB) folio.JobQueue {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "folio.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestRunAll(t *testing.T) {
	tests := []struct {
		name          string
		fails         int // failures before success
		maxAttempts   int
		wantRuns      int
		wantAbandoned bool
	}{
		{"succeeds at once", 0, 3, 1, false},
		{"succeeds on retry", 2, 3, 3, false},
		{"abandoned after max attempts", 5, 3, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := MustOpenQueue(t)
			var runs int
			r := &jobs.Runner{Queue: q, MaxAttempts: tt.maxAttempts,
				Backoff: func(int) time.Duration { return -time.Second }, // retry at once
				Handlers: map[string]jobs.Handler{"flaky": jobs.HandlerFunc(func(context.Context, *folio.Job) error {
					runs++
					if runs <= tt.fails {
						return errors.New("transient")
					}
					return nil
				})}}
			if err := r.PushJobs(t.Context(), &folio.Job{Type: "flaky", DBKey: "X"}); err != nil {
				t.Fatal(err)
			}
			if _, err := r.RunAll(t.Context(), 0); err != nil {
				t.Fatalf("RunAll: %v", err)
			}
			if runs != tt.wantRuns {
				t.Errorf("handler ran %d times, want %d", runs, tt.wantRuns)
			}
			left, err := q.FindJobs(t.Context(), folio.JobFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(left) == 1 && left[0].Abandoned; got != tt.wantAbandoned {
				t.Errorf("abandoned = %v (jobs left: %d), want %v", got, len(left), tt.wantAbandoned)
			}
		})
	}
}

func TestUnknownTypeAndPanic(t *testing.T) {
	q := MustOpenQueue(t)
	r := &jobs.Runner{Queue: q, Backoff: func(int) time.Duration { return -time.Second }, MaxAttempts: 2,
		Handlers: map[string]jobs.Handler{"panics": jobs.HandlerFunc(func(context.Context, *folio.Job) error {
			panic("boom")
		})}}
	if err := r.PushJobs(t.Context(), &folio.Job{Type: "nobody"}, &folio.Job{Type: "panics"}); err != nil {
		t.Fatal(err)
	}
	n, err := r.RunAll(t.Context(), 0)
	if err != nil || n != 3 {
		t.Fatalf("RunAll = %d, %v; want 3 runs (unknown once, panic twice)", n, err)
	}
	yes := true
	left, _ := q.FindJobs(t.Context(), folio.JobFilter{Abandoned: &yes})
	if len(left) != 2 {
		t.Errorf("abandoned jobs = %d, want 2", len(left))
	}
}

func TestStartRunsPushedJobs(t *testing.T) {
	q := MustOpenQueue(t)
	var mu sync.Mutex
	done := map[string]bool{}
	var count atomic.Int32
	r := &jobs.Runner{Queue: q, Workers: 3, PollInterval: time.Hour,
		Handlers: map[string]jobs.Handler{"touch": jobs.HandlerFunc(func(_ context.Context, j *folio.Job) error {
			mu.Lock()
			done[j.DBKey] = true
			mu.Unlock()
			count.Add(1)
			return nil
		})}}
	if err := r.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"A", "B", "C", "D"} {
		if err := r.PushJobs(t.Context(), &folio.Job{Type: "touch", DBKey: title}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for count.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if len(done) != 4 {
		t.Errorf("ran %v, want A B C D", done)
	}
}
