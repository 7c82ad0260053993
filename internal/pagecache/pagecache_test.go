package pagecache_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// fakeWiki answers every request with a body naming the path and a
// counter, so tests can tell a fresh render from a cached one.
type fakeWiki struct {
	renders atomic.Int64
	during  func() // runs in the middle of a render
}

func (f *fakeWiki) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.renders.Add(1)
	if f.during != nil {
		f.during()
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "private, must-revalidate, max-age=0")
	h.Set("X-Request-Id", fmt.Sprint("req", n))
	switch {
	case strings.Contains(r.URL.Path, "Cookie"):
		h.Set("Set-Cookie", "folio_session=x")
	case strings.Contains(r.URL.Path, "Nostore"):
		h.Set("Cache-Control", "private, no-store")
	case strings.Contains(r.URL.Path, "Missing"):
		w.WriteHeader(http.StatusNotFound)
	case strings.Contains(r.URL.Path, "Broken"):
		w.WriteHeader(http.StatusInternalServerError)
	}
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, "<p>%s render %d</p>", r.URL.Path, n)
	}
}

func newCache(t *testing.T) (*pagecache.PageCache, *fakeWiki, http.Handler) {
	t.Helper()
	pc := &pagecache.PageCache{Cache: inmem.NewCache(8 << 20), Namespaces: folio.NewNamespaces("Testwiki"),
		SMaxAge: 300 * time.Second}
	f := &fakeWiki{}
	return pc, f, pc.Handler(f)
}

func do(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestMissThenHit(t *testing.T) {
	tests := []struct {
		name, target string
		wantStatus   int
	}{
		{"article path", "/wiki/Main_Page", 200},
		{"index.php view", "/index.php?title=Main_Page", 200},
		{"index.php action=view", "/index.php?title=Help:Contents&action=view", 200},
		{"missing page", "/wiki/Missing_page", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc, f, h := newCache(t)
			first := do(h, "GET", tt.target)
			second := do(h, "GET", tt.target)
			if first.Header().Get("X-Cache") != "MISS" || second.Header().Get("X-Cache") != "HIT" {
				t.Fatalf("X-Cache = %q then %q, want MISS then HIT", first.Header().Get("X-Cache"), second.Header().Get("X-Cache"))
			}
			if first.Code != tt.wantStatus || second.Code != tt.wantStatus {
				t.Errorf("status = %d then %d, want %d", first.Code, second.Code, tt.wantStatus)
			}
			if hits, misses := pc.Stats(); hits != 1 || misses != 1 {
				t.Errorf("Stats() = %d hits, %d misses; want 1, 1", hits, misses)
			}
			if first.Body.String() != second.Body.String() || f.renders.Load() != 1 {
				t.Errorf("HIT body %q differs from MISS body %q or renders = %d", second.Body, first.Body, f.renders.Load())
			}
			hdr := second.Header()
			for k, want := range map[string]string{"Cache-Control": "s-maxage=300, must-revalidate, max-age=0",
				"Vary": "Cookie", "X-Request-Id": "", "Content-Type": "text/html; charset=utf-8"} {
				if got := hdr.Get(k); got != want {
					t.Errorf("HIT header %s = %q, want %q", k, got, want)
				}
			}
			if age, err := strconv.Atoi(hdr.Get("Age")); err != nil || age < 0 || age > 60 {
				t.Errorf("HIT header Age = %q, want the seconds since the MISS", hdr.Get("Age"))
			}
			if hdr.Get("ETag") == "" || hdr.Get("ETag") != first.Header().Get("ETag") || hdr.Get("Last-Modified") == "" {
				t.Errorf("ETag %q/%q, Last-Modified %q", first.Header().Get("ETag"), hdr.Get("ETag"), hdr.Get("Last-Modified"))
			}
		})
	}
}

func TestBypass(t *testing.T) {
	tests := []struct {
		name, method, target string
		hdr                  []string
	}{
		{"session cookie", "GET", "/wiki/Main_Page", []string{"Cookie", "a=b; folio_session=abc"}},
		{"POST", "POST", "/wiki/Main_Page", nil},
		{"query on article path", "GET", "/wiki/Main_Page?redirect=no", nil},
		{"other action", "GET", "/index.php?title=Main_Page&action=history", nil},
		{"oldid", "GET", "/index.php?title=Main_Page&oldid=3", nil},
		{"special page", "GET", "/wiki/Special:RecentChanges", nil},
		{"non-canonical spelling", "GET", "/wiki/main_Page", nil},
		{"spaces", "GET", "/index.php?title=Main+Page", nil},
		{"response sets a cookie", "GET", "/wiki/Cookie", nil},
		{"response says no-store", "GET", "/wiki/Nostore", nil},
		{"server error", "GET", "/wiki/Broken", nil},
		{"other path", "GET", "/static/skin.css", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f, h := newCache(t)
			do(h, tt.method, tt.target, tt.hdr...)
			w := do(h, tt.method, tt.target, tt.hdr...)
			if f.renders.Load() != 2 || w.Header().Get("X-Cache") == "HIT" {
				t.Errorf("second %s %s: renders = %d, X-Cache %q; want 2 renders, no HIT",
					tt.method, tt.target, f.renders.Load(), w.Header().Get("X-Cache"))
			}
		})
	}
}

