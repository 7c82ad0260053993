package memcached_test

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/cachetest"
	"github.com/folio-wiki/folio/internal/memcached"
)

// MustOpen connects to FOLIO_TEST_MEMCACHED with a fresh key prefix, or
// skips the test. Keys carry TTLs and are left to expire.
func MustOpen(tb testing.TB) *memcached.Cache {
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
	tb.Cleanup(func() { c.Close() })
	return c
}

func TestCache(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) folio.Cache { return MustOpen(t) })
}
