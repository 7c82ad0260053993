package api_test

import (
	"fmt"
	"testing"
)

func setupWatch(env *Env) {
	env.MustCreateUser("Alice")
	env.MustCreateUser("Bob")
	env.MustCreateUser("Sysop", "sysop")
	env.MustEdit("Watched page", "one", nil)
	env.MustEdit("Watched page", "two", nil)
	env.MustEdit("Other page", "other", nil)
}

func watchParams(kv ...string) []string {
	return append([]string{"action", "watch", "formatversion", "2"}, kv...)
}

func queryParams(kv ...string) []string {
	return append([]string{"action", "query", "formatversion", "2"}, kv...)
}

// TestWatch covers action=watch, prop=info's watched flag, list=watchlist,
// list=watchlistraw and the watchlist parameter of action=edit.
func TestWatch(t *testing.T) {
	runScenarios(t, setupWatch, watchScenarios)
}

var watchScenarios = []scenario{
	{name: "anonymous watch refused", post: true, token: "watch", params: P(watchParams("titles", "Watched page")...),
		want: map[string]any{"error.code": "notloggedin"}},
	{name: "watch needs the watch token", as: "Alice", post: true, token: "csrf", params: P(watchParams("titles", "Watched page")...),
		want: map[string]any{"error.code": "badtoken"}},
	{name: "watch needs a POST", as: "Alice", params: P(watchParams("titles", "Watched page")...),
		want: map[string]any{"error.code": "mustbeposted"}},
	{name: "watch", as: "Alice", post: true, token: "watch", params: P(watchParams("titles", "Watched page|Missing watch|Special:Version")...),
		want: map[string]any{"batchcomplete": true, "watch.0.special": true, "watch.1.title": "Missing watch", "watch.1.missing": true,
			"watch.1.watched": true, "watch.2.title": "Watched page", "watch.2.watched": true}},
	{name: "info watched", as: "Alice", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Watched page|Talk:Watched page|Other page")...),
		want: map[string]any{"query.pages.0.title": "Talk:Watched page", "query.pages.0.watched": true,
			"query.pages.1.watched": true, "query.pages.2.watched": false}},
	{name: "info watched fv1", as: "Alice", params: P("action", "query", "format", "json", "prop", "info", "inprop", "watched", "titles", "Other page|Watched page"),
		contains: []string{`"watched":""`}, lacks: []string{`"watched":false`}},
	{name: "another user's watchlist is apart", as: "Bob", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Watched page")...),
		want: map[string]any{"query.pages.0.watched": false}},
	{name: "anonymous info watched", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Watched page")...),
		want: map[string]any{"query.pages.0.watched": false}},
	{name: "watchlist: latest change of each page", as: "Alice",
		params: P(queryParams("list", "watchlist", "wlprop", "ids|title|flags|user|comment|timestamp|sizes")...),
		want: map[string]any{"query.watchlist.0.title": "Watched page", "query.watchlist.0.type": "edit",
			"query.watchlist.0.oldlen": 3.0, "query.watchlist.0.newlen": 3.0, "query.watchlist.0.anon": true,
			"query.watchlist.0.minor": false, "query.watchlist.0.comment": "test edit"},
		absent: []string{"query.watchlist.1", "query.watchlist.0.rcid"}},
	{name: "watchlist: all revisions", as: "Alice", params: P(queryParams("list", "watchlist", "wlallrev", "1", "wldir", "newer")...),
		want: map[string]any{"query.watchlist.0.type": "new", "query.watchlist.1.type": "edit"}},
	{name: "watchlist: end before every change, oldest first", as: "Alice", params: P(queryParams("list", "watchlist", "wldir", "newer", "wlend", "2001-01-01T00:00:00Z")...),
		want: map[string]any{"query.watchlist": []any{}}},
	{name: "watchlist: start before every change, newest first", as: "Alice", params: P(queryParams("list", "watchlist", "wlstart", "2001-01-01T00:00:00Z")...),
		want: map[string]any{"query.watchlist": []any{}}},
	{name: "watchlist: end before every change, newest first", as: "Alice", params: P(queryParams("list", "watchlist", "wlend", "2001-01-01T00:00:00Z")...),
		want: map[string]any{"query.watchlist.0.title": "Watched page"}},
	{name: "watchlist: bad timestamp", as: "Alice", params: P(queryParams("list", "watchlist", "wlstart", "yesterday")...),
		want: map[string]any{"error.code": "badtimestamp"}},
	{name: "info notificationtimestamp", as: "Alice", params: P(queryParams("prop", "info", "inprop", "watched|notificationtimestamp", "titles", "Watched page")...),
		want: map[string]any{"query.pages.0.notificationtimestamp": ""}},
	{name: "watchlist: namespace filter", as: "Alice", params: P(queryParams("list", "watchlist", "wlnamespace", "1")...),
		want: map[string]any{"query.watchlist": []any{}}},
	{name: "watchlist of another user", as: "Bob", params: P(queryParams("list", "watchlist")...),
		want: map[string]any{"query.watchlist": []any{}}},
	{name: "anonymous watchlist refused", params: P(queryParams("list", "watchlist")...),
		want: map[string]any{"error.code": "notloggedin"}},
	{name: "watchlist with an owner needs its token", as: "Bob", params: P(queryParams("list", "watchlist", "wlowner", "Alice", "wltoken", "x")...),
		want: map[string]any{"error.code": "bad_wltoken"}},
	{name: "watchlistraw", as: "Alice", params: P(queryParams("list", "watchlistraw", "wrlimit", "2")...),
		want: map[string]any{"watchlistraw.0.title": "Missing watch", "watchlistraw.1.title": "Watched page",
			"continue.wrcontinue": "1|Missing_watch"}},
	{name: "watchlistraw continued", as: "Alice", params: P(queryParams("list", "watchlistraw", "wrcontinue", "1|Missing_watch")...),
		want:   map[string]any{"watchlistraw.0.title": "Talk:Missing watch", "watchlistraw.1.title": "Talk:Watched page"},
		absent: []string{"continue"}},
	{name: "generator watchlistraw", as: "Alice", params: P(queryParams("generator", "watchlistraw", "gwrnamespace", "0", "prop", "info")...),
		want: map[string]any{"query.pages.0.title": "Missing watch", "query.pages.1.title": "Watched page"}},
	{name: "edit with watchlist=watch", as: "Alice", post: true, token: "csrf", params: P(edit("title", "Edited and watched", "text", "x", "watchlist", "watch")...),
		want: map[string]any{"edit.result": "Success", "edit.watched": true}},
	{name: "edited page is watched", as: "Alice", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Talk:Edited and watched")...),
		want: map[string]any{"query.pages.0.watched": true}},
	{name: "edit with watchlist=unwatch", as: "Alice", post: true, token: "csrf", params: P(edit("title", "Edited and watched", "text", "y", "watchlist", "unwatch")...),
		want: map[string]any{"edit.result": "Success"}, absent: []string{"edit.watched"}},
	{name: "edit with a bad watchlist value saves nothing", as: "Alice", post: true, token: "csrf", params: P(edit("title", "Never saved", "text", "x", "watchlist", "always")...),
		want: map[string]any{"error.code": "badvalue"}},
	{name: "page of the refused edit is missing", params: P(queryParams("titles", "Never saved")...),
		want: map[string]any{"query.pages.0.missing": true}},
	{name: "anonymous edit ignores watchlist", post: true, token: "csrf", params: P(edit("title", "Anonymous edit", "text", "x", "watchlist", "watch")...),
		want: map[string]any{"edit.result": "Success"}, absent: []string{"edit.watched"}},
	{name: "delete with watchlist=watch", as: "Sysop", post: true, token: "csrf", params: P("action", "delete", "title", "Other page", "watchlist", "watch", "format", "json"),
		want: map[string]any{"delete.title": "Other page"}},
	{name: "deleted page is watched", as: "Sysop", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Other page")...),
		want: map[string]any{"query.pages.0.watched": true}},
	{name: "undelete with watchlist=unwatch", as: "Sysop", post: true, token: "csrf", params: P("action", "undelete", "title", "Other page", "watchlist", "unwatch", "format", "json"),
		want: map[string]any{"undelete.title": "Other page"}},
	{name: "undeleted page is not watched", as: "Sysop", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Other page")...),
		want: map[string]any{"query.pages.0.watched": false}},
	{name: "unwatch", as: "Alice", post: true, token: "watch", params: P(watchParams("titles", "Talk:Watched page", "unwatch", "1")...),
		want: map[string]any{"watch.0.title": "Talk:Watched page", "watch.0.unwatched": true}},
	{name: "unwatched pair is gone", as: "Alice", params: P(queryParams("list", "watchlistraw")...),
		lacks: []string{"Watched page"}, contains: []string{"Missing watch"}},
	{name: "deprecated title parameter", as: "Alice", post: true, token: "watch", params: P(watchParams("title", "Other page", "expiry", "1 week")...),
		want: map[string]any{"watch.title": "Other page", "watch.watched": true}, contains: []string{`"expiry":"`, "deprecated"}},
	{name: "temporary watch in info", as: "Alice", params: P(queryParams("prop", "info", "inprop", "watched", "titles", "Other page")...),
		want: map[string]any{"query.pages.0.watched": true}, contains: []string{"watchlistexpiry"}},
}

