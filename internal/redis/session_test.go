package redis_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// TestSessions runs the session contract of the SQL stores against Redis
// and checks that each key expires with its session.
func TestSessions(t *testing.T) {
	ctx := context.Background()
	c := MustOpen(t)
	s := c.Sessions()
	now := time.Now().UTC().Truncate(time.Second)
	live := &folio.Session{ID: "aa11", UserID: 7, Data: map[string]string{"csrf": "t1"}, Expires: now.Add(time.Hour)}
	if err := s.CreateSession(ctx, live); err != nil {
		t.Fatalf("CreateSession() error: %v", err)
	}
	if err := s.CreateSession(ctx, live); err == nil {
		t.Errorf("CreateSession(same id) = nil error, want one")
	}
	got, err := s.FindSession(ctx, "aa11")
	if err != nil {
		t.Fatalf("FindSession() error: %v", err)
	}
	if diff := cmp.Diff(live, got); diff != "" {
		t.Errorf("FindSession() (-want +got):\n%s", diff)
	}
	ttl, err := c.TTL(ctx, "s:aa11")
	if err != nil || ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("TTL of the session key = %v, %v; want about one hour", ttl, err)
	}
	live.Data["lang"], live.UserID, live.Expires = "de", 8, now.Add(2*time.Hour)
	if err := s.UpdateSession(ctx, live); err != nil {
		t.Fatalf("UpdateSession() error: %v", err)
	}
	if got, _ := s.FindSession(ctx, "aa11"); !cmp.Equal(live, got) {
		t.Errorf("FindSession() after update = %+v, want %+v", got, live)
	}
	if ttl, _ := c.TTL(ctx, "s:aa11"); ttl <= time.Hour {
		t.Errorf("TTL after extending the session = %v, want over an hour", ttl)
	}
	if err := s.UpdateSession(ctx, &folio.Session{ID: "zz99", Expires: now.Add(time.Hour)}); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("UpdateSession(missing) = %v, want %s", err, folio.ENotLoggedIn)
	}
	if err := s.CreateSession(ctx, &folio.Session{ID: "bb22", Expires: now.Add(-time.Hour)}); err != nil {
		t.Errorf("CreateSession(expired) error: %v", err)
	}
	if _, err := s.FindSession(ctx, "bb22"); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("FindSession(expired) = %v, want %s", err, folio.ENotLoggedIn)
	}
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Errorf("DeleteSession() error: %v", err)
	}
	if _, err := s.FindSession(ctx, "aa11"); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("FindSession(deleted) = %v, want %s", err, folio.ENotLoggedIn)
	}
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Errorf("DeleteSession(again) error: %v", err)
	}
}

// TestThrottleStore checks the event window and the key's lifetime.
func TestThrottleStore(t *testing.T) {
	ctx := context.Background()
	c := MustOpen(t)
	s := c.Throttles()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := s.AddEvent(ctx, "login:k", t0.Add(time.Duration(i)*time.Minute), time.Hour); err != nil {
			t.Fatalf("AddEvent() error: %v", err)
		}
	}
	// Two events at the same instant both count.
	if err := s.AddEvent(ctx, "login:k", t0.Add(2*time.Minute), time.Hour); err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(ctx, "login:k", t0)
	if err != nil {
		t.Fatalf("Events() error: %v", err)
	}
	want := []time.Time{t0.Add(time.Minute), t0.Add(2 * time.Minute), t0.Add(2 * time.Minute)}
	if !cmp.Equal(evs, want) {
		t.Errorf("Events(after t0) = %v, want %v", evs, want)
	}
	if ttl, _ := c.TTL(ctx, "t:login:k"); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("TTL of the throttle key = %v, want about one hour", ttl)
	}
	if err := s.DeleteEvents(ctx, "login:k"); err != nil {
		t.Fatalf("DeleteEvents() error: %v", err)
	}
	if evs, err := s.Events(ctx, "login:k", t0.Add(-time.Hour)); err != nil || len(evs) != 0 {
		t.Errorf("Events() after delete = %v, %v; want none", evs, err)
	}
}
