package web_test

import "testing"

func testProtectedPages(t *testing.T, f *specialFixture) {
	const p = "/wiki/Special:ProtectedPages"
	f.run(t, []scenario{
		{name: "edit protection", url: p, want: []string{`<table class="wikitable mw-protectedpages">`,
			`href="/wiki/Alpha"`, "administrators only", "does not expire", `class="mw-userlink"`, "(edit war)"}},
		{name: "level", url: p + "?level=sysop", want: []string{`href="/wiki/Alpha"`, `<option value="sysop" selected>`}},
		{name: "other level", url: p + "?level=autoconfirmed", want: []string{"No page is protected this way"}},
		{name: "move protection", url: p + "?type=move", want: []string{"No page is protected this way"}},
		{name: "namespace", url: p + "?namespace=1", want: []string{"No page is protected this way"}},
		{name: "main namespace", url: p + "?namespace=0", want: []string{`href="/wiki/Alpha"`}},
	})
}
