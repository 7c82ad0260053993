package web_test

import (
	"strconv"
	"testing"
)

func testOwnPageRedirects(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "anonymous user page", url: "/wiki/Special:MyPage", wantStatus: 302, location: "/wiki/User:127.0.0.1"},
		{name: "user page", as: "Alice", url: "/wiki/Special:MyPage", wantStatus: 302, location: "/wiki/User:Alice"},
		{name: "user subpage", as: "Alice", url: "/wiki/Special:MyPage/Notes", wantStatus: 302, location: "/wiki/User:Alice/Notes"},
		{name: "talk page", as: "Alice", url: "/wiki/Special:MyTalk", wantStatus: 302, location: "/wiki/User_talk:Alice"},
		{name: "query kept", as: "Alice", url: "/wiki/Special:MyPage?action=edit", wantStatus: 302,
			location: "/index.php?title=User:Alice&action=edit"},
		{name: "contributions", as: "Alice", url: "/wiki/Special:MyContributions", wantStatus: 302,
			location: "/wiki/Special:Contributions/Alice"},
		{name: "anonymous contributions", url: "/wiki/Special:MyContributions?limit=5", wantStatus: 302,
			location: "/index.php?title=Special:Contributions/127.0.0.1&limit=5"},
	})
}

func testRedirectByID(t *testing.T, f *specialFixture) {
	const r = "/wiki/Special:Redirect"
	alice := strconv.FormatInt(f.users["Alice"].ID, 10)
	f.run(t, []scenario{
		{name: "page", url: r + "/page/2", wantStatus: 302, location: "/wiki/Alpha"},
		{name: "revision", url: r + "/revision/2", wantStatus: 302, location: "/index.php?title=Alpha&oldid=2"},
		{name: "user", url: r + "/user/" + alice, wantStatus: 302, location: "/wiki/User:Alice"},
		{name: "form parameters", url: r + "?wptype=page&wpvalue=1", wantStatus: 302, location: "/wiki/Ancient"},
		{name: "missing page", url: r + "/page/9999", wantStatus: 404},
		{name: "missing revision", url: r + "/revision/9999", wantStatus: 404},
		{name: "bad id", url: r + "/page/x", wantStatus: 400},
		{name: "bad kind", url: r + "/file/1", wantStatus: 400},
		{name: "form", url: r, want: []string{`id="mw-redirect-form"`, `name="wptype"`}},
	})
}

func testRevisionLinks(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "permanent link", url: "/wiki/Special:PermanentLink/2", wantStatus: 302, location: "/index.php?title=Alpha&oldid=2"},
		{name: "permalink alias", url: "/wiki/Special:PermaLink/2", wantStatus: 301, location: "/wiki/Special:PermanentLink/2"},
		{name: "permanent link without id", url: "/wiki/Special:PermanentLink", wantStatus: 400},
		{name: "diff to previous", url: "/wiki/Special:Diff/4", wantStatus: 302, location: "/index.php?title=Alpha&diff=4"},
		{name: "diff of two", url: "/wiki/Special:Diff/2/4", wantStatus: 302, location: "/index.php?title=Alpha&diff=4&oldid=2"},
		{name: "diff to next", url: "/wiki/Special:Diff/2/next", wantStatus: 302, location: "/index.php?title=Alpha&diff=next&oldid=2"},
		{name: "diff target works", url: "/index.php?title=Alpha&diff=4&oldid=2", want: []string{"diff"}},
		{name: "missing revision", url: "/wiki/Special:Diff/9999", wantStatus: 404},
		{name: "bad diff", url: "/wiki/Special:Diff/2/x", wantStatus: 400},
	})
}
