package web_test

import "testing"

func testRecentChangesLinked(t *testing.T, f *specialFixture) {
	const l = "/wiki/Special:RecentChangesLinked"
	f.run(t, []scenario{
		{name: "form only", url: l, want: []string{`id="mw-recentchangeslinked-form"`},
			notWant: []string{`class="mw-changeslist"`}},
		{name: "pages linked from", url: l + "/Alpha",
			want: []string{"Related changes", `class="mw-changeslist"`, "(anonymous start)", "(a template)",
				`value="Alpha"`, "limit=100&amp;target=Alpha"},
			notWant: []string{"(first version)", "(links via redirect)", "(robot tidy)"}},
		{name: "target parameter with options", url: "/index.php?title=Special:RecentChangesLinked&target=Alpha&hidebots=0",
			want: []string{"(anonymous start)", "(robot tidy)"}},
		{name: "pages linking to", url: l + "?target=Beta&showlinkedto=1",
			want:    []string{"(first version)", "(typo fix)", "(redirect to Beta)", `name="showlinkedto" value="1" checked`},
			notWant: []string{"(anonymous start)", "(a template)"}},
		{name: "namespace", url: l + "/Alpha?namespace=10", want: []string{"(a template)"},
			notWant: []string{"(anonymous start)"}},
		{name: "missing page", url: l + "/Nowhere", want: []string{"does not exist, so it links to nothing", "No changes match"}},
		{name: "feed", url: l + "/Alpha?feed=atom", want: []string{"<title>Beta</title>", "<title>Template:Tpl</title>"},
			notWant: []string{"<title>Alpha</title>"}},
		{name: "alias", url: "/wiki/Special:RelatedChanges/Alpha", wantStatus: 301, location: "/wiki/Special:RecentChangesLinked/Alpha"},
		{name: "bad title", url: l + "?target=%5B%5B", wantStatus: 400},
	})
}
