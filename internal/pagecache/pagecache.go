// Package pagecache makes page views cheap and keeps them correct:
//
//   - PageCache is HTTP middleware that keeps whole responses for readers
//     without a session (GET and HEAD of /wiki/Title and index.php views),
//     with X-Cache and Age, Cache-Control s-maxage for shared caches,
//     ETag and Last-Modified with 304 answers, and Vary: Cookie.
//   - ParserCache keeps rendered pages keyed by page, revision and the
//     options that change the output; logged-in users use it too.
//   - Invalidator purges both after a change: the page itself at once,
//     and through jobs the pages that link to it, redirect to it or
//     transclude it (recursively through templatelinks). It broadcasts
//     purges to other web heads over a folio.PubSub and sends HTTP PURGE
//     requests to CDN servers, again after a delay.
//
// A purge bumps a generation counter before it deletes, and a response
// rendered while the counter moved is not stored, so a render that read
// the old text can never refill the cache after the purge.
package pagecache

import (
	"context"
	"hash/fnv"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-wiki/folio"
)

// Defaults for PageCache's zero fields.
const (
	DefaultTTL           = 24 * time.Hour
	DefaultSMaxAge       = 5 * time.Minute
	DefaultSessionCookie = "folio_session"
	DefaultMaxBytes      = 4 << 20
)

// Header values shared by every response; never modified.
var (
	xCacheHit  = []string{"HIT"}
	xCacheMiss = []string{"MISS"}
)

// PageCache caches whole page views for readers without a session. Set
// the fields, then call Handler.
type PageCache struct {
	Cache      folio.Cache
	Namespaces *folio.Namespaces
	// TTL bounds how long an entry is kept in Cache.
	TTL time.Duration
	// SMaxAge is the s-maxage sent to shared caches (CDN).
	SMaxAge time.Duration
	// SessionCookie names the cookie whose presence bypasses the cache.
	SessionCookie string
	// MaxBytes is the largest body stored.
	MaxBytes int
	Logger   *slog.Logger
	Now      func() time.Time

	once         sync.Once
	gen          atomic.Uint64
	hits, misses atomic.Int64
	cacheControl []string
	cookieMark   string
	keys         memo[string]  // article path → key ("" when not cacheable)
	entries      memo[decoded] // key → decoded entry
	ages         [][]string    // Age header values 0…maxAge-1
}

// maxAge bounds the precomputed Age header values.
const maxAge = 3600

func (pc *PageCache) init() {
	pc.once.Do(func() {
		if pc.TTL <= 0 {
			pc.TTL = DefaultTTL
		}
		if pc.SMaxAge <= 0 {
			pc.SMaxAge = DefaultSMaxAge
		}
		if pc.SessionCookie == "" {
			pc.SessionCookie = DefaultSessionCookie
		}
		if pc.MaxBytes <= 0 {
			pc.MaxBytes = DefaultMaxBytes
		}
		if pc.Logger == nil {
			pc.Logger = slog.Default()
		}
		if pc.Now == nil {
			pc.Now = time.Now
		}
		pc.cookieMark = pc.SessionCookie + "="
		pc.ages = make([][]string, maxAge)
		for i := range pc.ages {
			pc.ages[i] = []string{strconv.Itoa(i)}
		}
		pc.cacheControl = []string{"s-maxage=" + strconv.Itoa(int(pc.SMaxAge/time.Second)) +
			", must-revalidate, max-age=0"}
	})
}

// Handler wraps next, the wiki's HTML handler.
func (pc *PageCache) Handler(next http.Handler) http.Handler {
	pc.init()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || pc.hasSession(r) {
			next.ServeHTTP(w, r)
			return
		}
		key, ok := pc.key(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if b, err := pc.Cache.Get(r.Context(), key); err == nil {
			if e, err := pc.decode(key, b); err == nil {
				pc.hits.Add(1)
				pc.serve(w, r, e, xCacheHit)
				return
			}
		}
		pc.misses.Add(1)
		pc.miss(w, r, key, next)
	})
}

// Stats returns how many cacheable requests were hits and misses.
func (pc *PageCache) Stats() (hits, misses int64) { return pc.hits.Load(), pc.misses.Load() }

// hasSession reports whether the request carries a session cookie.
func (pc *PageCache) hasSession(r *http.Request) bool {
	for _, c := range r.Header["Cookie"] {
		if strings.Contains(c, pc.cookieMark) {
			return true
		}
	}
	return false
}

