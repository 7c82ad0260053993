package wiki

import (
	"context"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

// Watchlist options of the edit, upload, delete, protect and move forms
// (MediaWiki's watchlist parameter).
const (
	WatchOptionWatch       = "watch"
	WatchOptionUnwatch     = "unwatch"
	WatchOptionPreferences = "preferences"
	WatchOptionNoChange    = "nochange"
)

func (s *Service) watchlists() (folio.WatchlistStore, error) {
	if st, ok := s.Store.(folio.WatchlistStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep watchlists")
}

// checkWatchlist returns the store when u may use right on its own
// watchlist: ENotLoggedIn for anonymous visitors, EPermissionDenied without
// the right.
func (s *Service) checkWatchlist(u *folio.User, right string) (folio.WatchlistStore, error) {
	if u == nil || u.ID == 0 {
		return nil, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to use a watchlist.")
	}
	if !s.Allowed(u, right) {
		return nil, folio.Errorf(folio.EPermissionDenied, "You do not have permission to %s your watchlist: the %q right is needed.",
			map[string]string{"viewmywatchlist": "view", "editmywatchlist": "change"}[right], right)
	}
	return s.watchlists()
}

// watchPair returns the subject and talk page of t, the rows MediaWiki keeps
// for one watched page; EInvalidTitle for titles that cannot be watched.
func (s *Service) watchPair(t folio.Title) ([]folio.LinkTarget, error) {
	if t.Namespace < 0 || t.IsExternal() || t.DBKey == "" {
		return nil, folio.Errorf(folio.EInvalidTitle, "The page %q cannot be watched.", t.PrefixedText())
	}
	subj := s.Namespaces.SubjectPage(t)
	out := []folio.LinkTarget{{Namespace: subj.Namespace, DBKey: subj.DBKey}}
	if talk, ok := s.Namespaces.TalkPage(t); ok && talk.Namespace != subj.Namespace {
		out = append(out, folio.LinkTarget{Namespace: talk.Namespace, DBKey: talk.DBKey})
	}
	return out, nil
}

// Watch adds the page t and its talk page to u's watchlist until expiry
// (zero: until removed).
func (s *Service) Watch(ctx context.Context, u *folio.User, t folio.Title, expiry time.Time) error {
	return s.WatchTitles(ctx, u, []folio.Title{t}, expiry)
}

// WatchTitles adds the pages and their talk pages to u's watchlist.
func (s *Service) WatchTitles(ctx context.Context, u *folio.User, titles []folio.Title, expiry time.Time) error {
	st, targets, err := s.watchTargets(u, titles)
	if err != nil {
		return err
	}
	if !expiry.IsZero() && !expiry.After(s.now()) {
		return folio.Errorf(folio.EInvalidParameter, "The watch period must end in the future.")
	}
	return st.WatchPages(ctx, u.ID, targets, expiry)
}

// Unwatch removes the page t and its talk page from u's watchlist.
func (s *Service) Unwatch(ctx context.Context, u *folio.User, t folio.Title) error {
	return s.UnwatchTitles(ctx, u, []folio.Title{t})
}

// UnwatchTitles removes the pages and their talk pages from u's watchlist.
func (s *Service) UnwatchTitles(ctx context.Context, u *folio.User, titles []folio.Title) error {
	st, targets, err := s.watchTargets(u, titles)
	if err != nil {
		return err
	}
	return st.UnwatchPages(ctx, u.ID, targets)
}

func (s *Service) watchTargets(u *folio.User, titles []folio.Title) (folio.WatchlistStore, []folio.LinkTarget, error) {
	if err := s.checkWritable(); err != nil {
		return nil, nil, err
	}
	st, err := s.checkWatchlist(u, "editmywatchlist")
	if err != nil {
		return nil, nil, err
	}
	var targets []folio.LinkTarget
	for _, t := range titles {
		pair, err := s.watchPair(t)
		if err != nil {
			return nil, nil, err
		}
		targets = append(targets, pair...)
	}
	return st, targets, nil
}

// MoveWatchers gives the page to and its talk page the watchers of the
// page from and its talk page, as a page move does in MediaWiki; the old
// titles stay watched.
func (s *Service) MoveWatchers(ctx context.Context, from, to folio.Title) error {
	st, err := s.watchlists()
	if err != nil {
		return err
	}
	src, err := s.watchPair(from)
	if err != nil {
		return err
	}
	dst, err := s.watchPair(to)
	if err != nil {
		return err
	}
	for i := range src {
		if i < len(dst) {
			if _, err := st.CopyWatchers(ctx, src[i], dst[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// ClearWatchlist empties u's watchlist and returns how many titles it held.
func (s *Service) ClearWatchlist(ctx context.Context, u *folio.User) (int, error) {
	if err := s.checkWritable(); err != nil {
		return 0, err
	}
	st, err := s.checkWatchlist(u, "editmywatchlist")
	if err != nil {
		return 0, err
	}
	return st.ClearWatchlist(ctx, u.ID)
}

// WatchedItems returns, among titles, those u watches now, keyed by
// namespace and DBKey. Anonymous visitors and users without the
// viewmywatchlist right watch nothing.
func (s *Service) WatchedItems(ctx context.Context, u *folio.User, titles []folio.Title) (map[folio.LinkTarget]*folio.WatchedItem, error) {
	st, err := s.checkWatchlist(u, "viewmywatchlist")
	if err != nil || len(titles) == 0 {
		return map[folio.LinkTarget]*folio.WatchedItem{}, nil
	}
	targets := make([]folio.LinkTarget, 0, len(titles))
	for _, t := range titles {
		targets = append(targets, folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey})
	}
	items, err := st.FindWatchedItems(ctx, u.ID, targets)
	if err != nil {
		return nil, err
	}
	now := s.now()
	for k, w := range items {
		if w.Expired(now) {
			delete(items, k)
		}
	}
	return items, nil
}

// IsWatched reports whether u watches t now.
func (s *Service) IsWatched(ctx context.Context, u *folio.User, t folio.Title) (bool, error) {
	items, err := s.WatchedItems(ctx, u, []folio.Title{t})
	if err != nil {
		return false, err
	}
	return items[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}] != nil, nil
}

// Watchlist lists the titles u watches (expired ones left out).
func (s *Service) Watchlist(ctx context.Context, u *folio.User, f folio.WatchlistFilter) ([]*folio.WatchedItem, error) {
	st, err := s.checkWatchlist(u, "viewmywatchlist")
	if err != nil {
		return nil, err
	}
	f.UserID, f.Now = u.ID, s.now()
	return st.FindWatchlist(ctx, f)
}

// WatchlistChanges lists the recent changes to pages u watches, newest
// first.
func (s *Service) WatchlistChanges(ctx context.Context, u *folio.User, f folio.WatchlistChangeFilter) ([]*folio.RecentChange, error) {
	st, err := s.checkWatchlist(u, "viewmywatchlist")
	if err != nil {
		return nil, err
	}
	f.UserID, f.Now = u.ID, s.now()
	return st.FindWatchlistChanges(ctx, f)
}

// WatchPreference reports whether u's preferences ask to watch pages they
// edit (watchdefault) or, when created is true, pages they create
// (watchcreations).
func (s *Service) WatchPreference(ctx context.Context, u *folio.User, created bool) bool {
	if u == nil || u.ID == 0 {
		return false
	}
	opts, err := s.Preferences(ctx, u)
	if err != nil {
		return false
	}
	return opts["watchdefault"] == "1" || created && opts["watchcreations"] == "1"
}

// ApplyWatchOption carries out the watchlist option of a form or API
// request after u changed t: watch, unwatch, preferences (watch when u's
// preferences ask for it) or nochange. Anonymous users and users without
// the editmywatchlist right are left alone.
func (s *Service) ApplyWatchOption(ctx context.Context, u *folio.User, t folio.Title, option string, created bool, expiry time.Time) error {
	if u == nil || u.ID == 0 || !s.Allowed(u, "editmywatchlist") {
		return nil
	}
	switch option {
	case WatchOptionWatch:
		return s.Watch(ctx, u, t, expiry)
	case WatchOptionUnwatch:
		return s.Unwatch(ctx, u, t)
	case WatchOptionPreferences, "":
		if s.WatchPreference(ctx, u, created) {
			watched, err := s.IsWatched(ctx, u, t)
			if err != nil || watched {
				return err
			}
			return s.Watch(ctx, u, t, expiry)
		}
		return nil
	case WatchOptionNoChange:
		return nil
	}
	return folio.Errorf(folio.EInvalidParameter, "Unknown watchlist option %q.", option)
}
