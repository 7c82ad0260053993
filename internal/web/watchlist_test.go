package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestWatchlistPages covers the star's form fallback (action=watch and
// action=unwatch with the CSRF token), Special:Watchlist,
// Special:EditWatchlist with its raw and clear modes, and the "Watch this
// page" box of the edit form, on every backend.
func TestWatchlistPages(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		env.MustCreateUser("Bob")
		env.MustEdit("Starred", "first", "create starred", nil)
		env.MustEdit("Unstarred", "other", "create unstarred", nil)
		alice, bob, anon := env.NewBrowser(), env.NewBrowser(), env.NewBrowser()
		alice.MustLogin("Alice")
		bob.MustLogin("Bob")
		bs := map[string]*Browser{"alice": alice, "bob": bob, "anon": anon}
		Run(t, bs, []Scenario{
			{Name: "no star for anonymous visitors", As: "anon", URL: "/wiki/Starred", Status: http.StatusOK,
				DontWant: []string{`id="ca-watch"`, "watch.js"}},
			{Name: "star", As: "alice", URL: "/wiki/Starred", Status: http.StatusOK,
				Want: []string{`<li id="ca-watch" class="mw-watchlink">`, `href="/index.php?title=Starred&amp;action=watch"`,
					`data-mw-watch-title="Starred"`, `data-mw-watch-token="`, "/static/watch.", `id="pt-watchlist"`}},
			{Name: "watch form", As: "alice", URL: "/index.php?title=Starred&action=watch", Status: http.StatusOK,
				Want: []string{`id="mw-watch-form"`, `name="wpEditToken"`}},
			{Name: "watch without token", As: "alice", Method: "POST", URL: "/index.php?title=Starred&action=watch",
				Form: url.Values{"wpEditToken": {"forged"}}, Status: http.StatusBadRequest},
			{Name: "anonymous watch", As: "anon", Method: "POST", URL: "/index.php?title=Starred&action=watch",
				Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusForbidden},
			{Name: "watch", As: "alice", Method: "POST", URL: "/index.php?title=Starred&action=watch",
				Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusSeeOther, Location: "/wiki/Starred"},
			{Name: "star is on", As: "alice", URL: "/wiki/Talk:Starred", Status: http.StatusNotFound,
				Want: []string{`<li id="ca-unwatch" class="mw-watchlink mw-watchlink-watched">`, "action=unwatch"}},
			{Name: "bob's star is off", As: "bob", URL: "/wiki/Starred", Status: http.StatusOK, Want: []string{`id="ca-watch"`}},
		})
		env.MustEdit("Starred", "second", "watched change", nil)
		env.MustEdit("Unstarred", "again", "unwatched change", nil)
		Run(t, bs, []Scenario{
			{Name: "anonymous watchlist", As: "anon", URL: "/wiki/Special:Watchlist", Status: http.StatusForbidden},
			{Name: "watchlist", As: "alice", URL: "/wiki/Special:Watchlist", Status: http.StatusOK,
				Want: []string{"watched change", ">Starred</a>", "View and edit watchlist"}, DontWant: []string{"unwatched change", "create starred"}},
			{Name: "watchlist options", As: "alice", URL: "/index.php?title=Special:Watchlist&days=1&limit=50&hideanons=1", Status: http.StatusOK,
				DontWant: []string{"watched change"}},
			{Name: "bob's watchlist is empty", As: "bob", URL: "/wiki/Special:Watchlist", Status: http.StatusOK,
				DontWant: []string{"watched change"}},
			{Name: "watchlist feed", As: "alice", URL: "/index.php?title=Special:Watchlist&feed=atom", Status: http.StatusOK,
				Want: []string{"<feed", "Starred"}},
			{Name: "edit form box ticked by default (watchdefault)", As: "alice", URL: "/index.php?title=Unstarred&action=edit", Status: http.StatusOK,
				Want: []string{`id="wpWatchthis" name="wpWatchthis" value="1" checked>`}},
			{Name: "watchdefault off", As: "bob", Method: "POST", URL: "/wiki/Special:Preferences",
				Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK, Want: []string{"have been saved"}},
			{Name: "edit form box", As: "bob", URL: "/index.php?title=Unstarred&action=edit", Status: http.StatusOK,
				Want: []string{`id="wpWatchthis" name="wpWatchthis" value="1">`}},
			{Name: "edit form box ticked", As: "alice", URL: "/index.php?title=Starred&action=edit", Status: http.StatusOK,
				Want: []string{`id="wpWatchthis" name="wpWatchthis" value="1" checked>`}},
			{Name: "no box for anonymous editors", As: "anon", URL: "/index.php?title=Unstarred&action=edit", Status: http.StatusOK,
				DontWant: []string{"wpWatchthis"}},
			{Name: "save with the box", As: "alice", Method: "POST", URL: "/index.php?title=Boxed&action=submit",
				Form: url.Values{"wpTextbox1": {"boxed"}, "wpWatchthis": {"1"}, "wpEditToken": {"{token}"}}, Status: http.StatusSeeOther},
			{Name: "edit list", As: "alice", URL: "/wiki/Special:EditWatchlist", Status: http.StatusOK,
				Want: []string{`value="Boxed"`, `value="Starred"`, "2 pages"}, DontWant: []string{`value="Talk:Starred"`}},
			{Name: "remove without token", As: "alice", Method: "POST", URL: "/wiki/Special:EditWatchlist",
				Form: url.Values{"wpTitles": {"Boxed"}}, Status: http.StatusBadRequest},
			{Name: "remove", As: "alice", Method: "POST", URL: "/wiki/Special:EditWatchlist",
				Form: url.Values{"wpTitles": {"Boxed"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
				Want: []string{"1 page was removed", `value="Starred"`}, DontWant: []string{`value="Boxed"`}},
			{Name: "raw", As: "alice", URL: "/wiki/Special:EditWatchlist/raw", Status: http.StatusOK,
				Want: []string{">Starred</textarea>"}},
			{Name: "raw save", As: "alice", Method: "POST", URL: "/wiki/Special:EditWatchlist/raw",
				Form: url.Values{"wpTitles": {"Talk:Unstarred\nHelp:Raw page\n"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
				Want: []string{"2 pages added, 1 page removed", ">Unstarred\nHelp:Raw page</textarea>"}},
			{Name: "raw save refuses bad titles", As: "alice", Method: "POST", URL: "/wiki/Special:EditWatchlist/raw",
				Form: url.Values{"wpTitles": {"Special:Version"}, "wpEditToken": {"{token}"}}, Status: http.StatusBadRequest},
			{Name: "unwatch", As: "alice", Method: "POST", URL: "/index.php?title=Unstarred&action=unwatch",
				Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusSeeOther},
			{Name: "clear form", As: "alice", URL: "/wiki/Special:EditWatchlist/clear", Status: http.StatusOK,
				Want: []string{"Your watchlist has 1 page."}},
			{Name: "clear", As: "alice", Method: "POST", URL: "/wiki/Special:EditWatchlist/clear",
				Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK, Want: []string{"1 page removed"}},
			{Name: "empty watchlist", As: "alice", URL: "/wiki/Special:EditWatchlist", Status: http.StatusOK,
				Want: []string{"has 0 pages"}},
			{Name: "anonymous edit list", As: "anon", URL: "/wiki/Special:EditWatchlist", Status: http.StatusForbidden},
		})
	})
}

// TestUploadWatches: Special:Upload's "Watch this file" box adds the file
// page to the watchlist; unticked, it does not.
func TestUploadWatches(t *testing.T) {
	env := MustStartFiles(t, MustOpenSQLite(t))
	env.MustCreateUser("Uploader")
	b := env.NewBrowser()
	b.MustLogin("Uploader")
	if resp := b.Upload(map[string]string{"wpWatchthis": "1"}, "Watched.png", testPNG(8, 8)); resp.Status != http.StatusSeeOther {
		t.Fatalf("upload with the box = %d\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	if resp := b.Upload(map[string]string{}, "Unwatched.png", testPNG(9, 9)); resp.Status != http.StatusSeeOther {
		t.Fatalf("upload without the box = %d\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "watchlist", As: "b", URL: "/wiki/Special:EditWatchlist", Status: http.StatusOK,
			Want: []string{`value="File:Watched.png"`}, DontWant: []string{"Unwatched.png"}},
	})
}

// TestWatchBoxOnDeleteAndProtect: the delete and protect forms have a
// "Watch this page" box; ticked it watches the page, unticked it unwatches.
func TestWatchBoxOnDeleteAndProtect(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Admin", "sysop")
	env.MustEdit("Doomed", "x", "create", nil)
	env.MustEdit("Guarded", "y", "create", nil)
	b := env.NewBrowser()
	b.MustLogin("Admin")
	protect := func(watch bool) url.Values {
		f := url.Values{"mwProtect-level-edit": {"sysop"}, "wpProtectExpirySelection": {"infinite"},
			"mwProtect-reason": {"test"}, "wpEditToken": {"{token}"}}
		if watch {
			f.Set("mwProtectWatch", "1")
		}
		return f
	}
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "delete form", As: "b", URL: "/index.php?title=Doomed&action=delete", Status: http.StatusOK,
			Want: []string{`id="wpWatch" name="wpWatch" value="1">`}},
		{Name: "delete and watch", As: "b", Method: "POST", URL: "/index.php?title=Doomed&action=delete",
			Form: url.Values{"wpReason": {"test"}, "wpWatch": {"1"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"has been deleted"}},
		{Name: "protect form", As: "b", URL: "/index.php?title=Guarded&action=protect", Status: http.StatusOK,
			Want: []string{`id="mwProtectWatch" name="mwProtectWatch" value="1">`}},
		{Name: "protect and watch", As: "b", Method: "POST", URL: "/index.php?title=Guarded&action=protect",
			Form: protect(true), Status: http.StatusOK, Want: []string{"has been changed"}},
		{Name: "both watched", As: "b", URL: "/wiki/Special:EditWatchlist", Status: http.StatusOK,
			Want: []string{`value="Doomed"`, `value="Guarded"`}},
		{Name: "protect form ticked", As: "b", URL: "/index.php?title=Guarded&action=protect", Status: http.StatusOK,
			Want: []string{`id="mwProtectWatch" name="mwProtectWatch" value="1" checked>`}},
		{Name: "protect and unwatch", As: "b", Method: "POST", URL: "/index.php?title=Guarded&action=protect",
			Form: protect(false), Status: http.StatusOK, Want: []string{"has been changed"}},
		{Name: "unwatched", As: "b", URL: "/wiki/Special:EditWatchlist", Status: http.StatusOK,
			Want: []string{`value="Doomed"`}, DontWant: []string{`value="Guarded"`}},
	})
}
