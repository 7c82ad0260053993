package pagecache_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/jobs"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
)

func randomName(t *testing.T, prefix string) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

// mustTempPostgres creates a database for the test and returns its URL.
func mustTempPostgres(t *testing.T, dsn string) string {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := randomName(t, "folio_test_")
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// openHead opens one web head: its own connections to the shared
// PostgreSQL database and Redis, and its own in-process page cache.
func openHead(t *testing.T, dbURL, redisURL, prefix string) *env {
	ctx := context.Background()
	store, err := postgres.Open(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rc, err := redis.Open(ctx, redisURL, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	ns := folio.NewNamespaces("Testwiki")
	r := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Testwiki"}
	w := wiki.New(store, ns)
	w.Linker = r
	srv := &web.Server{Wiki: w, Store: store, Renderer: r, Namespaces: ns, Site: web.Site{Name: "Testwiki"}}
	pc := &pagecache.PageCache{Cache: inmem.NewCache(8 << 20), Namespaces: ns}
	e := &env{t: t, store: store, wiki: w, pages: pc, handler: pc.Handler(srv.Handler())}
	// A generous wait: a loaded CI machine must not turn a slow
	// acknowledgement into a stale read.
	e.inv = &pagecache.Invalidator{Pages: pc, Links: store, Namespaces: ns, PubSub: rc.Cache(),
		BroadcastWait: 10 * time.Second}
	e.runner = &jobs.Runner{Queue: rc.Queue(), Handlers: map[string]jobs.Handler{
		pagecache.JobHTMLCacheUpdate: e.inv, pagecache.JobCDNPurge: e.inv}}
	e.inv.Jobs = e.runner
	if err := e.inv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.inv.Close() })
	return e
}

// TestTwoHeads runs two web heads on one PostgreSQL database and one
// Redis, each with its own in-process cache: an edit on one is visible
// on the other at the next read.
func TestTwoHeads(t *testing.T) {
	dsn, redisURL := os.Getenv("FOLIO_TEST_POSTGRES_DSN"), os.Getenv("FOLIO_TEST_REDIS_URL")
	if dsn == "" || redisURL == "" {
		t.Skip("set FOLIO_TEST_POSTGRES_DSN and FOLIO_TEST_REDIS_URL to run the two-head coherency test")
	}
	dbURL := mustTempPostgres(t, dsn)
	prefix := randomName(t, "folio_test_") + ":"
	a, b := openHead(t, dbURL, redisURL, prefix), openHead(t, dbURL, redisURL, prefix)
	t.Cleanup(func() {
		rc, err := redis.Open(context.Background(), redisURL, prefix)
		if err == nil {
			_ = rc.DeletePrefix(context.Background())
			rc.Close()
		}
	})
	a.edit("Template:Sig", "sig-0")
	a.edit("Shared", "text-0 {{Sig}}")
	a.runJobs()
	for i := 1; i <= 20; i++ {
		for _, h := range []*env{a, b} {
			h.get("/wiki/Shared") // fill both caches
		}
		writer := []*env{a, b}[i%2]
		reader := []*env{b, a}[i%2]
		if i%5 == 0 {
			writer.edit("Template:Sig", fmt.Sprintf("sig-%d", i))
			writer.runJobs()
			want := fmt.Sprintf("sig-%d", i)
			if _, body := reader.get("/wiki/Shared"); !strings.Contains(body, want) {
				t.Errorf("round %d: the other head shows an old template, want %s", i, want)
			}
			continue
		}
		writer.edit("Shared", fmt.Sprintf("text-%d {{Sig}}", i))
		want := fmt.Sprintf("text-%d", i)
		if xc, body := reader.get("/wiki/Shared"); !strings.Contains(body, want) {
			t.Errorf("round %d: the other head answered %s without %q", i, xc, want)
		}
	}
}

// TestTwoHeadsNoStaleRead edits on one head while readers read on the
// other: a read that starts after an edit returned shows that edit or a
// later one.
func TestTwoHeadsNoStaleRead(t *testing.T) {
	dsn, redisURL := os.Getenv("FOLIO_TEST_POSTGRES_DSN"), os.Getenv("FOLIO_TEST_REDIS_URL")
	if dsn == "" || redisURL == "" {
		t.Skip("set FOLIO_TEST_POSTGRES_DSN and FOLIO_TEST_REDIS_URL to run the two-head coherency test")
	}
	dbURL := mustTempPostgres(t, dsn)
	prefix := randomName(t, "folio_test_") + ":"
	writer, reader := openHead(t, dbURL, redisURL, prefix), openHead(t, dbURL, redisURL, prefix)
	t.Cleanup(func() {
		if rc, err := redis.Open(context.Background(), redisURL, prefix); err == nil {
			_ = rc.DeletePrefix(context.Background())
			rc.Close()
		}
	})
	writer.edit("Busy", "version-0")
	var committed atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for !stop.Load() {
				min := committed.Load()
				_, body := reader.get("/wiki/Busy")
				m := versionRE.FindStringSubmatch(body)
				if m == nil {
					t.Errorf("no version in the page")
					return
				}
				if v, _ := strconv.ParseInt(m[1], 10, 64); v < min {
					t.Errorf("stale read on the other head: version %d after version %d was saved", v, min)
					return
				}
			}
		})
	}
	for i := 1; i <= 10; i++ {
		writer.edit("Busy", fmt.Sprintf("version-%d", i))
		committed.Store(int64(i))
	}
	stop.Store(true)
	wg.Wait()
}
