package main

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/throttle"
)

// accountState is where sessions and throttle counts live: in the
// database and in process memory by default, in Redis when FOLIO_REDIS_URL
// is set, so that every web head sees the same sessions and counts the
// same failed logins, resets and creations.
type accountState struct {
	// Sessions keeps the sessions; nil leaves them in the database.
	Sessions folio.SessionStore
	close    func() error
}

// sessions returns the session store, nil for the database's.
func (s *accountState) sessions() folio.SessionStore {
	if s == nil || s.Sessions == nil {
		return nil
	}
	return s.Sessions
}

// Close closes the Redis connections, if any.
func (s *accountState) Close() error {
	if s == nil || s.close == nil {
		return nil
	}
	return s.close()
}

// openAccountState connects to Redis when the configuration names it and
// moves the throttles of a.Wiki there. Keys start with the Redis prefix
// (redis_prefix, FOLIO_REDIS_PREFIX): sessions under "s:", throttles under
// "t:<name>:"; each expires with its session or its longest window.
func openAccountState(ctx context.Context, a *app) (*accountState, error) {
	st := &accountState{}
	if a.Config.Redis == "" {
		return st, nil
	}
	rc, err := redis.Open(ctx, a.Config.Redis, a.Config.RedisPrefix)
	if err != nil {
		return nil, fmt.Errorf("open redis for sessions: %w", err)
	}
	st.Sessions, st.close = rc.Sessions(), rc.Close
	ts := rc.Throttles()
	for name, l := range accountThrottles(a) {
		if l != nil {
			l.Store, l.Name, l.Logger = ts, name, a.Logger
		}
	}
	return st, nil
}

// accountThrottles names the throttles of the account flows.
func accountThrottles(a *app) map[string]*throttle.Limiter {
	return map[string]*throttle.Limiter{
		"login":          a.Wiki.LoginThrottle,
		"passwordreset":  a.Wiki.Accounts.PasswordResetThrottle,
		"accountrequest": a.Wiki.Accounts.AccountRequestThrottle,
		"createaccount":  a.Wiki.Accounts.CreateAccountThrottle,
	}
}

// parseTrustedProxies reads trusted_proxies (FOLIO_TRUSTED_PROXIES): a
// comma-separated list of addresses or CIDR prefixes of the reverse
// proxies whose X-Forwarded-For header names the client.
func parseTrustedProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("invalid configuration: trusted_proxies (FOLIO_TRUSTED_PROXIES): %q is not an address or CIDR prefix", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