// TestWatchlistContinue pages through list=watchlist one change at a time
// in both directions and finds every change once.
func TestWatchlistContinue(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		setupWatch(env)
		c := env.NewClient()
		c.MustLogin("Alice")
		r := c.Post(P(watchParams("titles", "Watched page|Other page", "token", c.Token("watch"), "format", "json")...))
		if Path(r.JSON, "watch", 0, "watched") != true {
			t.Fatalf("watch: %s", r.Body)
		}
		for _, dir := range []string{"older", "newer"} {
			var got []string
			cont := ""
			for i := 0; i < 10; i++ {
				p := P(queryParams("list", "watchlist", "wlallrev", "1", "wllimit", "1", "wldir", dir, "wlprop", "title|ids", "format", "json")...)
				if cont != "" {
					p.Set("wlcontinue", cont)
				}
				r := c.Get(p)
				for _, it := range Path(r.JSON, "query", "watchlist").([]any) {
					got = append(got, fmt.Sprint(Path(it, "title"), "@", Path(it, "revid")))
				}
				next, _ := Path(r.JSON, "continue", "wlcontinue").(string)
				if next == "" {
					break
				}
				cont = next
			}
			if len(got) != 3 || got[0] == got[1] || got[1] == got[2] {
				t.Errorf("dir=%s: paged changes = %v, want 3 distinct", dir, got)
			}
		}
	})
}
