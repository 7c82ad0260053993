package pagecache_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/memcached"
	"github.com/folio-wiki/folio/internal/redis"
)

// cacheBackends opens each page cache technology that is available.
var cacheBackends = []struct {
	name, env string
	open      func(t *testing.T, addr string) folio.Cache
}{
	{"inmem", "", func(*testing.T, string) folio.Cache { return inmem.NewCache(32 << 20) }},
	{"redis", "FOLIO_TEST_REDIS_URL", func(t *testing.T, url string) folio.Cache {
		c, err := redis.Open(context.Background(), url, randomName(t, "folio_test_")+":")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.DeletePrefix(context.Background()); c.Close() })
		return c.Cache()
	}},
	{"memcached", "FOLIO_TEST_MEMCACHED", func(t *testing.T, addr string) folio.Cache {
		c, err := memcached.Open(addr, randomName(t, "folio_test_")+":")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}},
}

// TestBackends runs the edit and template scenarios with the page cache
// in each technology.
func TestBackends(t *testing.T) {
	for _, b := range cacheBackends {
		t.Run(b.name, func(t *testing.T) {
			addr := ""
			if b.env != "" {
				if addr = os.Getenv(b.env); addr == "" {
					t.Skipf("set %s to run the page cache scenarios on %s", b.env, b.name)
				}
			}
			e := MustOpenEnvWith(t, b.open(t, addr))
			e.edit("Template:Tag", "tag-1")
			e.edit("Page", "text-1 {{Tag}}")
			e.runJobs()
			steps := []struct{ page, tpl, want, wantCache string }{
				{"", "", "text-1 tag-1", "MISS"},
				{"", "", "text-1 tag-1", "HIT"},
				{"text-2 {{Tag}}", "", "text-2 tag-1", "MISS"},
				{"", "", "text-2 tag-1", "HIT"},
				{"", "tag-2", "text-2 tag-2", "MISS"},
				{"", "", "text-2 tag-2", "HIT"},
			}
			for i, s := range steps {
				if s.page != "" {
					e.edit("Page", s.page)
				}
				if s.tpl != "" {
					e.edit("Template:Tag", s.tpl)
					e.runJobs()
				}
				xc, body := e.get("/wiki/Page")
				if xc != s.wantCache || !strings.Contains(body, s.want) {
					t.Errorf("step %d: X-Cache %s, has %q: %v; want %s with it", i, xc, s.want, strings.Contains(body, s.want), s.wantCache)
				}
			}
		})
	}
}
