package folio

import (
	"context"
	"time"
)

// ReadOnly is the wiki-wide read-only switch, MediaWiki's $wgReadOnly kept
// in the database so that `folio readonly on` reaches every web head at
// once. While On, edits, uploads, account changes and API writes fail with
// EReadOnly and Reason; reads keep working.
type ReadOnly struct {
	On     bool
	Reason string
	Actor  string    // who switched it on (a user name or "maintenance")
	Since  time.Time // when it was switched on
}

// ReadOnlyStore reads and sets the read-only switch.
type ReadOnlyStore interface {
	// FindReadOnly returns the switch; the zero ReadOnly means writable.
	FindReadOnly(ctx context.Context) (ReadOnly, error)
	// SetReadOnly switches read-only mode on (ro.On, with a reason) or off.
	SetReadOnly(ctx context.Context, ro ReadOnly) error
}
