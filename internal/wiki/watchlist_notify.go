package wiki

import (
	"context"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

func (s *Service) watchlistNotify() (folio.WatchlistNotifyStore, error) {
	if st, ok := s.Store.(folio.WatchlistNotifyStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep watchlist notification timestamps")
}

// notifyWatchers marks a saved change unseen for the page's watchers other
// than the editor u (nil for an anonymous editor), as MediaWiki's
// wl_notificationtimestamp does: a watcher who has an older unseen change
// keeps its time. It runs even if the request is cancelled: the change is
// already saved.
func (s *Service) notifyWatchers(ctx context.Context, u *folio.User, res *folio.EditResult) {
	if res == nil || res.NoChange || res.Page == nil || res.Revision == nil {
		return
	}
	st, err := s.watchlistNotify()
	if err != nil {
		return
	}
	var editor int64
	if u != nil {
		editor = u.ID
	}
	t := folio.LinkTarget{Namespace: res.Page.Namespace, DBKey: res.Page.DBKey}
	if _, err := st.NotifyWatchers(context.WithoutCancel(ctx), t, editor, res.Revision.Timestamp); err != nil {
		s.Logger.Error("set watchlist notification timestamps", "page", res.Page.DBKey, "err", err)
	}
}

// PageVisited clears u's notification timestamp of t: u has seen the
// current revision. It does nothing for anonymous visitors, users without
// the editmywatchlist right, titles u does not watch or has seen, and on a
// read-only wiki, so a plain view writes only when there is something to
// clear.
func (s *Service) PageVisited(ctx context.Context, u *folio.User, t folio.Title) {
	if u == nil || u.ID == 0 || !s.Allowed(u, "editmywatchlist") || s.checkWritable() != nil {
		return
	}
	ws, err := s.watchlists()
	if err != nil {
		return
	}
	st, err := s.watchlistNotify()
	if err != nil {
		return
	}
	target := folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}
	items, err := ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{target})
	if err != nil || items[target] == nil || items[target].NotificationTimestamp.IsZero() {
		return
	}
	if _, err := st.SetNotificationTimestamps(context.WithoutCancel(ctx), u.ID, []folio.LinkTarget{target}, time.Time{}); err != nil {
		s.Logger.Error("clear watchlist notification timestamp", "title", t.PrefixedText(), "err", err)
	}
}

// SetNotificationTimestamps sets u's notification timestamps of titles, or
// of the whole watchlist when titles is nil, to at; a zero at marks them
// visited. It returns how many items changed.
func (s *Service) SetNotificationTimestamps(ctx context.Context, u *folio.User, titles []folio.Title, at time.Time) (int, error) {
	if err := s.checkWritable(); err != nil {
		return 0, err
	}
	if _, err := s.checkWatchlist(u, "editmywatchlist"); err != nil {
		return 0, err
	}
	st, err := s.watchlistNotify()
	if err != nil {
		return 0, err
	}
	var targets []folio.LinkTarget
	if titles != nil {
		targets = make([]folio.LinkTarget, 0, len(titles))
		for _, t := range titles {
			targets = append(targets, folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey})
		}
	}
	return st.SetNotificationTimestamps(ctx, u.ID, targets, at)
}

// MarkAllVisited marks every page on u's watchlist visited
// (Special:Watchlist's button).
func (s *Service) MarkAllVisited(ctx context.Context, u *folio.User) (int, error) {
	return s.SetNotificationTimestamps(ctx, u, nil, time.Time{})
}
