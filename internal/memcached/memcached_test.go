package memcached_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/cachetest"
	"github.com/folio-wiki/folio/internal/memcached"
)

// MustOpen connects to FOLIO_TEST_MEMCACHED with a fresh key prefix, or
// skips the test. The keys it sets are deleted in Cleanup.
func MustOpen(tb testing.TB) folio.Cache {
	tb.Helper()
	servers := os.Getenv("FOLIO_TEST_MEMCACHED")
	if servers == "" {
		tb.Skip("set FOLIO_TEST_MEMCACHED (e.g. 127.0.0.1:11211) to run the memcached cache suite")
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	c, err := memcached.Open(servers, "folio_test_"+hex.EncodeToString(b)+":")
	if err != nil {
		tb.Fatalf("memcached.Open: %v", err)
	}
	tc := &tracked{Cache: c, keys: map[string]bool{}}
	tb.Cleanup(func() {
		tc.mu.Lock()
		defer tc.mu.Unlock()
		for k := range tc.keys {
			_ = c.Delete(context.Background(), k)
		}
		c.Close()
	})
	return tc
}

// tracked remembers the keys set through it.
type tracked struct {
	*memcached.Cache
	mu   sync.Mutex
	keys map[string]bool
}

func (t *tracked) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	t.mu.Lock()
	t.keys[key] = true
	t.mu.Unlock()
	return t.Cache.Set(ctx, key, value, ttl)
}

func TestCache(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) folio.Cache { return MustOpen(t) })
}