// serve writes a cached or freshly stored entry, or 304 when the client
// holds it already.
func (pc *PageCache) serve(w http.ResponseWriter, r *http.Request, e *entry, xcache []string) {
	h := w.Header()
	for k, v := range e.Header {
		h[k] = v
	}
	h["X-Cache"] = xcache
	h["Age"] = pc.age(e)
	if notModified(r, e) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = e.length
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(e.Body)
	}
}

// age returns the Age header value of e.
func (pc *PageCache) age(e *entry) []string {
	a := max(pc.Now().Unix()-e.Stored, 0)
	if a < maxAge {
		return pc.ages[a]
	}
	return []string{strconv.FormatInt(a, 10)}
}

// notModified applies If-None-Match, or else If-Modified-Since.
func notModified(r *http.Request, e *entry) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return inm == "*" || strings.Contains(inm, e.ETag)
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && e.Stored <= t.Unix()
	}
	return false
}

// miss runs the handler, stores a cacheable answer and sends it.
func (pc *PageCache) miss(w http.ResponseWriter, r *http.Request, key string, next http.Handler) {
	if r.Method == http.MethodHead {
		w.Header()["X-Cache"] = xCacheMiss
		next.ServeHTTP(w, r)
		return
	}
	gen := pc.gen.Load()
	rec := &recorder{header: http.Header{}}
	next.ServeHTTP(rec, r)
	ttl, cacheControl, ok := pc.responseExpiry(rec.header)
	if !ok || !pc.storable(rec) {
		rec.replay(w)
		return
	}
	e := pc.newEntry(rec)
	e.Header["Cache-Control"] = cacheControl
	if err := storeUnlessPurged(r.Context(), pc.Cache, &pc.gen, gen, key, e.encode(), ttl); err != nil {
		pc.Logger.Warn("page cache store", "key", key, "err", err)
	}
	pc.serve(w, r, e, xCacheMiss)
}

// storeUnlessPurged stores value unless a purge began since gen was
// read: the render may have read the text from before the change. A purge
// that begins between the check and the store is caught by the second
// check, or else its delete comes after the store.
func storeUnlessPurged(ctx context.Context, c folio.Cache, cur *atomic.Uint64, gen uint64,
	key string, value []byte, ttl time.Duration) error {
	ctx = context.WithoutCancel(ctx)
	if cur.Load() != gen {
		return nil
	}
	if err := c.Set(ctx, key, value, ttl); err != nil {
		return err
	}
	if cur.Load() != gen {
		return c.Delete(ctx, key)
	}
	return nil
}

// storable reports whether a response may be shared between readers.
func (pc *PageCache) storable(rec *recorder) bool {
	if rec.status != http.StatusOK && rec.status != http.StatusNotFound {
		return false
	}
	if len(rec.header["Set-Cookie"]) > 0 || rec.body.Len() > pc.MaxBytes {
		return false
	}
	return !strings.Contains(rec.header.Get("Cache-Control"), "no-store")
}

// perRequest lists headers that belong to one response only.
var perRequest = []string{"Set-Cookie", "X-Request-Id", "Date", "Content-Length", "Age", "X-Cache"}

func (pc *PageCache) newEntry(rec *recorder) *entry {
	h := rec.header.Clone()
	for _, k := range perRequest {
		delete(h, k)
	}
	body := rec.body.Bytes()
	sum := fnv.New64a()
	sum.Write(body)
	e := &entry{Status: rec.status, Stored: pc.Now().Unix(), Header: h, Body: body,
		ETag: `"` + strconv.FormatUint(sum.Sum64(), 36) + `"`, length: []string{strconv.Itoa(len(body))}}
	h["Cache-Control"] = pc.cacheControl
	h["Etag"] = []string{e.ETag}
	h["Last-Modified"] = []string{time.Unix(e.Stored, 0).UTC().Format(http.TimeFormat)}
	if v := h.Get("Vary"); v == "" {
		h["Vary"] = []string{"Cookie"}
	} else if !strings.Contains(v, "Cookie") {
		h["Vary"] = []string{v + ", Cookie"}
	}
	return e
}

// Purge removes the cached views of titles from Cache.
func (pc *PageCache) Purge(ctx context.Context, titles ...folio.Title) error {
	var keys []string
	for _, t := range titles {
		keys = append(keys, pageKeys(t)...)
	}
	return pc.purgeKeys(ctx, keys)
}

// purgeKeys bumps the generation, then deletes keys.
func (pc *PageCache) purgeKeys(ctx context.Context, keys []string) error {
	pc.gen.Add(1)
	return pc.Cache.Delete(ctx, keys...)
}
