package api_test

import (
	"os"
	"testing"
)

// watchBefore makes two watched pages with a plain edit each (the second
// request of each pair is an edit, not a creation, on either peer).
var watchBefore = []string{
	"action=edit&title=Shape Watched&appendtext=x&watchlist=watch",
	"action=edit&title=Shape Watched&appendtext=y&watchlist=watch",
	"action=edit&title=Shape Watched 2&appendtext=x&watchlist=watch",
	"action=edit&title=Shape Watched 2&appendtext=y&watchlist=watch",
}

// watchShapeCases are the shape cases of the watchlist modules; they run
// in this order, after the common setup of TestPeerShapes.
var watchShapeCases = []shapeCase{
	{name: "watch", admin: true, post: true, token: "watch",
		params: "action=watch&titles=Shape Target|Shape missing watch|Special:Foo|Talk:Shape Target|<bad>"},
	{name: "watch_title", admin: true, post: true, token: "watch", params: "action=watch&title=Shape Target"},
	{name: "info_watched", admin: true, params: "action=query&titles=Shape Target|Shape Test&prop=info&inprop=watched"},
	{name: "unwatch", admin: true, post: true, token: "watch", params: "action=watch&titles=Shape Target&unwatch=1"},
	{name: "watchlist", admin: true, before: watchBefore,
		params: "action=query&list=watchlist&wlprop=ids|title|flags|user|userid|comment|timestamp|sizes|notificationtimestamp|expiry&wltype=edit&wllimit=1"},
	{name: "watchlistraw", admin: true, before: watchBefore[:1], params: "action=query&list=watchlistraw&wrlimit=1"},
	{name: "generator_watchlistraw", admin: true, before: watchBefore[:1], params: "action=query&generator=watchlistraw&gwrlimit=1&gwrnamespace=0&gwrfromtitle=Shape Watched&prop=info"},
	{name: "edit_watch", admin: true, post: true, token: "csrf", params: "action=edit&title=Shape Watched 3&appendtext=x&watchlist=watch"},
	{name: "error_watch_anon", post: true, token: "watch", params: "action=watch&titles=Shape Target"},
	{name: "error_watch_csrftoken", admin: true, post: true, token: "csrf", params: "action=watch&titles=Shape Target"},
	{name: "error_watchlist_anon", params: "action=query&list=watchlist"},
}

// TestWatchPeerShapes compares the watchlist modules' answers with
// MediaWiki 1.39's, as TestPeerShapes does for the other modules (and
// with the same variables and -capture flag).
func TestWatchPeerShapes(t *testing.T) {
	var live map[string]map[string]any
	if *capture || os.Getenv("FOLIO_TEST_PEER_URL") != "" {
		p := &peer{t: t, api: os.Getenv("FOLIO_TEST_PEER_URL"), anon: newPeerClient(), admin: newPeerClient()}
		if p.api == "" {
			t.Fatal("set FOLIO_TEST_PEER_URL to the peer's api.php to capture fixtures")
		}
		p.setup(os.Getenv("FOLIO_TEST_PEER_USER"), os.Getenv("FOLIO_TEST_PEER_PASSWORD"))
		docs := map[string]map[string]any{}
		for _, sc := range watchShapeCases {
			doc := map[string]any{"request": sc.params}
			for _, fv := range []string{"1", "2"} {
				doc["fv"+fv] = normalize(p.run(sc, fv))
			}
			docs[sc.name] = doc
		}
		if *capture {
			writeFixtures(t, docs)
			return
		}
		live = docs
	}
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Admin", "sysop", "bureaucrat")
		p := &peer{t: t, api: env.URL + "/api.php", anon: newPeerClient(), admin: newPeerClient()}
		p.setup("Admin", TestPassword)
		for _, sc := range watchShapeCases {
			t.Run(sc.name, func(t *testing.T) {
				p.t = t
				want := live[sc.name]
				if want == nil {
					want = readFixture(t, sc.name)
				}
				for _, fv := range []string{"1", "2"} {
					compareShapes(t, sc, fv, want["fv"+fv], p.run(sc, fv))
				}
			})
		}
	})
}
