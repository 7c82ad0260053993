package web_test

import (
	"testing"
	"time"
)

func testContributions(t *testing.T, f *specialFixture) {
	const c = "/wiki/Special:Contributions"
	f.run(t, []scenario{
		{name: "user", url: c + "/Alice",
			want: []string{`<ul class="mw-contributions-list">`, "(first version)", "(typo fix)", "(old times)",
				`<span class="mw-uctop">current</span>`, `class="mw-contributions-current"`,
				`oldid=4" class="mw-changeslist-date"`, `diff=prev&amp;oldid=4`, `class="mw-changeslist-history"`,
				`class="mw-plusminus-neg`, `<abbr class="newpage"`, `<abbr class="minoredit"`,
				`class="mw-contributions-title"`, `For <bdi>`, `value="Alice"`},
			notWant: []string{"(anonymous start)", "(robot tidy)", "No user account"}},
		{name: "target parameter", url: "/index.php?title=Special:Contributions&target=Alice", want: []string{"(first version)"}},
		{name: "lower case name", url: c + "/alice", want: []string{"(first version)"}},
		{name: "deleted page not listed", url: c + "/Alice", notWant: []string{"(doomed page)"}},
		{name: "ip", url: c + "/127.0.0.1", want: []string{"(anonymous start)"}, notWant: []string{"No user account"}},
		{name: "namespace", url: c + "/Alice?namespace=1", want: []string{"(talk start)"},
			notWant: []string{"(first version)"}},
		{name: "unknown user", url: c + "/Nobody", want: []string{"No user account is called", "No edits match"}},
		{name: "form only", url: c, want: []string{`id="mw-contributions-form"`},
			notWant: []string{"mw-contributions-list", "mw-pager-navigation-bar"}},
		{name: "limit", url: c + "/Alice?limit=2", want: []string{"(shorter now)", `class="mw-nextlink"`},
			notWant: []string{"(first version)"}},
		{name: "oldest page", url: c + "/Alice?limit=2&dir=prev", want: []string{"(old times)", "(first version)",
			`class="mw-prevlink"`}, notWant: []string{"(typo fix)", "(a template)"}},
		{name: "older than", url: c + "/Alice?limit=1&offset=4", want: []string{"(first version)"},
			notWant: []string{"(typo fix)", "(old times)"}},
		{name: "newer than", url: c + "/Alice?limit=1&offset=2&dir=prev", want: []string{"(typo fix)"},
			notWant: []string{"(first version)", "(talk start)"}},
		{name: "bad name", url: c + "/A%7CB", wantStatus: 400},
		{name: "alias", url: "/wiki/Special:Contribs/Alice", wantStatus: 301, location: "/wiki/Special:Contributions/Alice"},
	})
}

func testContributionsFilters(t *testing.T, f *specialFixture) {
	const c = "/wiki/Special:Contributions"
	fiveDaysAgo := time.Now().UTC().AddDate(0, 0, -5).Format(time.DateOnly)
	f.run(t, []scenario{
		{name: "current only", url: c + "/Alice?topOnly=1", want: []string{"(shorter now)", "(typo fix)", "(old times)",
			`name="topOnly" value="1" checked`}, notWant: []string{"(first version)", "(links via redirect)"}},
		{name: "creations only", url: c + "/Alice?newOnly=1", want: []string{"(first version)", "(talk start)"},
			notWant: []string{"(typo fix)", "(shorter now)"}},
		{name: "no minor edits", url: c + "/Alice?hideMinor=1", want: []string{"(first version)"},
			notWant: []string{"(typo fix)"}},
		{name: "namespace inverted", url: c + "/Alice?namespace=1&nsInvert=1", want: []string{"(first version)"},
			notWant: []string{"(talk start)"}},
		{name: "namespace associated", url: c + "/Alice?namespace=1&associated=1",
			want: []string{"(first version)", "(talk start)"}, notWant: []string{"(a template)"}},
		{name: "filtered paging", url: c + "/Alice?newOnly=1&limit=2",
			want:    []string{"(a template)", "(links via redirect)", `class="mw-nextlink"`, "newOnly=1"},
			notWant: []string{"(redirect to Beta)", "(shorter now)"}},
		{name: "filtered oldest page", url: c + "/Alice?newOnly=1&limit=2&dir=prev",
			want: []string{"(old times)", "(first version)"}, notWant: []string{"(talk start)", "(typo fix)"}},
		{name: "from a day", url: c + "/Alice?start=" + fiveDaysAgo, want: []string{"(first version)", `value="` + fiveDaysAgo + `"`},
			notWant: []string{"(old times)"}},
		{name: "up to a day", url: c + "/Alice?end=" + fiveDaysAgo, want: []string{"(old times)"},
			notWant: []string{"(first version)"}},
	})
}
