package ops

import (
	"context"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
)

// ReadOnlyFinder reads the wiki-wide read-only switch.
type ReadOnlyFinder interface {
	FindReadOnly(ctx context.Context) (folio.ReadOnly, error)
}

// ReadOnlyCache answers "is the wiki read-only, and why?" on every request
// while reading the database at most once per TTL, so that
// `folio readonly on` reaches every web head within TTL.
type ReadOnlyCache struct {
	Store ReadOnlyFinder
	// Static, when not empty, is a reason from the configuration
	// (read_only, FOLIO_READ_ONLY); it wins over the database.
	Static string
	// TTL is how long a read is reused; default one second.
	TTL time.Duration
	Now func() time.Time

	mu      sync.Mutex
	reason  string
	fetched time.Time
}

// Reason returns why the wiki is read-only, or "" when it accepts writes.
// When the database cannot be read the last known answer stands.
func (c *ReadOnlyCache) Reason(ctx context.Context) string {
	if c.Static != "" {
		return c.Static
	}
	now := time.Now()
	if c.Now != nil {
		now = c.Now()
	}
	ttl := c.TTL
	if ttl <= 0 {
		ttl = time.Second
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fetched.IsZero() && now.Sub(c.fetched) < ttl {
		return c.reason
	}
	ro, err := c.Store.FindReadOnly(ctx)
	if err != nil {
		return c.reason
	}
	c.reason, c.fetched = "", now
	if ro.On {
		c.reason = ro.Reason
	}
	return c.reason
}
