package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/folio-wiki/folio"
)

func testNewPages(t *testing.T, f *specialFixture) {
	const n = "/wiki/Special:NewPages"
	f.run(t, []scenario{
		{name: "main namespace", url: n,
			want: []string{`<ul class="mw-newpages-list">`, `class="mw-newpages-pagename"`, ">Alpha</a>", ">Beta</a>",
				`class="mw-newpages-history"`, `<span class="mw-newpages-length">[42 bytes]</span>`, "(first version)",
				`<option value="0" selected>`, `name="hideredirs" value="1" checked>`},
			notWant: []string{">Talk:Alpha</a>", ">Template:Tpl</a>", "(typo fix)"}},
		{name: "all namespaces", url: n + "?namespace=all", want: []string{">Talk:Alpha</a>", ">Template:Tpl</a>"}},
		{name: "namespace", url: n + "?namespace=10", want: []string{">Template:Tpl</a>"}, notWant: []string{">Alpha</a>"}},
		{name: "creator", url: n + "?username=Alice", want: []string{">Alpha</a>", `value="Alice"`},
			notWant: []string{">Beta</a>"}},
		{name: "creator ip", url: n + "?username=127.0.0.1", want: []string{">Beta</a>"}, notWant: []string{">Alpha</a>"}},
		{name: "hide registered", url: n + "?hideliu=1", want: []string{">Beta</a>"}, notWant: []string{">Alpha</a>"}},
		{name: "limit", url: n + "?limit=1", want: []string{">Delta</a>", `class="mw-nextlink"`},
			notWant: []string{">Alpha</a>"}},
		{name: "deleted page is red", url: n + "?namespace=all", notWant: []string{">Zeta</a>"}},
		{name: "redirects hidden", url: n, notWant: []string{">Gamma</a>"}},
		{name: "redirects shown", url: n + "?hideredirs=0", want: []string{`class="mw-newpages-pagename mw-redirect"`,
			">Gamma</a>", `name="hideredirs" value="1">`}},
		{name: "current size", url: n, want: []string{`<span class="mw-newpages-length">[26 bytes]</span>`}},
		{name: "lower-case alias", url: "/wiki/Special:Newpages", wantStatus: 301, location: "/wiki/Special:NewPages"},
	})
}

// testNewPagesPaging pages through the main-namespace creations (Delta,
// Gamma, Beta, Alpha, Ancient, newest first; Gamma is a redirect and
// hidden) in both directions.
func testNewPagesPaging(t *testing.T, f *specialFixture) {
	main := folio.NSMain
	rcs, err := f.env.Store.FindNewPages(context.Background(), folio.RecentChangeFilter{Namespace: &main, Limit: 10})
	if err != nil || len(rcs) != 5 {
		t.Fatalf("FindNewPages() = %d rows, %v; want 5", len(rcs), err)
	}
	id := map[string]string{}
	for _, rc := range rcs {
		id[rc.DBKey] = strconv.FormatInt(rc.ID, 10)
	}
	const n = "/wiki/Special:NewPages"
	f.run(t, []scenario{
		{name: "newest", url: n + "?limit=1", want: []string{">Delta</a>", "offset=" + id["Delta"], `class="mw-nextlink"`},
			notWant: []string{">Beta</a>", `class="mw-prevlink"`}},
		{name: "older skips the redirect", url: n + "?limit=1&offset=" + id["Delta"], want: []string{">Beta</a>",
			`class="mw-prevlink"`}, notWant: []string{">Delta</a>", ">Gamma</a>"}},
		{name: "newer skips the redirect", url: n + "?limit=1&dir=prev&offset=" + id["Beta"], want: []string{">Delta</a>",
			`class="mw-nextlink"`}, notWant: []string{">Beta</a>", ">Gamma</a>", `class="mw-prevlink"`}},
		{name: "oldest", url: n + "?limit=2&dir=prev", want: []string{">Alpha</a>", ">Ancient</a>", `class="mw-prevlink"`},
			notWant: []string{">Beta</a>"}},
	})
}
