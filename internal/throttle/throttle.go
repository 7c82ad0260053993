// Package throttle counts events per key in sliding time windows, as
// MediaWiki's Throttler and $wgRateLimits do: failed logins, account
// requests and password-reset mails. Counts live in memory, so each server
// process keeps its own, unless Limiter.Store puts them where every web
// head sees them (Redis: internal/redis ThrottleStore).
//
// Defaults follow MediaWiki: LoginRules is $wgPasswordAttemptThrottle
// (5 per 300 s, 150 per 48 h for one account from one address),
// AccountRequestRules is $wgAccountCreationThrottle (6 per day per
// address) and PasswordResetRules is $wgRateLimits['mailpassword'] (5 per
// hour per address). CreateAccountRules is $wgAccountCreationThrottle as
// well, for open self-registration.
package throttle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
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
	CreateAccountRules  = []Rule{{6, 24 * time.Hour}}
)

// Store keeps the event times of keys where several processes share them.
// Keys are opaque; Limiter hashes its own keys before passing them on.
type Store interface {
	// Events returns the times of key's events after since, in ascending
	// order, and may forget older ones.
	Events(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	// AddEvent records an event of key at t; the key's events may be
	// forgotten after ttl without events.
	AddEvent(ctx context.Context, key string, t time.Time, ttl time.Duration) error
	// DeleteEvents forgets every event of key.
	DeleteEvents(ctx context.Context, key string) error
}

// storeTimeout bounds each call to a Store, so that a slow server delays a
// login by at most this much before the local counts take over.
const storeTimeout = 2 * time.Second

// Limiter counts events per key against its Rules. A Limiter with no
// rules allows everything. It is safe for concurrent use.
type Limiter struct {
	Rules []Rule
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Store, when set, holds the counts instead of this process's memory,
	// so that every web head sharing it counts the same events. When it
	// fails, the limiter logs and counts in memory for that call.
	Store Store
	// Name separates this limiter's keys from others' in a shared Store
	// ("login", "passwordreset"…).
	Name string
	// Logger receives Store failures; slog.Default() when nil.
	Logger *slog.Logger

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
	evs, ok := l.storedEvents(key, now)
	if !ok {
		l.mu.Lock()
		defer l.mu.Unlock()
		evs = l.prune(key, now)
	}
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
	if l.Store != nil {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		err := l.Store.AddEvent(ctx, l.storeKey(key), now, l.longest())
		if err == nil {
			return
		}
		l.logger().Warn("throttle store: record event", "throttle", l.Name, "err", err)
	}
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
	if l.Store != nil {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		if err := l.Store.DeleteEvents(ctx, l.storeKey(key)); err != nil {
			l.logger().Warn("throttle store: reset", "throttle", l.Name, "err", err)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.events, key)
}

// storedEvents returns key's events in the longest window from Store; ok
// is false without a Store or when it failed.
func (l *Limiter) storedEvents(key string, now time.Time) (evs []time.Time, ok bool) {
	if l.Store == nil || len(l.Rules) == 0 {
		return nil, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	evs, err := l.Store.Events(ctx, l.storeKey(key), now.Add(-l.longest()))
	if err != nil {
		l.logger().Warn("throttle store: read events", "throttle", l.Name, "err", err)
		return nil, false
	}
	return evs, true
}

// storeKey is the name of key in Store: the limiter's name and a hash, so
// that user names and addresses are not written out in the shared store.
func (l *Limiter) storeKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return l.Name + ":" + hex.EncodeToString(sum[:16])
}

func (l *Limiter) longest() time.Duration {
	var longest time.Duration
	for _, r := range l.Rules {
		longest = max(longest, r.Window)
	}
	return longest
}

func (l *Limiter) logger() *slog.Logger {
	if l.Logger == nil {
		return slog.Default()
	}
	return l.Logger
}

// prune drops the events of key older than the longest window and returns
// what is left. The caller holds l.mu.
func (l *Limiter) prune(key string, now time.Time) []time.Time {
	evs := l.events[key]
	kept := inWindow(evs, now.Add(-l.longest()))
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
