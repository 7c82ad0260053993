package folio

import (
	"context"
	"time"
)

// WatchlistNotifyStore keeps the notification timestamps of watchlists
// (wl_notificationtimestamp): when a watched page changed that the watcher
// has not seen since.
type WatchlistNotifyStore interface {
	// NotifyWatchers sets the notification timestamp of every user who
	// watches t, other than editorID (0 for an anonymous editor) and users
	// who already have an unseen change there, to at; it returns how many
	// items changed.
	NotifyWatchers(ctx context.Context, t LinkTarget, editorID int64, at time.Time) (int, error)
	// SetNotificationTimestamps sets the notification timestamp of the
	// user's items for titles (all the user's items when titles is nil) to
	// at, or clears it when at is zero; it returns how many items changed.
	SetNotificationTimestamps(ctx context.Context, userID int64, titles []LinkTarget, at time.Time) (int, error)
}
