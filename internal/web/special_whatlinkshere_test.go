package web_test

import "testing"

func testWhatLinksHere(t *testing.T, f *specialFixture) {
	const w = "/wiki/Special:WhatLinksHere"
	f.run(t, []scenario{
		{name: "links and redirects", url: w + "/Beta",
			want: []string{`<ul id="mw-whatlinkshere-list">`, `href="/wiki/Alpha"`, `class="mw-redirect"`,
				`<span class="mw-whatlinkshere-redirect">(redirect)</span>`, `href="/wiki/Delta"`,
				`Pages linking to &#34;Beta&#34;`, "← links", "Hide redirects"}},
		{name: "target parameter", url: "/index.php?title=Special:WhatLinksHere&target=Beta", want: []string{`href="/wiki/Alpha"`}},
		{name: "hide redirects", url: w + "/Beta?hideredirs=1", want: []string{`href="/wiki/Alpha"`, "Show redirects"},
			notWant: []string{`href="/wiki/Gamma"`, `href="/wiki/Delta"`}},
		{name: "hide links", url: w + "/Beta?hidelinks=1", want: []string{`href="/wiki/Gamma"`},
			notWant: []string{`href="/wiki/Alpha"`}},
		{name: "transclusions", url: w + "/Template:Tpl", want: []string{`href="/wiki/Alpha"`, "(transcluded)"}},
		{name: "hide transclusions", url: w + "/Template:Tpl?hidetrans=1", want: []string{"No page points at"}},
		{name: "namespace", url: w + "/Beta?namespace=1", want: []string{"No page points at"}},
		{name: "nothing links", url: w + "/Alpha", want: []string{"No page points at"}},
		{name: "paging", url: w + "/Beta?limit=1", want: []string{`href="/wiki/Alpha"`, "back=0&amp;from=5", "next 1", "previous 1 |"},
			notWant: []string{`href="/wiki/Gamma"`}},
		{name: "from", url: w + "/Beta?from=5&back=0&limit=1", want: []string{`href="/wiki/Gamma"`,
			`class="mw-prevlink"`, "previous 1"}, notWant: []string{`href="/wiki/Alpha"`, `class="mw-nextlink"`}},
		{name: "form only", url: w, want: []string{`id="mw-whatlinkshere-form"`},
			notWant: []string{"mw-whatlinkshere-list", "No page points"}},
		{name: "bad title", url: w + "?target=%5B%5B", wantStatus: 400},
	})
}
