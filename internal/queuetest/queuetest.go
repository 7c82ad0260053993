// Package queuetest is the conformance suite every folio.JobQueue passes:
// the database table on each SQL backend, and Redis when it is configured.
package queuetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// Run runs the suite. open returns an empty queue private to the test and
// registers its cleanup.
func Run(t *testing.T, open func(t *testing.T) folio.JobQueue) {
	tests := []struct {
		name string
		fn   func(t *testing.T, q folio.JobQueue)
	}{
		{"Empty", testEmpty},
		{"PushClaimAck", testPushClaimAck},
		{"Order", testOrder},
		{"Dedup", testDedup},
		{"Delayed", testDelayed},
		{"RetryAndAbandon", testRetryAndAbandon},
		{"LeaseExpiry", testLeaseExpiry},
		{"Delete", testDelete},
		{"ConcurrentClaims", testConcurrentClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func job(typ, title string) *folio.Job {
	return &folio.Job{Type: typ, Namespace: 10, DBKey: title, Params: map[string]string{"table": "templatelinks"}}
}

// MustPush pushes jobs or fails the test.
func MustPush(tb testing.TB, q folio.JobQueue, jobs ...*folio.Job) {
	tb.Helper()
	if err := q.PushJobs(tb.Context(), jobs...); err != nil {
		tb.Fatalf("PushJobs: %v", err)
	}
}

// MustClaim claims a job or fails the test.
func MustClaim(tb testing.TB, q folio.JobQueue) *folio.Job {
	tb.Helper()
	j, err := q.ClaimJob(tb.Context(), time.Minute)
	if err != nil {
		tb.Fatalf("ClaimJob: %v", err)
	}
	return j
}

func wantNoJob(t *testing.T, q folio.JobQueue, why string) {
	t.Helper()
	if j, err := q.ClaimJob(t.Context(), time.Minute); !errors.Is(err, folio.ErrNoJob) {
		t.Fatalf("ClaimJob %s = %+v, %v; want ErrNoJob", why, j, err)
	}
}

func count(t *testing.T, q folio.JobQueue, f folio.JobFilter) int {
	t.Helper()
	jobs, err := q.FindJobs(t.Context(), f)
	if err != nil {
		t.Fatalf("FindJobs: %v", err)
	}
	return len(jobs)
}

func testEmpty(t *testing.T, q folio.JobQueue) {
	wantNoJob(t, q, "on an empty queue")
	if n := count(t, q, folio.JobFilter{}); n != 0 {
		t.Errorf("FindJobs on an empty queue: %d jobs", n)
	}
}

func testPushClaimAck(t *testing.T, q folio.JobQueue) {
	in := job("htmlCacheUpdate", "Infobox")
	MustPush(t, q, in)
	if in.ID == "" || in.Enqueued.IsZero() {
		t.Errorf("PushJobs left ID %q, Enqueued %v unset", in.ID, in.Enqueued)
	}
	got := MustClaim(t, q)
	if got.ID != in.ID || got.Type != in.Type || got.Namespace != 10 || got.DBKey != "Infobox" ||
		got.Params["table"] != "templatelinks" || got.Attempts != 1 {
		t.Errorf("ClaimJob = %+v, want the pushed job %+v with Attempts 1", got, in)
	}
	wantNoJob(t, q, "while the only job is leased")
	if n := count(t, q, folio.JobFilter{}); n != 1 {
		t.Errorf("FindJobs with a running job: %d jobs, want 1", n)
	}
	if err := q.AckJob(t.Context(), got); err != nil {
		t.Fatalf("AckJob: %v", err)
	}
	if n := count(t, q, folio.JobFilter{}); n != 0 {
		t.Errorf("FindJobs after AckJob: %d jobs, want 0", n)
	}
}

func testOrder(t *testing.T, q folio.JobQueue) {
	for _, title := range []string{"A", "B", "C"} {
		MustPush(t, q, job("refreshLinks", title))
	}
	for _, want := range []string{"A", "B", "C"} {
		if got := MustClaim(t, q); got.DBKey != want {
			t.Errorf("ClaimJob = %s, want %s (oldest first)", got.DBKey, want)
		}
	}
}

func testDedup(t *testing.T, q folio.JobQueue) {
	a, b := job("htmlCacheUpdate", "X"), job("htmlCacheUpdate", "X")
	other := job("htmlCacheUpdate", "X")
	other.DedupKey = "explicit"
	MustPush(t, q, a, b, other)
	if n := count(t, q, folio.JobFilter{}); n != 2 {
		t.Fatalf("after pushing two equal jobs and one with its own key: %d jobs, want 2", n)
	}
	if a.ID != b.ID {
		t.Errorf("dropped duplicate got ID %q, want the waiting job's %q", b.ID, a.ID)
	}
	MustClaim(t, q)
	MustPush(t, q, job("htmlCacheUpdate", "X")) // the first one runs: queue anew
	if n := count(t, q, folio.JobFilter{}); n != 3 {
		t.Errorf("pushing a job equal to a running one: %d jobs, want 3", n)
	}
}

func testDelayed(t *testing.T, q folio.JobQueue) {
	later := job("cdnPurge", "Later")
	later.RunAfter = time.Now().Add(time.Hour)
	MustPush(t, q, later)
	wantNoJob(t, q, "before the job's RunAfter")
	typ := "cdnPurge"
	if n := count(t, q, folio.JobFilter{Type: &typ}); n != 1 {
		t.Errorf("FindJobs(type cdnPurge) = %d jobs, want 1", n)
	}
}

func testRetryAndAbandon(t *testing.T, q folio.JobQueue) {
	ctx := t.Context()
	MustPush(t, q, job("htmlCacheUpdate", "Flaky"))
	j := MustClaim(t, q)
	if err := q.FailJob(ctx, j, time.Now().Add(-time.Second), "boom 1"); err != nil {
		t.Fatalf("FailJob: %v", err)
	}
	j = MustClaim(t, q)
	if j.Attempts != 2 || j.LastError != "boom 1" {
		t.Errorf("retried job: Attempts %d, LastError %q; want 2, %q", j.Attempts, j.LastError, "boom 1")
	}
	if err := q.FailJob(ctx, j, time.Time{}, "boom 2"); err != nil {
		t.Fatalf("FailJob (abandon): %v", err)
	}
	wantNoJob(t, q, "when the only job is abandoned")
	yes, no := true, false
	if n := count(t, q, folio.JobFilter{Abandoned: &yes}); n != 1 {
		t.Errorf("FindJobs(abandoned) = %d, want 1", n)
	}
	if n := count(t, q, folio.JobFilter{Abandoned: &no}); n != 0 {
		t.Errorf("FindJobs(not abandoned) = %d, want 0", n)
	}
}

// testLeaseExpiry claims with a lease already over, as if the worker died.
func testLeaseExpiry(t *testing.T, q folio.JobQueue) {
	MustPush(t, q, job("htmlCacheUpdate", "Crash"))
	if _, err := q.ClaimJob(t.Context(), -time.Second); err != nil {
		t.Fatalf("ClaimJob: %v", err)
	}
	j := MustClaim(t, q)
	if j.DBKey != "Crash" || j.Attempts != 2 {
		t.Errorf("reclaimed job = %s with %d attempts, want Crash with 2", j.DBKey, j.Attempts)
	}
}

func testDelete(t *testing.T, q folio.JobQueue) {
	a, b := job("htmlCacheUpdate", "A"), job("htmlCacheUpdate", "B")
	MustPush(t, q, a, b)
	if err := q.DeleteJob(t.Context(), a.ID); err != nil {
		t.Fatalf("DeleteJob: %v", err)
	}
	if got := MustClaim(t, q); got.ID != b.ID {
		t.Errorf("ClaimJob after deleting A = %s, want B", got.DBKey)
	}
}

func testConcurrentClaims(t *testing.T, q folio.JobQueue) {
	const n = 24
	for i := range n {
		MustPush(t, q, job("refreshLinks", fmt.Sprintf("P%02d", i)))
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				j, err := q.ClaimJob(t.Context(), time.Minute)
				if errors.Is(err, folio.ErrNoJob) {
					return
				} else if err != nil {
					t.Errorf("ClaimJob: %v", err)
					return
				}
				mu.Lock()
				seen[j.DBKey]++
				mu.Unlock()
				if err := q.AckJob(t.Context(), j); err != nil {
					t.Errorf("AckJob: %v", err)
				}
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("claimed %d distinct jobs, want %d", len(seen), n)
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("job %s claimed %d times", k, c)
		}
	}
}
