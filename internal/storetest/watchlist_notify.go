package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// testWatchlistNotify covers the notification timestamps of watchlists:
// set for the other watchers when a page changes, cleared on a visit, and
// the unread filter of the watchlist's changes.
func testWatchlistNotify(t *testing.T, s folio.Store) {
	ws, ok := s.(folio.WatchlistStore)
	ns, ok2 := s.(folio.WatchlistNotifyStore)
	if !ok || !ok2 {
		t.Skip("the store does not keep watchlist notification timestamps")
	}
	ctx := context.Background()
	editor := MustCreateUser(t, s, "Notify editor")
	reader := MustCreateUser(t, s, "Notify reader")
	lt := func(key string) folio.LinkTarget { return folio.LinkTarget{Namespace: 0, DBKey: key} }
	page := MustCreate(t, s, 0, "Notified", "one")
	MustCreate(t, s, 0, "Quiet", "q")
	for _, u := range []*folio.User{editor, reader} {
		if err := ws.WatchPages(ctx, u.ID, []folio.LinkTarget{lt("Notified"), lt("Quiet")}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func(u *folio.User, key string) time.Time {
		t.Helper()
		items, err := ws.FindWatchedItems(ctx, u.ID, []folio.LinkTarget{lt(key)})
		if err != nil || items[lt(key)] == nil {
			t.Fatalf("FindWatchedItems(%s, %s) = %v, %v", u.Name, key, items, err)
		}
		return items[lt(key)].NotificationTimestamp
	}
	t1 := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	t2 := t1.Add(time.Hour)

	n, err := ns.NotifyWatchers(ctx, lt("Notified"), editor.ID, t1)
	if err != nil || n != 1 {
		t.Fatalf("NotifyWatchers(by editor) = %d, %v; want 1 (the reader only)", n, err)
	}
	if got := stamp(reader, "Notified"); !got.Equal(t1) {
		t.Errorf("reader's timestamp = %v; want %v", got, t1)
	}
	if got := stamp(editor, "Notified"); !got.IsZero() {
		t.Errorf("editor's own edit set their timestamp to %v", got)
	}
	if got := stamp(reader, "Quiet"); !got.IsZero() {
		t.Errorf("another page's timestamp = %v; want none", got)
	}
	// A later change keeps the first unseen one.
	if n, err := ns.NotifyWatchers(ctx, lt("Notified"), 0, t2); err != nil || n != 1 {
		t.Fatalf("NotifyWatchers(anonymous) = %d, %v; want 1 (the editor)", n, err)
	}
	if got := stamp(reader, "Notified"); !got.Equal(t1) {
		t.Errorf("after a second change, reader's timestamp = %v; want still %v", got, t1)
	}
	if got := stamp(editor, "Notified"); !got.Equal(t2) {
		t.Errorf("editor's timestamp = %v; want %v", got, t2)
	}

	// Unread filter: with the timestamp before the page's changes they are
	// unread; after them they are read.
	MustEdit(t, s, page.Page, "two", anon)
	unreadTitles := func(u *folio.User, unread bool) []string {
		t.Helper()
		rcs, err := ws.FindWatchlistChanges(ctx, folio.WatchlistChangeFilter{UserID: u.ID, AllRevisions: true, Unread: &unread})
		if err != nil {
			t.Fatalf("FindWatchlistChanges(unread %v) error: %v", unread, err)
		}
		var out []string
		for _, rc := range rcs {
			out = append(out, rc.DBKey)
		}
		return out
	}
	if got := unreadTitles(reader, true); len(got) != 2 || got[0] != "Notified" || got[1] != "Notified" {
		t.Errorf("unread changes = %v; want both changes of Notified", got)
	}
	if got := unreadTitles(reader, false); len(got) != 1 || got[0] != "Quiet" {
		t.Errorf("read changes = %v; want Quiet", got)
	}
	future := time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := ns.SetNotificationTimestamps(ctx, reader.ID, []folio.LinkTarget{lt("Notified")}, future); err != nil {
		t.Fatal(err)
	}
	if got := unreadTitles(reader, true); len(got) != 0 {
		t.Errorf("with a timestamp after every change, unread changes = %v; want none", got)
	}

	// A visit clears one item; marking all visited clears the rest.
	if n, err := ns.SetNotificationTimestamps(ctx, reader.ID, []folio.LinkTarget{lt("Notified"), lt("Unwatched")}, time.Time{}); err != nil || n != 1 {
		t.Fatalf("SetNotificationTimestamps(clear Notified) = %d, %v; want 1", n, err)
	}
	if got := stamp(reader, "Notified"); !got.IsZero() {
		t.Errorf("after a visit, reader's timestamp = %v; want none", got)
	}
	if got := stamp(editor, "Notified"); !got.Equal(t2) {
		t.Errorf("a visit by the reader cleared the editor's timestamp (now %v)", got)
	}
	if _, err := ns.SetNotificationTimestamps(ctx, editor.ID, nil, t1); err != nil {
		t.Fatal(err)
	}
	if got := stamp(editor, "Quiet"); !got.Equal(t1) {
		t.Errorf("setting the whole watchlist left Quiet at %v; want %v", got, t1)
	}
	if _, err := ns.SetNotificationTimestamps(ctx, editor.ID, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"Notified", "Quiet"} {
		if got := stamp(editor, key); !got.IsZero() {
			t.Errorf("after marking all visited, %s = %v; want none", key, got)
		}
	}
}
