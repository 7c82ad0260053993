package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// testWatchlist covers watching, unwatching, expiry, listing with paging
// and the recent changes of watched titles.
func testWatchlist(t *testing.T, s folio.Store) {
	ws, ok := s.(folio.WatchlistStore)
	if !ok {
		t.Skip("the store does not keep watchlists")
	}
	ctx := context.Background()
	u := MustCreateUser(t, s, "Watcher")
	other := MustCreateUser(t, s, "Other watcher")
	lt := func(ns int, key string) folio.LinkTarget { return folio.LinkTarget{Namespace: ns, DBKey: key} }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ws.WatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Alpha"), lt(1, "Alpha"), lt(0, "Beta"), lt(1, "Beta"), lt(4, "Über")}, time.Time{}))
	// Watching twice is harmless.
	must(ws.WatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Alpha")}, time.Time{}))
	must(ws.WatchPages(ctx, other.ID, []folio.LinkTarget{lt(0, "Gamma")}, time.Time{}))
	keys := func(items []*folio.WatchedItem) []string {
		out := []string{}
		for _, w := range items {
			out = append(out, folio.NewNamespaces("X").MakeTitle(w.Namespace, w.DBKey).PrefixedDBKey())
		}
		return out
	}
	tests := []struct {
		name string
		f    folio.WatchlistFilter
		want []string
	}{
		{"all", folio.WatchlistFilter{UserID: u.ID}, []string{"Alpha", "Beta", "Talk:Alpha", "Talk:Beta", "X:Über"}},
		{"namespace", folio.WatchlistFilter{UserID: u.ID, Namespace: ptr(1)}, []string{"Talk:Alpha", "Talk:Beta"}},
		{"limit", folio.WatchlistFilter{UserID: u.ID, Limit: 2}, []string{"Alpha", "Beta"}},
		{"from", folio.WatchlistFilter{UserID: u.ID, From: &folio.LinkTarget{Namespace: 1, DBKey: "Beta"}}, []string{"Talk:Beta", "X:Über"}},
		{"descending", folio.WatchlistFilter{UserID: u.ID, Descending: true, From: &folio.LinkTarget{Namespace: 1, DBKey: "Beta"}}, []string{"Talk:Beta", "Talk:Alpha", "Beta", "Alpha"}},
		{"other user", folio.WatchlistFilter{UserID: other.ID}, []string{"Gamma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ws.FindWatchlist(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindWatchlist() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, keys(items)); diff != "" {
				t.Errorf("FindWatchlist(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	t.Run("FindWatchedItems", func(t *testing.T) {
		got, err := ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{lt(0, "Alpha"), lt(0, "Gamma"), lt(4, "Über")})
		if err != nil || len(got) != 2 || got[lt(0, "Alpha")] == nil || got[lt(4, "Über")] == nil {
			t.Errorf("FindWatchedItems() = %v, %v; want Alpha and Über", got, err)
		}
	})
	t.Run("Expiry", func(t *testing.T) {
		exp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		must(ws.WatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta")}, exp))
		got, err := ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta")})
		if err != nil || got[lt(0, "Beta")] == nil || !got[lt(0, "Beta")].Expiry.Equal(exp) {
			t.Fatalf("FindWatchedItems() = %v, %v; want expiry %v", got, err, exp)
		}
		items, err := ws.FindWatchlist(ctx, folio.WatchlistFilter{UserID: u.ID, Namespace: ptr(0), Now: exp})
		if diff := cmp.Diff([]string{"Alpha"}, keys(items)); err != nil || diff != "" {
			t.Errorf("FindWatchlist(after expiry) error %v, mismatch (-want +got):\n%s", err, diff)
		}
		must(ws.WatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta")}, time.Time{}))
		got, _ = ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta")})
		if w := got[lt(0, "Beta")]; w == nil || !w.Expiry.IsZero() {
			t.Errorf("rewatching without expiry left %+v", w)
		}
	})
	t.Run("Changes", func(t *testing.T) { testWatchlistChanges(t, s, ws, u) })
	t.Run("CopyWatchers", func(t *testing.T) {
		n, err := ws.CopyWatchers(ctx, lt(0, "Beta"), lt(0, "Beta_moved"))
		if err != nil || n != 1 {
			t.Fatalf("CopyWatchers() = %d, %v; want 1", n, err)
		}
		if n, err := ws.CopyWatchers(ctx, lt(0, "Beta"), lt(0, "Beta_moved")); err != nil || n != 1 {
			t.Fatalf("CopyWatchers() again = %d, %v; want 1 and no duplicate", n, err)
		}
		got, err := ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta_moved")})
		if err != nil || got[lt(0, "Beta_moved")] == nil {
			t.Errorf("after CopyWatchers, FindWatchedItems = %v, %v", got, err)
		}
		must(ws.UnwatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Beta_moved")}))
	})
	t.Run("Unwatch", func(t *testing.T) {
		must(ws.UnwatchPages(ctx, u.ID, []folio.LinkTarget{lt(0, "Alpha"), lt(1, "Alpha"), lt(0, "Nowhere")}))
		items, err := ws.FindWatchlist(ctx, folio.WatchlistFilter{UserID: u.ID})
		if diff := cmp.Diff([]string{"Beta", "Talk:Beta", "X:Über"}, keys(items)); err != nil || diff != "" {
			t.Errorf("after unwatch, error %v, mismatch (-want +got):\n%s", err, diff)
		}
		n, err := ws.ClearWatchlist(ctx, u.ID)
		if err != nil || n != 3 {
			t.Errorf("ClearWatchlist() = %d, %v; want 3", n, err)
		}
		items, _ = ws.FindWatchlist(ctx, folio.WatchlistFilter{UserID: other.ID})
		if len(items) != 1 {
			t.Errorf("clearing one watchlist touched another: %v", keys(items))
		}
	})
}

func testWatchlistChanges(t *testing.T, s folio.Store, ws folio.WatchlistStore, u *folio.User) {
	ctx := context.Background()
	alpha := MustCreate(t, s, 0, "Alpha", "a")
	MustCreate(t, s, 0, "Gamma", "g")
	MustCreate(t, s, 1, "Alpha", "talk")
	MustEdit(t, s, alpha.Page, "aa", anon)
	all := folio.WatchlistChangeFilter{UserID: u.ID, Now: time.Now(), AllRevisions: true}
	rcs, err := ws.FindWatchlistChanges(ctx, all)
	if err != nil {
		t.Fatalf("FindWatchlistChanges() error: %v", err)
	}
	var got []string
	for _, rc := range rcs {
		got = append(got, folio.NewNamespaces("X").MakeTitle(rc.Namespace, rc.DBKey).PrefixedDBKey())
	}
	if diff := cmp.Diff([]string{"Alpha", "Talk:Alpha", "Alpha"}, got); diff != "" {
		t.Errorf("FindWatchlistChanges() mismatch (-want +got):\n%s", diff)
	}
	all.Namespace, all.Limit = ptr(0), 1
	rcs, err = ws.FindWatchlistChanges(ctx, all)
	if err != nil || len(rcs) != 1 || rcs[0].ThisOldID == alpha.Revision.ID {
		t.Errorf("FindWatchlistChanges(ns 0, limit 1) = %v, %v; want the latest edit of Alpha", rcs, err)
	}
	rcs, err = ws.FindWatchlistChanges(ctx, folio.WatchlistChangeFilter{UserID: u.ID})
	if err != nil || len(rcs) != 2 || rcs[0].DBKey != "Alpha" || rcs[0].ThisOldID == alpha.Revision.ID || rcs[1].Namespace != 1 {
		t.Errorf("FindWatchlistChanges(latest only) = %v, %v; want the latest edit of Alpha and Talk:Alpha", rcs, err)
	}
}
