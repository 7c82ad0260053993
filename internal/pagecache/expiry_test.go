package pagecache_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla/bugzillatest"
)

// fakeClock is a settable time shared by the caches and the Bugzilla
// client of a test.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestLiveDataExpiry checks that a page with <bugzilla> is kept by the
// parser and page caches no longer than the Bugzilla answers (a
// test-set TTL of two minutes), with a matching s-maxage for CDNs, while
// a page without keeps the caches' long TTL.
func TestLiveDataExpiry(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	bz := bugzillatest.NewServer(t, bugzillatest.SampleBugs())
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	ns := folio.NewNamespaces("Testwiki")
	r := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Testwiki",
		Bugzilla: &render.BugzillaClient{BaseURL: bz.URL, TTL: 2 * time.Minute, Now: clock.Now}}
	w := wiki.New(store, ns)
	w.Linker = r
	pcache := inmem.NewCache(8 << 20)
	pcache.Now = clock.Now
	parsers := &pagecache.ParserCache{Renderer: r, Cache: pcache, Now: clock.Now}
	srv := &web.Server{Wiki: w, Store: store, Renderer: r, ParserCache: parsers, Namespaces: ns, Site: web.Site{Name: "Testwiki"}}
	vcache := inmem.NewCache(8 << 20)
	vcache.Now = clock.Now
	pages := &pagecache.PageCache{Cache: vcache, Namespaces: ns, Now: clock.Now}
	h := pages.Handler(srv.Handler())
	for title, text := range map[string]string{
		"Bugs":  "Open bugs:\n<bugzilla>{\"product\":\"Wiki\"}</bugzilla>",
		"Plain": "No live data here.",
	} {
		if _, err := w.Edit(context.Background(), wiki.EditRequest{Title: ns.MakeTitle(folio.NSMain, title), Text: text, IP: "192.0.2.1"}); err != nil {
			t.Fatal(err)
		}
	}
	get := func(path string, loggedIn bool) (xcache, cacheControl, body string) {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if loggedIn { // bypasses the page cache; the parser cache still serves
			req.Header.Set("Cookie", pagecache.DefaultSessionCookie+"=x")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, rec.Code)
		}
		b, _ := io.ReadAll(rec.Body)
		return rec.Header().Get("X-Cache"), rec.Header().Get("Cache-Control"), string(b)
	}
	steps := []struct {
		name           string
		advance        time.Duration
		path           string
		loggedIn       bool
		wantCache      string
		wantControl    string
		wantRequests   int // Bugzilla searches so far
		wantParseMiss  int64
		wantBodyString string
	}{
		{"bugs first view", 0, "/wiki/Bugs", false, "MISS", "s-maxage=120, must-revalidate, max-age=0", 1, 1, "mw-ext-bugzilla"},
		{"bugs cached", 0, "/wiki/Bugs", false, "HIT", "s-maxage=120, must-revalidate, max-age=0", 1, 1, "mw-ext-bugzilla"},
		{"plain first view", 0, "/wiki/Plain", false, "MISS", "s-maxage=300, must-revalidate, max-age=0", 1, 2, "No live data"},
		{"logged in: private, parser cache hit", 0, "/wiki/Bugs", true, "", "private, must-revalidate, max-age=0, s-maxage=120", 1, 2, "mw-ext-bugzilla"},
		{"bugs still cached", 90 * time.Second, "/wiki/Bugs", false, "HIT", "", 1, 2, ""},
		{"logged in later: the remaining life", 0, "/wiki/Bugs", true, "", "private, must-revalidate, max-age=0, s-maxage=30", 1, 2, "mw-ext-bugzilla"},
		{"bugs expired: rendered again", 60 * time.Second, "/wiki/Bugs", false, "MISS", "s-maxage=120, must-revalidate, max-age=0", 2, 3, "mw-ext-bugzilla"},
		{"plain kept", 0, "/wiki/Plain", false, "HIT", "s-maxage=300, must-revalidate, max-age=0", 2, 3, "No live data"},
		{"plain kept for hours", 20 * time.Hour, "/wiki/Plain", false, "HIT", "", 2, 3, ""},
		{"plain parser cache kept", 0, "/wiki/Plain", true, "", "private, must-revalidate, max-age=0", 2, 3, "No live data"},
		{"bugs parser cache expired", 0, "/wiki/Bugs", true, "", "", 3, 4, "mw-ext-bugzilla"},
	}
	for _, s := range steps {
		clock.Advance(s.advance)
		xcache, cc, body := get(s.path, s.loggedIn)
		if xcache != s.wantCache {
			t.Errorf("%s: X-Cache = %q, want %q", s.name, xcache, s.wantCache)
		}
		if s.wantControl != "" && cc != s.wantControl {
			t.Errorf("%s: Cache-Control = %q, want %q", s.name, cc, s.wantControl)
		}
		if n := bz.Requests(); n != s.wantRequests {
			t.Errorf("%s: %d Bugzilla searches, want %d", s.name, n, s.wantRequests)
		}
		if _, misses := parsers.Stats(); misses != s.wantParseMiss {
			t.Errorf("%s: %d parser cache misses, want %d", s.name, misses, s.wantParseMiss)
		}
		if !strings.Contains(body, s.wantBodyString) {
			t.Errorf("%s: body lacks %q", s.name, s.wantBodyString)
		}
	}
}

// TestResponseExpiry checks how the page cache reads a view's s-maxage:
// it stores for no longer, sends the lower s-maxage, stores nothing for
// zero or a malformed value, and keeps its own for a higher one.
func TestResponseExpiry(t *testing.T) {
	tests := []struct {
		name, handlerCC string
		wantCC          string
		wantStored      bool
		wantAfter61s    string // X-Cache a minute later
	}{
		{"no s-maxage", "private, must-revalidate, max-age=0", "s-maxage=300, must-revalidate, max-age=0", true, "HIT"},
		{"lower", "private, must-revalidate, max-age=0, s-maxage=60", "s-maxage=60, must-revalidate, max-age=0", true, "MISS"},
		{"higher than the page cache's", "private, s-maxage=3600", "s-maxage=300, must-revalidate, max-age=0", true, "HIT"},
		{"zero", "private, s-maxage=0", "private, s-maxage=0", false, "MISS"},
		{"malformed", "private, s-maxage=soon", "private, s-maxage=soon", false, "MISS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			c := inmem.NewCache(1 << 20)
			c.Now = clock.Now
			pc := &pagecache.PageCache{Cache: c, Namespaces: folio.NewNamespaces("Testwiki"), Now: clock.Now}
			h := pc.Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Cache-Control", tt.handlerCC)
				_, _ = io.WriteString(w, "page")
			}))
			get := func() *httptest.ResponseRecorder {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/wiki/Page", nil))
				return rec
			}
			if got := get().Header().Get("Cache-Control"); got != tt.wantCC {
				t.Errorf("Cache-Control = %q, want %q", got, tt.wantCC)
			}
			want := "MISS"
			if tt.wantStored {
				want = "HIT"
			}
			if got := get().Header().Get("X-Cache"); got != want {
				t.Errorf("second view X-Cache = %q, want %q", got, want)
			}
			clock.Advance(61 * time.Second)
			if got := get().Header().Get("X-Cache"); got != tt.wantAfter61s {
				t.Errorf("a minute later X-Cache = %q, want %q", got, tt.wantAfter61s)
			}
		})
	}
}
