package redis_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/cachetest"
	"github.com/folio-wiki/folio/internal/queuetest"
	"github.com/folio-wiki/folio/internal/redis"
)

// MustOpen connects to FOLIO_TEST_REDIS_URL with a fresh key prefix whose
// keys are deleted in Cleanup, or skips the test.
func MustOpen(tb testing.TB) *redis.Client {
	tb.Helper()
	url := os.Getenv("FOLIO_TEST_REDIS_URL")
	if url == "" {
		tb.Skip("set FOLIO_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the Redis suites")
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	c, err := redis.Open(context.Background(), url, "folio_test_"+hex.EncodeToString(b)+":")
	if err != nil {
		tb.Fatalf("redis.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := c.DeletePrefix(context.Background()); err != nil {
			tb.Errorf("clean up: %v", err)
		}
		c.Close()
	})
	return c
}

func TestCache(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) folio.Cache { return MustOpen(t).Cache() })
}

func TestPubSub(t *testing.T) {
	cachetest.RunPubSub(t, func(t *testing.T) (folio.PubSub, folio.PubSub) {
		a := MustOpen(t)
		// A second connection pool with the same prefix: another web head.
		b, err := redis.Open(t.Context(), os.Getenv("FOLIO_TEST_REDIS_URL"), a.Prefix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		return a.Cache(), b.Cache()
	})
}

func TestQueue(t *testing.T) {
	queuetest.Run(t, func(t *testing.T) folio.JobQueue { return MustOpen(t).Queue() })
}
