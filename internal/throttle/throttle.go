// Package throttle counts events per key in sliding time windows, as
// MediaWiki's Throttler and $wgRateLimits do: failed logins, account
// requests and password-reset mails. Counts live in memory, so each server
// process keeps its own.
//
// Defaults follow MediaWiki: LoginRules is $wgPasswordAttemptThrottle
// (5 per 300 s, 150 per 48 h for one account from one address),
// AccountRequestRules is $wgAccountCreationThrottle (6 per day per
// address) and PasswordResetRules is $wgRateLimits['mailpassword'] (5 per
// hour per address).
package throttle

import (
	"sync"
	"time"
)

// Rule allows at most Count events in any Window.
type Rule struct {
	Count  int           `toml:"count"`
	Window time.Duration `toml:"seconds"`
}

// MediaWiki's default rules.
var (
	LoginRules          = []Rule{{5, 300 * time.Second}, {150, 48 * time.Hour}}
	AccountRequestRules = []Rule{{6, 24 * time.Hour}}
	PasswordResetRules  = []Rule{{5, time.Hour}}
)

// Limiter counts events per key against its Rules. A Limiter with no
// rules allows everything. It is safe for concurrent use.
type Limiter struct {
	Rules []Rule
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	mu     sync.Mutex
	events map[string][]time.Time
	hits   int
}

// New returns a Limiter with rules.
func New(rules ...Rule) *Limiter {
	return &Limiter{Rules: rules}
}

func (l *Limiter) now() time.Time {
	if l.Now == nil {
		return time.Now()
	}
	return l.Now()
}

// Allow reports whether one more event for key fits every rule. When it
// does not, wait is how long until it would.
func (l *Limiter) Allow(key string) (ok bool, wait time.Duration) {
	if l == nil {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	evs := l.prune(key, now)
	for _, r := range l.Rules {
		if r.Count <= 0 {
			continue
		}
		in := inWindow(evs, now.Add(-r.Window))
		if len(in) >= r.Count {
			// The oldest event that must leave the window first.
			w := in[len(in)-r.Count].Add(r.Window).Sub(now)
			if w > wait {
				wait = w
			}
		}
	}
	return wait == 0, wait
}

// Hit records one event for key.
func (l *Limiter) Hit(key string) {
	if l == nil || len(l.Rules) == 0 {
		return
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil {
		l.events = map[string][]time.Time{}
	}
	l.events[key] = append(l.prune(key, now), now)
	if l.hits++; l.hits%1024 == 0 {
		for k := range l.events {
			l.prune(k, now)
		}
	}
}

// Reset forgets the events of key, as a successful login does.
func (l *Limiter) Reset(key string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.events, key)
}

// prune drops the events of key older than the longest window and returns
// what is left. The caller holds l.mu.
func (l *Limiter) prune(key string, now time.Time) []time.Time {
	evs := l.events[key]
	var longest time.Duration
	for _, r := range l.Rules {
		longest = max(longest, r.Window)
	}
	kept := inWindow(evs, now.Add(-longest))
	if len(kept) == 0 {
		delete(l.events, key)
		return nil
	}
	if len(kept) < len(evs) {
		kept = append([]time.Time(nil), kept...)
		l.events[key] = kept
	}
	return kept
}

// inWindow returns the suffix of the ascending evs after since.
func inWindow(evs []time.Time, since time.Time) []time.Time {
	i := 0
	for i < len(evs) && !evs[i].After(since) {
		i++
	}
	return evs[i:]
}
