package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/folio-wiki/folio"
)

func testLog(t *testing.T, f *specialFixture) {
	const lg = "/wiki/Special:Log"
	f.run(t, []scenario{
		{name: "all", url: lg,
			want: []string{`<ul class="mw-logevent-loglines">`, `class="mw-logline-protect"`, `class="mw-logline-delete"`,
				"deleted the page", "protected", "[edit=sysop]", "(spam cleanup)", "(edit war)",
				`<option value="delete">Deletion log</option>`, `<option value="newusers">`, `name="user"`, `name="page"`}},
		{name: "type", url: lg + "?type=delete", want: []string{"(spam cleanup)", "Deletion log</span></h1>",
			`<option value="delete" selected>`}, notWant: []string{"(edit war)"}},
		{name: "type subpage", url: lg + "/protect", want: []string{"(edit war)"}, notWant: []string{"(spam cleanup)"}},
		{name: "user", url: lg + "?user=Sysop", want: []string{"(edit war)", "(spam cleanup)", `value="Sysop"`}},
		{name: "user subpage", url: lg + "/Sysop", want: []string{"(edit war)"}},
		{name: "type and user subpage", url: lg + "/delete/Sysop", want: []string{"(spam cleanup)"},
			notWant: []string{"(edit war)"}},
		{name: "user lower case", url: lg + "?user=sysop", want: []string{"(edit war)"}},
		{name: "other user", url: lg + "?user=Alice", want: []string{"No log entries match"},
			notWant: []string{"(edit war)"}},
		{name: "page", url: lg + "?page=Zeta", want: []string{"(spam cleanup)"}, notWant: []string{"(edit war)"}},
		{name: "limit and older link", url: lg + "?limit=1", want: []string{"(edit war)", `class="mw-nextlink"`, "offset="},
			notWant: []string{"(spam cleanup)"}},
		{name: "bad user", url: lg + "?user=A%7CB", wantStatus: 400},
		{name: "alias", url: "/wiki/Special:Logs/delete", wantStatus: 301, location: "/wiki/Special:Log/delete"},
	})
}

// testLogPaging walks the two log entries of the fixture one at a time in
// both directions.
func testLogPaging(t *testing.T, f *specialFixture) {
	entries, err := f.env.Store.FindLogEntries(context.Background(), folio.LogFilter{Limit: 10})
	if err != nil || len(entries) != 2 {
		t.Fatalf("FindLogEntries() = %d entries, %v; want 2", len(entries), err)
	}
	protect, del := strconv.FormatInt(entries[0].ID, 10), strconv.FormatInt(entries[1].ID, 10)
	const lg = "/wiki/Special:Log"
	f.run(t, []scenario{
		{name: "newest", url: lg + "?limit=1", want: []string{"(edit war)", "offset=" + protect, `class="mw-nextlink"`},
			notWant: []string{"(spam cleanup)", `class="mw-prevlink"`}},
		{name: "older", url: lg + "?limit=1&offset=" + protect, want: []string{"(spam cleanup)", `class="mw-prevlink"`,
			"dir=prev", `class="mw-firstlink"`}, notWant: []string{"(edit war)", `class="mw-nextlink"`}},
		{name: "newer", url: lg + "?limit=1&offset=" + del + "&dir=prev", want: []string{"(edit war)", `class="mw-nextlink"`},
			notWant: []string{"(spam cleanup)", `class="mw-prevlink"`}},
		{name: "oldest", url: lg + "?limit=1&dir=prev", want: []string{"(spam cleanup)", `class="mw-prevlink"`},
			notWant: []string{"(edit war)", `class="mw-lastlink"`}},
		{name: "newer with filter", url: lg + "?type=delete&limit=1&offset=" + del + "&dir=prev",
			want: []string{"No log entries match"}},
	})
}
