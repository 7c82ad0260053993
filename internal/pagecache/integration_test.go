package pagecache_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/jobs"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
)

// env is a wiki behind the page cache, wired as `folio serve` will be.
type env struct {
	t       testing.TB
	store   *sqldb.DB
	wiki    *wiki.Service
	pages   *pagecache.PageCache
	inv     *pagecache.Invalidator
	runner  *jobs.Runner
	handler http.Handler
}

// MustOpenEnv returns a wiki on SQLite with an in-process page cache and a
// job queue in the database whose jobs the test runs with runJobs.
func MustOpenEnv(tb testing.TB) *env {
	tb.Helper()
	return MustOpenEnvWith(tb, inmem.NewCache(32<<20))
}

// MustOpenEnvWith is MustOpenEnv with the page cache in c.
func MustOpenEnvWith(tb testing.TB, c folio.Cache) *env {
	tb.Helper()
	store, err := sqlite.Open(filepath.Join(tb.TempDir(), "folio.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := store.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	ns := folio.NewNamespaces("Testwiki")
	r := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Testwiki"}
	w := wiki.New(store, ns)
	w.Linker = r
	srv := &web.Server{Wiki: w, Store: store, Renderer: r, Namespaces: ns, Site: web.Site{Name: "Testwiki"}}
	pc := &pagecache.PageCache{Cache: c, Namespaces: ns}
	e := &env{t: tb, store: store, wiki: w, pages: pc, handler: pc.Handler(srv.Handler())}
	e.inv = &pagecache.Invalidator{Pages: pc, Links: store, Namespaces: ns}
	e.runner = &jobs.Runner{Queue: store, Handlers: map[string]jobs.Handler{
		pagecache.JobHTMLCacheUpdate: e.inv, pagecache.JobCDNPurge: e.inv}}
	e.inv.Jobs = e.runner
	return e
}

// edit saves text and tells the Invalidator, as the web layer will.
func (e *env) edit(title, text string) {
	e.t.Helper()
	t, err := e.wiki.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		e.t.Fatal(err)
	}
	var base int64
	if p, err := e.store.FindPageByTitle(context.Background(), t.Namespace, t.DBKey); err == nil {
		base = p.Latest
	}
	out, err := e.wiki.Edit(context.Background(), wiki.EditRequest{Title: t, Text: text, BaseRevID: base, IP: "192.0.2.1"})
	if err != nil {
		e.t.Fatalf("Edit(%s): %v", title, err)
	}
	change := pagecache.Edited
	if out.Result.New {
		change = pagecache.Created
	}
	if err := e.inv.PageChanged(context.Background(), t, change); err != nil {
		e.t.Fatalf("PageChanged(%s): %v", title, err)
	}
}

// runJobs runs every queued job, as the runner inside serve does.
func (e *env) runJobs() {
	e.t.Helper()
	if _, err := e.runner.RunAll(context.Background(), 0); err != nil {
		e.t.Fatalf("RunAll: %v", err)
	}
}

// get reads a page anonymously and returns X-Cache and the body.
func (e *env) get(path string) (string, string) {
	e.t.Helper()
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	if w.Code != http.StatusOK && w.Code != http.StatusNotFound {
		e.t.Fatalf("GET %s: status %d", path, w.Code)
	}
	body, _ := io.ReadAll(w.Body)
	return w.Header().Get("X-Cache"), string(body)
}

func TestEditShowsNewText(t *testing.T) {
	e := MustOpenEnv(t)
	e.edit("Cached page", "first text")
	steps := []struct {
		edit, want, wantCache string
	}{
		{"", "first text", "MISS"},
		{"", "first text", "HIT"},
		{"second text", "second text", "MISS"},
		{"", "second text", "HIT"},
	}
	for i, s := range steps {
		if s.edit != "" {
			e.edit("Cached page", s.edit)
		}
		xc, body := e.get("/wiki/Cached_page")
		if xc != s.wantCache || !strings.Contains(body, s.want) {
			t.Errorf("step %d: X-Cache %s, text %q found: %v; want %s with it", i, xc, s.want, strings.Contains(body, s.want), s.wantCache)
		}
	}
}

func TestTemplateEditPurgesTransclusions(t *testing.T) {
	e := MustOpenEnv(t)
	e.edit("Template:Inner", "inner-v1")
	e.edit("Template:Outer", "outer({{Inner}})")
	e.edit("Direct", "direct {{Inner}}")
	e.edit("Indirect", "indirect {{Outer}}")
	e.runJobs()
	pages := []string{"/wiki/Direct", "/wiki/Indirect", "/wiki/Template:Outer"}
	for _, p := range pages {
		e.get(p)
		if xc, body := e.get(p); xc != "HIT" || !strings.Contains(body, "inner-v1") {
			t.Fatalf("%s before the template edit: X-Cache %s, has inner-v1: %v", p, xc, strings.Contains(body, "inner-v1"))
		}
	}
	e.edit("Template:Inner", "inner-v2")
	e.runJobs()
	for _, p := range pages {
		if xc, body := e.get(p); xc != "MISS" || !strings.Contains(body, "inner-v2") {
			t.Errorf("%s after the template edit: X-Cache %s, has inner-v2: %v; want MISS with it", p, xc, strings.Contains(body, "inner-v2"))
		}
	}
}

var targetLink = regexp.MustCompile(`<a [^>]*title="Target[^"]*"[^>]*>`)

func TestCreationAndDeletionFlipLinks(t *testing.T) {
	e := MustOpenEnv(t)
	e.edit("Linking", "see [[Target]]")
	e.get("/wiki/Linking")
	_, body := e.get("/wiki/Linking")
	if l := targetLink.FindString(body); !strings.Contains(l, `class="new"`) {
		t.Fatalf("link to a missing page = %q, want class=\"new\"", l)
	}
	e.edit("Target", "now it exists")
	e.runJobs()
	xc, body := e.get("/wiki/Linking")
	if l := targetLink.FindString(body); xc != "MISS" || l == "" || strings.Contains(l, `class="new"`) {
		t.Errorf("after creating Target: X-Cache %s, link %q; want MISS and a blue link", xc, l)
	}
	e.get("/wiki/Linking")
	e.delete("Target")
	e.runJobs()
	xc, body = e.get("/wiki/Linking")
	if l := targetLink.FindString(body); xc != "MISS" || !strings.Contains(l, `class="new"`) {
		t.Errorf("after deleting Target: X-Cache %s, link %q; want MISS and a red link", xc, l)
	}
}

// delete deletes a page as a sysop and tells the Invalidator.
func (e *env) delete(title string) {
	e.t.Helper()
	ctx := context.Background()
	t, err := e.wiki.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := e.wiki.CreateUser(ctx, "Admin", "a long enough password", []string{"sysop"})
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := e.store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.wiki.Delete(ctx, u, "192.0.2.1", p, "test"); err != nil {
		e.t.Fatalf("Delete(%s): %v", title, err)
	}
	if err := e.inv.PageChanged(ctx, t, pagecache.Deleted); err != nil {
		e.t.Fatal(err)
	}
}

var versionRE = regexp.MustCompile(`version-(\d+)`)

// TestNoStaleReadUnderConcurrentEdits edits a page while readers read it;
// a read that starts after an edit and its purge finished must show that
// edit or a later one.
func TestNoStaleReadUnderConcurrentEdits(t *testing.T) {
	e := MustOpenEnv(t)
	e.edit("Busy", "version-0")
	var committed atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	var reads atomic.Int64
	for range 3 {
		wg.Go(func() {
			for !stop.Load() {
				min := committed.Load()
				_, body := e.get("/wiki/Busy")
				m := versionRE.FindStringSubmatch(body)
				if m == nil {
					t.Errorf("no version in the page")
					return
				}
				if v, _ := strconv.ParseInt(m[1], 10, 64); v < min {
					t.Errorf("stale read: version %d after version %d was saved and purged", v, min)
					return
				}
				reads.Add(1)
			}
		})
	}
	for i := 1; i <= 15; i++ {
		e.edit("Busy", fmt.Sprintf("version-%d", i))
		committed.Store(int64(i))
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d reads during 15 edits", reads.Load())
}