func TestConditional(t *testing.T) {
	_, _, h := newCache(t)
	first := do(h, "GET", "/wiki/Main_Page")
	etag, lm := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	tests := []struct {
		name string
		hdr  []string
		want int
	}{
		{"matching ETag", []string{"If-None-Match", etag}, 304},
		{"other ETag", []string{"If-None-Match", `"nope"`}, 200},
		{"star", []string{"If-None-Match", "*"}, 304},
		{"not modified since", []string{"If-Modified-Since", lm}, 304},
		{"modified since", []string{"If-Modified-Since", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(h, "GET", "/wiki/Main_Page", tt.hdr...)
			if w.Code != tt.want {
				t.Errorf("status = %d, want %d", w.Code, tt.want)
			}
			if tt.want == 304 && (w.Body.Len() != 0 || w.Header().Get("ETag") != etag) {
				t.Errorf("304 with body %q, ETag %q", w.Body, w.Header().Get("ETag"))
			}
		})
	}
}

func TestHeadUsesGetEntry(t *testing.T) {
	_, f, h := newCache(t)
	if w := do(h, "HEAD", "/wiki/Main_Page"); w.Header().Get("X-Cache") != "MISS" {
		t.Errorf("HEAD before any GET: X-Cache %q, want MISS", w.Header().Get("X-Cache"))
	}
	get := do(h, "GET", "/wiki/Main_Page")
	head := do(h, "HEAD", "/wiki/Main_Page")
	if head.Header().Get("X-Cache") != "HIT" || head.Body.Len() != 0 || f.renders.Load() != 2 {
		t.Errorf("HEAD after GET: X-Cache %q, body %d bytes, renders %d; want HIT, empty, 2",
			head.Header().Get("X-Cache"), head.Body.Len(), f.renders.Load())
	}
	if head.Header().Get("Content-Length") != fmt.Sprint(get.Body.Len()) {
		t.Errorf("HEAD Content-Length %q, want %d", head.Header().Get("Content-Length"), get.Body.Len())
	}
}

func TestPurge(t *testing.T) {
	pc, _, h := newCache(t)
	for _, target := range []string{"/wiki/Main_Page", "/index.php?title=Main_Page"} {
		do(h, "GET", target)
		if w := do(h, "GET", target); w.Header().Get("X-Cache") != "HIT" {
			t.Fatalf("%s not cached", target)
		}
	}
	if err := pc.Purge(context.Background(), pc.Namespaces.MakeTitle(folio.NSMain, "Main_Page")); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/wiki/Main_Page", "/index.php?title=Main_Page"} {
		if w := do(h, "GET", target); w.Header().Get("X-Cache") != "MISS" {
			t.Errorf("%s after Purge: X-Cache %q, want MISS", target, w.Header().Get("X-Cache"))
		}
	}
}

// TestPurgeDuringRender checks that a render that overlaps a purge is
// sent but not stored: it may have read the text from before the change.
func TestPurgeDuringRender(t *testing.T) {
	pc, f, h := newCache(t)
	main := pc.Namespaces.MakeTitle(folio.NSMain, "Main_Page")
	f.during = func() {
		f.during = nil
		_ = pc.Purge(context.Background(), main)
	}
	do(h, "GET", "/wiki/Main_Page")
	if w := do(h, "GET", "/wiki/Main_Page"); w.Header().Get("X-Cache") != "MISS" {
		t.Errorf("after a render overlapping a purge: X-Cache %q, want MISS", w.Header().Get("X-Cache"))
	}
	if w := do(h, "GET", "/wiki/Main_Page"); w.Header().Get("X-Cache") != "HIT" {
		t.Errorf("third read: X-Cache %q, want HIT", w.Header().Get("X-Cache"))
	}
}

func BenchmarkHit(b *testing.B) {
	pc := &pagecache.PageCache{Cache: inmem.NewCache(64 << 20), Namespaces: folio.NewNamespaces("Testwiki")}
	body := strings.Repeat("<p>Lorem ipsum dolor sit amet.</p>\n", 850) // about 30 KB
	h := pc.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	}))
	do(h, "GET", "/wiki/Main_Page")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	b.RunParallel(func(pb *testing.PB) {
		r := httptest.NewRequest("GET", "/wiki/Main_Page", nil)
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			h.ServeHTTP(w, r)
		}
	})
}

// discardWriter is a ResponseWriter that drops the body.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(int)             {}
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// TestHitHeadersAreNotShared checks that changing one response's headers
// cannot change the next hit's.
func TestHitHeadersAreNotShared(t *testing.T) {
	pc := &pagecache.PageCache{Cache: inmem.NewCache(1 << 20), Namespaces: folio.NewNamespaces("Testwiki")}
	h := pc.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, v := range []string{"a=1", "b=2", "c=3"} {
			w.Header().Add("Link", v)
		}
		fmt.Fprint(w, "x")
	}))
	outer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		w.Header().Add("Link", "outer")
		w.Header().Add("X-Cache", "outer")
	})
	for i := range 3 {
		w := do(outer, "GET", "/wiki/Main_Page")
		if got := w.Result().Header["Link"]; len(got) != 3 {
			t.Errorf("read %d: Link = %q, want the handler's three values", i, got)
		}
	}
}
