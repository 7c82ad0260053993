package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// TestWatchlistUnseen: a change by someone else is marked unseen on
// Special:Watchlist until the watcher views the page or marks every page
// visited (a POST with the CSRF token); the watcher's own edits and
// anonymous views change nothing.
func TestWatchlistUnseen(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		alice := env.MustCreateUser("Alice")
		bob := env.MustCreateUser("Bob")
		env.MustEdit("Seen page", "first", "create", alice)
		env.MustEdit("Other page", "first", "create", alice)
		ctx := context.Background()
		for _, title := range []string{"Seen page", "Other page"} {
			tt, err := env.Server.Namespaces.ParseTitle(title, folio.NSMain)
			if err != nil {
				t.Fatal(err)
			}
			if err := env.Wiki.Watch(ctx, alice, tt, time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		a, anon := env.NewBrowser(), env.NewBrowser()
		a.MustLogin("Alice")
		bs := map[string]*Browser{"alice": a, "anon": anon}
		const unseen = "mw-changeslist-line-watched"
		Run(t, bs, []Scenario{
			{Name: "own edits are seen", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK,
				Want: []string{`id="mw-watchlist-resetbutton"`, `name="reset" value="all"`, "Mark all pages visited"}, DontWant: []string{unseen}},
		})
		env.MustEdit("Seen page", "second", "by Bob", bob)
		env.MustEdit("Other page", "second", "anonymous", nil)
		Run(t, bs, []Scenario{
			{Name: "changes by others are unseen", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK,
				Want: []string{unseen, "Seen_page", "Other_page"}},
			{Name: "anonymous view", As: "anon", URL: "/wiki/Seen_page", Status: http.StatusOK},
			{Name: "still unseen after an anonymous view", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK,
				Want: []string{unseen}},
			{Name: "an old revision does not count", As: "alice", URL: "/index.php?title=Seen_page&oldid=1", Status: http.StatusOK},
			{Name: "view", As: "alice", URL: "/wiki/Seen_page", Status: http.StatusOK},
		})
		items, err := env.Wiki.WatchedItems(ctx, alice, []folio.Title{env.Server.Namespaces.MakeTitle(0, "Seen_page"), env.Server.Namespaces.MakeTitle(0, "Other_page")})
		if err != nil {
			t.Fatal(err)
		}
		if w := items[folio.LinkTarget{DBKey: "Seen_page"}]; w == nil || !w.NotificationTimestamp.IsZero() {
			t.Errorf("after the view, Seen page item = %+v; want no notification timestamp", w)
		}
		if w := items[folio.LinkTarget{DBKey: "Other_page"}]; w == nil || w.NotificationTimestamp.IsZero() {
			t.Errorf("viewing Seen page cleared Other page: %+v", w)
		}
		Run(t, bs, []Scenario{
			{Name: "one unseen left", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK, Once: []string{unseen}},
			{Name: "mark all without token", As: "alice", Method: "POST", URL: "/wiki/Special:Watchlist",
				Form: url.Values{"reset": {"all"}}, Status: http.StatusBadRequest},
			{Name: "mark all", As: "alice", Method: "POST", URL: "/wiki/Special:Watchlist",
				Form: url.Values{"reset": {"all"}, "wpEditToken": {"{token}"}}, Status: http.StatusSeeOther, Location: "Special:Watchlist"},
			{Name: "all seen", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK, DontWant: []string{unseen}},
			{Name: "anonymous mark all", As: "anon", Method: "POST", URL: "/wiki/Special:Watchlist",
				Form: url.Values{"reset": {"all"}, "wpEditToken": {"{token}"}}, Status: http.StatusForbidden},
		})
	})
}
