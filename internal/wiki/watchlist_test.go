package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// TestWatchPair: watching a page or its talk page watches both; unwatching
// either removes both.
func TestWatchPair(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	for _, title := range []string{"Talk:Pair", "Pair"} {
		if err := s.Watch(ctx, u, mustTitle(t, s, title), time.Time{}); err != nil {
			t.Fatalf("Watch(%s): %v", title, err)
		}
		for _, check := range []string{"Pair", "Talk:Pair"} {
			if ok, err := s.IsWatched(ctx, u, mustTitle(t, s, check)); err != nil || !ok {
				t.Errorf("after Watch(%s), IsWatched(%s) = %v, %v; want true", title, check, ok, err)
			}
		}
		if err := s.Unwatch(ctx, u, mustTitle(t, s, title)); err != nil {
			t.Fatal(err)
		}
		items, err := s.Watchlist(ctx, u, folio.WatchlistFilter{})
		if err != nil || len(items) != 0 {
			t.Errorf("after Unwatch(%s), Watchlist = %d items, %v; want none", title, len(items), err)
		}
	}
}

func TestWatchRefused(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	tests := []struct {
		name string
		user *folio.User
		t    string
		exp  time.Time
		want string
	}{
		{"anonymous", nil, "Page", time.Time{}, folio.ENotLoggedIn},
		{"special page", u, "Special:RecentChanges", time.Time{}, folio.EInvalidTitle},
		{"past expiry", u, "Page", time.Now().Add(-time.Hour), folio.EInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Watch(ctx, tt.user, mustTitle(t, s, tt.t), tt.exp)
			if got := folio.ErrorCode(err); got != tt.want {
				t.Errorf("Watch() error code %q (%v), want %q", got, err, tt.want)
			}
		})
	}
	if _, err := s.Watchlist(ctx, nil, folio.WatchlistFilter{}); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("Watchlist(anonymous) error = %v, want notloggedin", err)
	}
	s.Rights = folio.DefaultGroupRights()
	delete(s.Rights[folio.GroupUser], "editmywatchlist")
	if err := s.Watch(ctx, u, mustTitle(t, s, "Page"), time.Time{}); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("Watch() without editmywatchlist error = %v, want permissiondenied", err)
	}
}

func TestWatchExpiry(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	now := time.Now()
	s.Now = func() time.Time { return now }
	if err := s.Watch(ctx, u, mustTitle(t, s, "Brief"), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.IsWatched(ctx, u, mustTitle(t, s, "Brief")); !ok {
		t.Fatal("IsWatched before expiry = false")
	}
	now = now.Add(2 * time.Hour)
	if ok, _ := s.IsWatched(ctx, u, mustTitle(t, s, "Brief")); ok {
		t.Error("IsWatched after expiry = true")
	}
	if items, _ := s.Watchlist(ctx, u, folio.WatchlistFilter{}); len(items) != 0 {
		t.Errorf("Watchlist after expiry has %d items", len(items))
	}
}

func TestApplyWatchOption(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	page := mustTitle(t, s, "Edited")
	steps := []struct {
		option  string
		created bool
		prefs   map[string]string
		want    bool
	}{
		{wiki.WatchOptionPreferences, true, map[string]string{"watchdefault": "0", "watchcreations": "0"}, false},
		{wiki.WatchOptionWatch, false, nil, true},
		{wiki.WatchOptionNoChange, false, nil, true},
		{wiki.WatchOptionPreferences, false, nil, true},
		{wiki.WatchOptionUnwatch, false, nil, false},
		{wiki.WatchOptionPreferences, true, map[string]string{"watchcreations": "1"}, true},
		{wiki.WatchOptionUnwatch, false, nil, false},
		{wiki.WatchOptionPreferences, false, map[string]string{"watchcreations": "1"}, false},
		{wiki.WatchOptionPreferences, false, map[string]string{"watchdefault": "1"}, true},
	}
	for i, st := range steps {
		if st.prefs != nil {
			if err := s.SavePreferences(ctx, u, "", st.prefs); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ApplyWatchOption(ctx, u, page, st.option, st.created, time.Time{}); err != nil {
			t.Fatalf("step %d: ApplyWatchOption(%s): %v", i, st.option, err)
		}
		if got, _ := s.IsWatched(ctx, u, page); got != st.want {
			t.Errorf("step %d: after ApplyWatchOption(%s, created %v) watched = %v, want %v", i, st.option, st.created, got, st.want)
		}
	}
	if err := s.ApplyWatchOption(ctx, u, page, "sometimes", false, time.Time{}); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("unknown option error = %v", err)
	}
	if err := s.ApplyWatchOption(ctx, nil, page, wiki.WatchOptionWatch, false, time.Time{}); err != nil {
		t.Errorf("anonymous watch option error = %v, want it ignored", err)
	}
}

func TestMoveWatchers(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	if err := s.Watch(ctx, u, mustTitle(t, s, "Old name"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveWatchers(ctx, mustTitle(t, s, "Old name"), mustTitle(t, s, "Help:New name")); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Old name", "Help:New name", "Help talk:New name"} {
		if ok, err := s.IsWatched(ctx, u, mustTitle(t, s, title)); err != nil || !ok {
			t.Errorf("after MoveWatchers, IsWatched(%s) = %v, %v; want true", title, ok, err)
		}
	}
}

func TestWatchlistChanges(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Watcher")
	mustEdit(t, s, nil, "Watched", "w", 0)
	mustEdit(t, s, nil, "Ignored", "i", 0)
	if err := s.Watch(ctx, u, mustTitle(t, s, "Watched"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	rcs, err := s.WatchlistChanges(ctx, u, folio.WatchlistChangeFilter{})
	if err != nil || len(rcs) != 1 || rcs[0].DBKey != "Watched" {
		t.Errorf("WatchlistChanges = %v, %v; want the one change of Watched", rcs, err)
	}
}
