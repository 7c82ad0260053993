package web_test

import "testing"

func TestPrefixIndex(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
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
		})
	})
}

func TestListUsers(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		const l = "/wiki/Special:ListUsers"
		f.run(t, []scenario{
			{name: "all", url: l, want: []string{`<ul class="mw-listusers-list">`, `href="/wiki/User:Alice" class="mw-userlink"`,
				`href="/wiki/User:Botty"`, "— groups: sysop", "— 9 edits", "— 1 edit<", `<option value="sysop">`}},
			{name: "group", url: l + "?group=bot", want: []string{`href="/wiki/User:Botty"`, `<option value="bot" selected>`},
				notWant: []string{`href="/wiki/User:Alice"`}},
			{name: "group subpage", url: l + "/sysop", want: []string{`href="/wiki/User:Sysop"`},
				notWant: []string{`href="/wiki/User:Botty"`}},
			{name: "from", url: l + "?username=b", want: []string{`href="/wiki/User:Botty"`},
				notWant: []string{`href="/wiki/User:Alice"`}},
			{name: "limit", url: l + "?limit=1", want: []string{`href="/wiki/User:Alice"`, "username=Botty", "next 1"},
				notWant: []string{`href="/wiki/User:Botty"`}},
			{name: "unknown group", url: l + "?group=nobody", want: []string{"No account matches"}},
			{name: "alias", url: "/wiki/Special:UserList", wantStatus: 301, location: "/wiki/Special:ListUsers"},
		})
	})
}

func TestStatistics(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		f.run(t, []scenario{
			{name: "counters", url: "/wiki/Special:Statistics", want: []string{`class="wikitable mw-statistics-table"`,
				`<tr class="mw-statistics-pages"><td>All pages, including talk pages and redirects</td><td class="mw-statistics-numbers">7</td>`,
				`<tr class="mw-statistics-edits"><td>Edits since the wiki was set up</td><td class="mw-statistics-numbers">11</td>`,
				`<tr class="mw-statistics-users"><td>Registered users</td><td class="mw-statistics-numbers">3</td>`}},
		})
	})
}
