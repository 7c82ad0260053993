package folio

import (
	"context"
	"time"
)

// WatchedItem is a row of MediaWiki's watchlist table: one title a user
// watches. Watching a page watches its talk page too, so the service layer
// stores both rows of the pair, as MediaWiki does.
type WatchedItem struct {
	UserID    int64
	Namespace int
	DBKey     string
	// Expiry is when the item stops being watched; zero means never.
	Expiry time.Time
	// NotificationTimestamp is when someone else first changed the page
	// since the user last visited it (wl_notificationtimestamp); zero when
	// the user has seen every change.
	NotificationTimestamp time.Time
}

// Expired reports whether the item has stopped being watched at now.
func (w *WatchedItem) Expired(now time.Time) bool {
	return !w.Expiry.IsZero() && !now.Before(w.Expiry)
}

// WatchlistFilter selects the titles a user watches, in (namespace, title)
// order. Pointer fields are unset when nil.
type WatchlistFilter struct {
	UserID    int64
	Namespace *int
	// From, when set, starts the list at this title (inclusive), in the
	// direction of the order: paging continuation.
	From       *LinkTarget
	Descending bool
	// Now, when not zero, leaves out items that expired by then.
	Now   time.Time
	Limit int
}

// WatchlistChangeFilter selects the recent changes of a watchlist
// (Special:Watchlist, list=watchlist).
type WatchlistChangeFilter struct {
	RecentChangeFilter
	UserID int64
	// Now, when not zero, leaves out titles whose watch expired by then.
	Now time.Time
	// AllRevisions lists every change; otherwise only the change that
	// made each page's latest revision, and log entries, are listed.
	AllRevisions bool
	// Unread, when set, keeps only changes the user has (true) or has not
	// (false) yet seen: a change is unread when it is not older than the
	// item's notification timestamp.
	Unread *bool
}

// WatchlistStore keeps watchlists (MediaWiki's watchlist table).
type WatchlistStore interface {
	// WatchPages adds titles to the user's watchlist with expiry (zero: no
	// expiry); titles already watched get the new expiry.
	WatchPages(ctx context.Context, userID int64, titles []LinkTarget, expiry time.Time) error
	// UnwatchPages removes titles from the user's watchlist; titles not
	// watched are ignored.
	UnwatchPages(ctx context.Context, userID int64, titles []LinkTarget) error
	// ClearWatchlist removes every title from the user's watchlist and
	// returns how many there were.
	ClearWatchlist(ctx context.Context, userID int64) (int, error)
	// FindWatchedItems returns the items among titles that the user
	// watches, keyed by namespace and DBKey (Fragment empty), expired ones
	// included.
	FindWatchedItems(ctx context.Context, userID int64, titles []LinkTarget) (map[LinkTarget]*WatchedItem, error)
	// FindWatchlist lists watched titles matching f.
	FindWatchlist(ctx context.Context, f WatchlistFilter) ([]*WatchedItem, error)
	// CopyWatchers adds to to the watchlist of every user who watches
	// from, with the same expiry (a page move keeps its watchers), and
	// returns how many users that was.
	CopyWatchers(ctx context.Context, from, to LinkTarget) (int, error)
	// FindWatchlistChanges lists the recent changes to titles a user
	// watches, matching f, newest first.
	FindWatchlistChanges(ctx context.Context, f WatchlistChangeFilter) ([]*RecentChange, error)
}
