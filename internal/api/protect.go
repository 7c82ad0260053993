package api

import (
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// runProtect is action=protect: protections=edit=sysop|move=autoconfirmed
// with expiry (one value, or one per protection).
func (s *Server) runProtect(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	specs := c.multi("protections")
	expiries := c.multi("expiry")
	if len(expiries) == 0 {
		expiries = []string{"infinite"}
	}
	if len(expiries) != 1 && len(expiries) != len(specs) {
		return usageError("toofewexpiries", "Give one expiry, or one for each protection.")
	}
	c.str("cascade")
	c.str("tags")
	c.str("watchlist")
	var prs []folio.Protection
	list := []any{}
	for i, spec := range specs {
		typ, level, _ := strings.Cut(spec, "=")
		exp := expiries[0]
		if len(expiries) > 1 {
			exp = expiries[i]
		}
		at, err := parseExpiry(exp, s.now())
		if err != nil {
			return err
		}
		if level != "all" && level != "" {
			prs = append(prs, folio.Protection{Type: typ, Level: level, Expiry: at})
		}
		list = append(list, newObj().set(typ, level).set("expiry", formatExpiry(at)))
	}
	reason := c.str("reason")
	wr, err := s.watchlistParam(c, false)
	if err != nil {
		return err
	}
	if _, err := s.Wiki.Protect(c.ctx, c.user(), c.ip(), p, prs, reason); err != nil {
		return err
	}
	if _, err := s.applyWatchlist(c, wr, t, false); err != nil {
		return err
	}
	c.result.set("protect", newObj().set("title", t.PrefixedText()).set("reason", reason).set("protections", list))
	return nil
}

// parseExpiry reads an expiry: infinite, a timestamp, or a duration such
// as "1 week" or "3 days".
func parseExpiry(v string, now time.Time) (time.Time, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "", "infinite", "indefinite", "infinity", "never":
		return time.Time{}, nil
	}
	if t, ok := parseTimestamp(v); ok {
		return t, nil
	}
	var n int
	var unit string
	if _, err := fmt.Sscanf(v, "%d %s", &n, &unit); err == nil && n > 0 {
		units := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour,
			"week": 7 * 24 * time.Hour, "month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour}
		if d, ok := units[strings.TrimSuffix(unit, "s")]; ok {
			return now.Add(time.Duration(n) * d).UTC().Truncate(time.Second), nil
		}
	}
	return time.Time{}, usageError("invalidexpiry", fmt.Sprintf("The expiry %q is not valid.", v))
}

func formatExpiry(t time.Time) string {
	if t.IsZero() {
		return "infinite"
	}
	return timestamp(t)
}
