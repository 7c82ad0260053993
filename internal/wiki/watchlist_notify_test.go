package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// TestWatchlistNotification: an edit by someone else marks the page unseen
// for its watchers, not for the editor; a visit or "mark all visited"
// clears it; anonymous visits change nothing.
func TestWatchlistNotification(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	alice, bob := mustUser(t, s, "Alice"), mustUser(t, s, "Bob")
	page := mustTitle(t, s, "Watched")
	base := mustEdit(t, s, alice, "Watched", "one", 0)
	for _, u := range []*folio.User{alice, bob} {
		if err := s.Watch(ctx, u, page, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func(u *folio.User, title folio.Title) time.Time {
		t.Helper()
		items, err := s.WatchedItems(ctx, u, []folio.Title{title})
		w := items[folio.LinkTarget{Namespace: title.Namespace, DBKey: title.DBKey}]
		if err != nil || w == nil {
			t.Fatalf("WatchedItems(%s, %s) = %v, %v", u.Name, title.PrefixedText(), items, err)
		}
		return w.NotificationTimestamp
	}
	rev := mustEdit(t, s, alice, "Watched", "two", base)
	r, err := s.Store.FindRevisionByID(ctx, rev)
	if err != nil {
		t.Fatal(err)
	}
	if got := stamp(bob, page); !got.Equal(r.Timestamp) {
		t.Errorf("after Alice's edit, Bob's notification timestamp = %v; want the edit's %v", got, r.Timestamp)
	}
	if got := stamp(alice, page); !got.IsZero() {
		t.Errorf("Alice's own edit set her notification timestamp to %v", got)
	}
	talk := mustTitle(t, s, "Talk:Watched")
	if got := stamp(bob, talk); !got.IsZero() {
		t.Errorf("the talk page's timestamp = %v; want none", got)
	}
	// A null edit changes nothing; an anonymous edit notifies Alice.
	mustEdit(t, s, bob, "Watched", "two", rev)
	if got := stamp(alice, page); !got.IsZero() {
		t.Errorf("a null edit set Alice's timestamp to %v", got)
	}
	mustEdit(t, s, nil, "Watched", "three", rev)
	if got := stamp(alice, page); got.IsZero() {
		t.Error("an anonymous edit left Alice's timestamp unset")
	}
	if got := stamp(bob, page); !got.Equal(r.Timestamp) {
		t.Errorf("a later edit moved Bob's timestamp to %v; want the first unseen %v", got, r.Timestamp)
	}

	s.PageVisited(ctx, nil, page) // anonymous: nothing to do, no panic
	s.PageVisited(ctx, bob, page)
	if got := stamp(bob, page); !got.IsZero() {
		t.Errorf("after Bob's visit, his timestamp = %v; want none", got)
	}
	if got := stamp(alice, page); got.IsZero() {
		t.Error("Bob's visit cleared Alice's timestamp")
	}
	if _, err := s.MarkAllVisited(ctx, alice); err != nil {
		t.Fatal(err)
	}
	if got := stamp(alice, page); !got.IsZero() {
		t.Errorf("after marking all visited, Alice's timestamp = %v", got)
	}
	if _, err := s.MarkAllVisited(ctx, nil); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("MarkAllVisited(anonymous) error %v; want %s", err, folio.ENotLoggedIn)
	}
}
