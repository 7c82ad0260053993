package web_test

import "testing"

func testPrefixIndex(t *testing.T, f *specialFixture) {
	const p = "/wiki/Special:PrefixIndex"
	f.run(t, []scenario{
		{name: "form only", url: p, want: []string{`id="mw-prefixindex-form"`},
			notWant: []string{"mw-prefixindex-list", "No page title"}},
		{name: "subpage", url: p + "/Al", want: []string{`<ul class="mw-prefixindex-list">`, `href="/wiki/Alpha"`},
			notWant: []string{`href="/wiki/Ancient"`, `href="/wiki/Beta"`}},
		{name: "lower-case prefix", url: p + "?prefix=an", want: []string{`href="/wiki/Ancient"`},
			notWant: []string{`href="/wiki/Alpha"`}},
		{name: "namespace in subpage", url: p + "/Template:T?stripprefix=1",
			want: []string{`href="/wiki/Template:Tpl"`, ">pl</a>", `<option value="10" selected>`}},
		{name: "namespace parameter", url: p + "?prefix=Al&namespace=1", want: []string{`href="/wiki/Talk:Alpha"`}},
		{name: "redirects", url: p + "/G", want: []string{`class="allpagesredirect"`, `href="/wiki/Gamma"`}},
		{name: "hide redirects", url: p + "/G?hideredirects=1", want: []string{"No page title starts"}},
		{name: "whole namespace", url: p + "?namespace=0", want: []string{`href="/wiki/Alpha"`, `href="/wiki/Delta"`}},
		{name: "previous page", url: p + "?prefix=A&from=Ancient", want: []string{`href="/wiki/Ancient"`, "Previous page (Alpha)"},
			notWant: []string{`href="/wiki/Alpha"`}},
		{name: "first page has no previous", url: p + "?prefix=A&from=Alpha", notWant: []string{"Previous page"}},
	})
}
