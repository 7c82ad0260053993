package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/folio-wiki/folio"
)

func testAllPages(t *testing.T, f *specialFixture) {
	const a = "/wiki/Special:AllPages"
	f.run(t, []scenario{
		{name: "main namespace", url: a,
			want: []string{`<ul class="mw-allpages-chunk">`, `href="/wiki/Alpha"`, `href="/wiki/Beta"`,
				`<li class="allpagesredirect"><a href="/wiki/Gamma" class="mw-redirect"`, `name="hideredirects"`},
			notWant: []string{`href="/wiki/Talk:Alpha"`, `href="/wiki/Template:Tpl"`, `href="/wiki/Zeta"`, "Next page"}},
		{name: "hide redirects", url: a + "?hideredirects=1", want: []string{`href="/wiki/Beta"`},
			notWant: []string{`href="/wiki/Gamma"`}},
		{name: "from", url: a + "?from=B", want: []string{`href="/wiki/Beta"`}, notWant: []string{`href="/wiki/Alpha"`}},
		{name: "from lower case", url: a + "?from=delta", want: []string{`href="/wiki/Delta"`},
			notWant: []string{`href="/wiki/Beta"`}},
		{name: "from subpage", url: a + "/Delta", want: []string{`href="/wiki/Delta"`, `value="Delta"`},
			notWant: []string{`href="/wiki/Beta"`}},
		{name: "to", url: a + "?to=Beta", want: []string{`href="/wiki/Alpha"`, `href="/wiki/Beta"`},
			notWant: []string{`href="/wiki/Delta"`}},
		{name: "namespace", url: a + "?namespace=10", want: []string{`href="/wiki/Template:Tpl"`, ">Tpl</a>",
			`<option value="10" selected>`}, notWant: []string{`href="/wiki/Alpha"`}},
		{name: "empty range", url: a + "?from=Zz", want: []string{"No pages in this range", "Previous page (Alpha)"}},
		{name: "previous page", url: a + "?from=Delta", want: []string{`class="mw-prevlink"`, "Previous page (Alpha)", "from=Alpha"}},
		{name: "no previous page", url: a + "?from=Alpha", notWant: []string{"Previous page"}},
		{name: "lower-case alias", url: "/wiki/Special:Allpages", wantStatus: 301, location: "/wiki/Special:AllPages"},
	})
}

// TestAllPagesPaging fills the Help namespace with more pages than one
// screen holds and follows the "Next page" link.
func TestAllPagesPaging(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 350 pages")
	}
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		ctx := context.Background()
		for i := range 350 {
			e := &folio.Edit{Namespace: folio.NSHelp, DBKey: fmt.Sprintf("P%03d", i), Text: "x",
				Actor: folio.Actor{Name: "192.0.2.9"}}
			if _, err := f.env.Store.SaveRevision(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		f.run(t, []scenario{
			{name: "first screen", url: "/wiki/Special:AllPages?namespace=12",
				want:    []string{">P000</a>", ">P344</a>", "Next page (P345)", "from=P345&amp;namespace=12"},
				notWant: []string{">P345</a>", "Previous page"}},
			{name: "second screen", url: "/index.php?title=Special:AllPages&from=P345&namespace=12",
				want:    []string{">P345</a>", ">P349</a>", "Previous page (P000)", "from=P000&amp;namespace=12"},
				notWant: []string{">P344</a>", "Next page"}},
			{name: "third screen back", url: "/index.php?title=Special:AllPages&from=P346&namespace=12",
				want: []string{"Previous page (P001)"}},
		})
	})
}
