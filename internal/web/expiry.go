package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// expiryUnits are the duration units an expiry may use.
var expiryUnits = map[string]time.Duration{
	"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour,
	"week": 7 * 24 * time.Hour, "month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour,
}

// infiniteWords mean "never expires", as MediaWiki accepts them.
var infiniteWords = map[string]bool{"": true, "infinite": true, "indefinite": true, "infinity": true, "never": true}

// parseExpiry reads an expiry: one of infiniteWords (zero time), a
// duration such as "2 weeks" counted from now, or an absolute time
// (RFC 3339, "2006-01-02 15:04" or "2006-01-02", UTC).
func parseExpiry(s string, now time.Time) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if infiniteWords[s] {
		return time.Time{}, nil
	}
	if d, ok := parseDuration(s); ok {
		return now.Add(d).UTC().Truncate(time.Second), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			if !t.After(now) {
				return time.Time{}, folio.Errorf(folio.EInvalidParameter, "The expiry time %q is in the past.", s)
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, folio.Errorf(folio.EInvalidParameter, "The expiry time %q is not valid: use “infinite”, a duration such as “1 week”, or a date.", s)
}

// parseDuration reads "N unit" or "N units".
func parseDuration(s string) (time.Duration, bool) {
	num, unit, ok := strings.Cut(s, " ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	d, known := expiryUnits[strings.TrimSuffix(strings.TrimSpace(unit), "s")]
	if err != nil || !known || n <= 0 || n > 1000 {
		return 0, false
	}
	return time.Duration(n) * d, true
}

// formatExpiry is the value an expiry field shows for t.
func formatExpiry(t time.Time) string {
	if t.IsZero() {
		return "infinite"
	}
	return t.UTC().Format(time.RFC3339)
}
