package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// Listing limits, as MediaWiki's: 5000 at most.
const maxLimit = 5000

// pageLimits are the limit links under a listing.
var pageLimits = []int{20, 50, 100, 250, 500}

// pager reads and writes the limit/offset/dir parameters of a listing that
// pages by row id, newest first. Offset 0 means the start; Dir "prev" means
// rows newer than Offset, otherwise rows older than it.
type pager struct {
	Limit  int
	Offset int64
	Dir    string
}

// parsePager reads limit, offset and dir from the query.
func parsePager(r *http.Request, defaultLimit int) pager {
	q := r.URL.Query()
	p := pager{Limit: defaultLimit, Dir: q.Get("dir")}
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		p.Limit = min(n, maxLimit)
	}
	if n, err := strconv.ParseInt(q.Get("offset"), 10, 64); err == nil && n > 0 {
		p.Offset = n
	}
	if p.Dir != "prev" {
		p.Dir = ""
	}
	return p
}

// Newer reports whether the page lists rows newer than Offset.
func (p pager) Newer() bool { return p.Dir == "prev" }

// Before and After are the id bounds to pass to a store filter; fetch
// Limit+1 rows to learn whether there are more.
func (p pager) Before() int64 {
	if p.Newer() {
		return 0
	}
	return p.Offset
}

// After is the lower id bound for Dir "prev".
func (p pager) After() int64 {
	if p.Newer() {
		return p.Offset
	}
	return 0
}

// pagerNav is what the "pager" template shows; empty URLs are disabled.
type pagerNav struct {
	Limit                        int
	Newest, Oldest, Newer, Older string
	Limits                       []link
}

// nav builds the navigation for a page of rows from firstID (newest shown)
// to lastID (oldest shown). more tells whether the store returned more
// rows than Limit in the direction read. urlFor turns query parameters into
// the listing's URL.
func (p pager) nav(urlFor func(url.Values) string, firstID, lastID int64, more bool) *pagerNav {
	hasOlder, hasNewer := more, p.Offset != 0
	if p.Newer() {
		hasOlder, hasNewer = p.Offset != 0, more
	}
	lim := strconv.Itoa(p.Limit)
	n := &pagerNav{Limit: p.Limit}
	if hasNewer && firstID != 0 {
		n.Newest = urlFor(url.Values{"limit": {lim}})
		n.Newer = urlFor(url.Values{"limit": {lim}, "offset": {strconv.FormatInt(firstID, 10)}, "dir": {"prev"}})
	}
	if hasOlder && lastID != 0 {
		n.Oldest = urlFor(url.Values{"limit": {lim}, "dir": {"prev"}})
		n.Older = urlFor(url.Values{"limit": {lim}, "offset": {strconv.FormatInt(lastID, 10)}})
	}
	for _, l := range pageLimits {
		q := url.Values{"limit": {strconv.Itoa(l)}}
		if p.Offset != 0 {
			q.Set("offset", strconv.FormatInt(p.Offset, 10))
		}
		if p.Dir != "" {
			q.Set("dir", p.Dir)
		}
		n.Limits = append(n.Limits, link{Href: urlFor(q), Text: strconv.Itoa(l)})
	}
	return n
}
