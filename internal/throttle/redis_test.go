package throttle_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/throttle"
)

// TestRedisSharedCounts gives two limiters, as on two web heads, one Redis
// store: events hit on either count against both, and a reset on one
// clears both.
func TestRedisSharedCounts(t *testing.T) {
	url := os.Getenv("FOLIO_TEST_REDIS_URL")
	if url == "" {
		t.Skip("set FOLIO_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the Redis throttle tests")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "folio_test_" + hex.EncodeToString(b) + ":"
	var heads [2]*throttle.Limiter
	c := &clock{time.Now().Truncate(time.Second)}
	for i := range heads {
		rc, err := redis.Open(context.Background(), url, prefix)
		if err != nil {
			t.Fatalf("redis.Open: %v", err)
		}
		t.Cleanup(func() {
			if i == 0 {
				if err := rc.DeletePrefix(context.Background()); err != nil {
					t.Errorf("clean up: %v", err)
				}
			}
			rc.Close()
		})
		heads[i] = newLimiter(c, throttle.LoginRules...)
		heads[i].Store, heads[i].Name = rc.Throttles(), "login"
	}
	const key = "Alice\x00192.0.2.1"
	for i := range 5 {
		if ok, _ := heads[i%2].Allow(key); !ok {
			t.Fatalf("attempt %d refused, want allowed", i+1)
		}
		heads[i%2].Hit(key)
		c.advance(time.Second)
	}
	for i, h := range heads {
		if ok, wait := h.Allow(key); ok || wait != 295*time.Second {
			t.Errorf("head %d: Allow() after 5 failures on both heads = %v, %v; want false, 295s", i, ok, wait)
		}
	}
	if ok, _ := heads[1].Allow("Bob\x00192.0.2.1"); !ok {
		t.Errorf("another account is throttled too")
	}
	// A limiter with another name counts apart.
	other := newLimiter(c, throttle.LoginRules...)
	other.Store, other.Name = heads[0].Store, "passwordreset"
	if ok, _ := other.Allow(key); !ok {
		t.Errorf("a limiter with another name shares the counts")
	}
	heads[0].Reset(key)
	if ok, _ := heads[1].Allow(key); !ok {
		t.Errorf("Allow() on head 1 after Reset() on head 0 = false, want true")
	}
}

// failingStore is a Store whose server is down.
type failingStore struct{}

func (failingStore) Events(context.Context, string, time.Time) ([]time.Time, error) {
	return nil, context.DeadlineExceeded
}
func (failingStore) AddEvent(context.Context, string, time.Time, time.Duration) error {
	return context.DeadlineExceeded
}
func (failingStore) DeleteEvents(context.Context, string) error { return context.DeadlineExceeded }

// TestStoreDownCountsLocally checks that a failing store does not turn the
// throttle off: the process counts in memory instead.
func TestStoreDownCountsLocally(t *testing.T) {
	c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(c, throttle.Rule{Count: 2, Window: time.Minute})
	l.Store, l.Logger = failingStore{}, slog.New(slog.NewTextHandler(io.Discard, nil))
	l.Hit("k")
	l.Hit("k")
	if ok, _ := l.Allow("k"); ok {
		t.Errorf("Allow() after 2 hits with the store down = true, want false")
	}
}
