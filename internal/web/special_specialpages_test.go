package web_test

import "testing"

func testSpecialPages(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "list", url: "/wiki/Special:SpecialPages",
			want: []string{`<h2 id="mw-specialpagesgroup-changes">`, `href="/wiki/Special:RecentChanges"`,
				`href="/wiki/Special:AllPages"`, `href="/wiki/Special:Random"`, `href="/wiki/Special:Version"`,
				`href="/wiki/Special:Log"`, `href="/wiki/Special:Contributions"`, `href="/wiki/Special:WhatLinksHere"`,
				`href="/wiki/Special:NewPages"`, `href="/wiki/Special:ListGroupRights"`, `href="/wiki/Special:UserLogin"`,
				`href="/wiki/Special:PrefixIndex"`, `href="/wiki/Special:ListUsers"`, `href="/wiki/Special:Statistics"`},
			notWant: []string{`href="/wiki/Special:UserLogout"`, `href="/wiki/Special:RandomPage"`, "mw-specialpagerestricted"}},
		{name: "lower case", url: "/wiki/Special:Specialpages", wantStatus: 301, location: "/wiki/Special:SpecialPages"},
		{name: "unknown", url: "/wiki/Special:NoSuchPage", wantStatus: 404},
	})
}

func testListGroupRights(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "groups", url: "/wiki/Special:ListGroupRights",
			want: []string{`class="wikitable mw-listgrouprights-table"`, `<tr id="sysop">`, `<tr id="*">`, `<tr id="bot">`,
				`<code class="mw-listgrouprights-right">delete</code>`, `<code class="mw-listgrouprights-right">edit</code>`}},
		{name: "alias", url: "/wiki/Special:UserGroupRights", wantStatus: 301, location: "/wiki/Special:ListGroupRights"},
	})
}
