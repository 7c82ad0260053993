package web

import (
	"strconv"
	"time"
)

// viewCacheControl returns the Cache-Control header of a page view. A
// rendering that shows live data (a <bugzilla> table) carries a cache
// expiry; the header then adds it as s-maxage, which internal/pagecache
// reads to keep the page no longer than that, and replaces with its own
// public header. The response stays private, so a shared cache never
// stores a view the page cache has not vetted (a logged-in reader's).
func viewCacheControl(v *view) string {
	const base = "private, must-revalidate, max-age=0"
	if v == nil || v.cacheExpiry <= 0 {
		return base
	}
	return base + ", s-maxage=" + strconv.FormatInt(int64(v.cacheExpiry/time.Second), 10)
}
