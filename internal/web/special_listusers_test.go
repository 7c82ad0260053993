package web_test

import "testing"

func testListUsers(t *testing.T, f *specialFixture) {
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
}

func testActiveUsers(t *testing.T, f *specialFixture) {
	const a = "/wiki/Special:ActiveUsers"
	f.run(t, []scenario{
		{name: "active", url: a, want: []string{`<ul class="mw-activeusers-list">`, `href="/wiki/User:Alice"`,
			"[8 actions in this period]", `href="/wiki/User:Botty"`, "[1 action in this period]",
			`href="/wiki/User:Sysop"`, "[2 actions in this period]"},
			notWant: []string{"127.0.0.1"}},
		{name: "hide bots", url: a + "?hidebots=1", want: []string{`href="/wiki/User:Alice"`},
			notWant: []string{`href="/wiki/User:Botty"`}},
		{name: "from", url: a + "?username=Bo", want: []string{`href="/wiki/User:Botty"`},
			notWant: []string{`href="/wiki/User:Alice"`}},
		{name: "limit", url: a + "?limit=1", want: []string{`href="/wiki/User:Alice"`, "username=Botty", "next 1"},
			notWant: []string{`href="/wiki/User:Sysop"`}},
	})
}
