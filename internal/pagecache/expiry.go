package pagecache

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Pages showing live data (a <bugzilla> table) may be kept for less than
// the caches' TTL: the rendering carries a CacheExpiry, which the parser
// cache applies when it stores it, and which the page view passes to the
// page cache as the s-maxage of its Cache-Control header ("private, …,
// s-maxage=N": private keeps shared caches from storing the response
// before the page cache has replaced the header).
// The page cache stores such a response for no longer than that and sends
// shared caches the lower s-maxage.

// storeTTL returns how long to keep an entry given the cache's ttl and
// the content's expiry (zero: no limit), and false when the entry must
// not be stored: caches keep nothing for less than a second, and some
// treat a zero TTL as "forever".
func storeTTL(ttl, expiry time.Duration) (time.Duration, bool) {
	if expiry <= 0 {
		return ttl, true
	}
	if expiry < time.Second {
		return 0, false
	}
	return min(ttl, expiry), true
}

// sMaxAge returns the s-maxage directive of a Cache-Control header.
func sMaxAge(h http.Header) (time.Duration, bool) {
	for _, v := range h.Values("Cache-Control") {
		for d := range strings.SplitSeq(v, ",") {
			name, val, ok := strings.Cut(strings.TrimSpace(d), "=")
			if !ok || !strings.EqualFold(name, "s-maxage") {
				continue
			}
			n, err := strconv.ParseInt(strings.Trim(val, `"`), 10, 64)
			if err != nil || n < 0 {
				return 0, true // malformed: do not keep
			}
			return time.Duration(n) * time.Second, true
		}
	}
	return 0, false
}

// responseExpiry returns how long to keep a response whose handler sent
// header h, and the Cache-Control header to store with it; false when it
// must not be stored.
func (pc *PageCache) responseExpiry(h http.Header) (time.Duration, []string, bool) {
	d, ok := sMaxAge(h)
	if !ok {
		return pc.TTL, pc.cacheControl, true
	}
	ttl, ok := storeTTL(pc.TTL, max(d, time.Nanosecond))
	if !ok {
		return 0, nil, false
	}
	if d >= pc.SMaxAge {
		return ttl, pc.cacheControl, true
	}
	return ttl, []string{"s-maxage=" + strconv.FormatInt(int64(d/time.Second), 10) + ", must-revalidate, max-age=0"}, true
}

// remainingExpiry is what is left at now of an expiry counted from
// stored (Unix nanoseconds): a rendering served from the parser cache
// carries its remaining life, so that the page cache and CDNs do not keep
// it for a whole expiry more. Nothing left means "do not cache".
func remainingExpiry(expiry time.Duration, stored int64, now time.Time) time.Duration {
	if expiry <= 0 || stored <= 0 {
		return expiry
	}
	left := expiry - now.Sub(time.Unix(0, stored))
	if left < time.Second {
		return time.Nanosecond
	}
	return min(left, expiry)
}
