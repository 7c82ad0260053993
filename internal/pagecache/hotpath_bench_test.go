package pagecache_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// pageBody is a wiki page of about 30 KB, served by the fake handler.
var pageBody = strings.Repeat("<p>Lorem ipsum dolor sit amet, <a href=\"/wiki/X\">x</a>.</p>\n", 500)

// newHotCache returns a page cache in front of a handler that answers
// with pageBody, with the page already cached.
func newHotCache(b *testing.B) http.Handler {
	pc := &pagecache.PageCache{Cache: inmem.NewCache(8 << 20), Namespaces: folio.NewNamespaces("Testwiki"),
		SMaxAge: 300 * time.Second}
	h := pc.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(pageBody))
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/wiki/Bench_Article", nil))
	if w.Code != http.StatusOK {
		b.Fatalf("first view: status %d", w.Code)
	}
	return h
}

// BenchmarkHitPath measures an anonymous cached page view: key lookup, cache
// read and writing the stored headers and body.
func BenchmarkHitPath(b *testing.B) {
	h := newHotCache(b)
	r := httptest.NewRequest(http.MethodGet, "/wiki/Bench_Article", nil)
	b.Run("recorder", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(pageBody)))
		for b.Loop() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Header().Get("X-Cache") != "HIT" {
				b.Fatal("not a hit")
			}
		}
	})
	b.Run("writer", func(b *testing.B) {
		w := &discardWriter{h: http.Header{}}
		b.ReportAllocs()
		b.SetBytes(int64(len(pageBody)))
		for b.Loop() {
			clear(w.h)
			h.ServeHTTP(w, r)
		}
	})
}
