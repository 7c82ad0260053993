package web_test

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// exportScenario is one request to Special:Export and what it must answer.
type exportScenario struct {
	name     string
	as       string // browser: "" anonymous, "Alice"
	method   string // GET when empty
	url      string
	form     url.Values
	status   int  // 200 when zero
	xml      bool // the answer is a dump, not the form
	download bool // sent as an attachment
	want     []string
	notWant  []string
	revs     int // with xml: how many <revision> elements, when not zero
}

func TestSpecialExport(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		mustCategorize(t, f, "Greek_letters", "Alpha", "Beta")
		tests := []exportScenario{
			{name: "form", url: "/wiki/Special:Export",
				want: []string{`name="pages"`, `name="curonly" value="1" checked`, `name="wpDownload" value="1" checked`, `name="catname"`, `name="templates" value="1">`}},
			{name: "subpage exports the current revision", url: "/wiki/Special:Export/Alpha", xml: true, revs: 1,
				want:    []string{`<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/"`, "<sitename>Folio Test</sitename>", "<title>Alpha</title>", "and more words here"},
				notWant: []string{"<title>Beta</title>", "<title>Template:Tpl</title>"}},
			{name: "GET with history", url: "/index.php?title=Special:Export&pages=Alpha%0ABeta%0AAlpha&history=1", xml: true, revs: 4,
				want: []string{"<title>Alpha</title>", "<title>Beta</title>", "first version", "<ip>127.0.0.1</ip>"}},
			{name: "GET with templates", url: "/index.php?title=Special:Export&pages=Alpha&templates=1", xml: true, revs: 2,
				want: []string{"<title>Template:Tpl</title>", "template text"}},
			{name: "POST current only, as a file", method: http.MethodPost, url: "/wiki/Special:Export",
				form: url.Values{"pages": {"Beta\n[[bad]]\nNo such page"}, "curonly": {"1"}, "wpDownload": {"1"}},
				xml:  true, download: true, revs: 1, want: []string{"Beta text, tidied by a bot"}, notWant: []string{"Beta text</text>"}},
			{name: "POST without curonly is the full history", method: http.MethodPost, url: "/wiki/Special:Export",
				form: url.Values{"pages": {"Beta"}}, xml: true, revs: 2},
			{name: "deleted pages are missing", url: "/wiki/Special:Export/Zeta", xml: true, notWant: []string{"<page>"}},
			{name: "add a category to the list", as: "Alice", method: http.MethodPost, url: "/wiki/Special:Export",
				form: url.Values{"pages": {"Delta"}, "catname": {"Greek letters"}, "addcat": {"1"}, "curonly": {"1"}},
				want: []string{"Delta\nAlpha\nBeta</textarea>", `name="curonly" value="1" checked`}},
			{name: "an unknown category adds nothing", method: http.MethodPost, url: "/wiki/Special:Export",
				form: url.Values{"pages": {"Delta"}, "catname": {"Category:Nothing"}, "addcat": {"1"}},
				want: []string{">Delta</textarea>"}},
			{name: "no valid title", url: "/index.php?title=Special:Export&pages=%5B%5B%5D%5D", status: http.StatusBadRequest,
				want: []string{"no valid page title", `name="pages"`}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { tt.run(t, f) })
		}
	})
}

func (tt exportScenario) run(t *testing.T, f *specialFixture) {
	t.Helper()
	method := cmp.Or(tt.method, http.MethodGet)
	resp := f.browsers[tt.as].Do(method, tt.url, tt.form)
	if want := max(tt.status, http.StatusOK); resp.Status != want {
		t.Fatalf("%s %s = %d, want %d\n%s", method, tt.url, resp.Status, want, pageExcerpt(resp.Body))
	}
	isXML := resp.Header.Get("Content-Type") == "application/xml; charset=utf-8"
	if isXML != tt.xml {
		t.Errorf("%s %s: Content-Type %q, want a dump: %v", method, tt.url, resp.Header.Get("Content-Type"), tt.xml)
	}
	cd := resp.Header.Get("Content-Disposition")
	if tt.download != strings.HasPrefix(cd, `attachment; filename="Folio Test-`) {
		t.Errorf("%s %s: Content-Disposition %q, want an attachment: %v", method, tt.url, cd, tt.download)
	}
	if n := strings.Count(resp.Body, "<revision>"); tt.revs != 0 && n != tt.revs {
		t.Errorf("%s %s: %d revisions, want %d\n%s", method, tt.url, n, tt.revs, resp.Body)
	}
	if tt.xml && !strings.HasSuffix(resp.Body, "</mediawiki>\n") {
		t.Errorf("%s %s: the dump is not complete:\n%s", method, tt.url, resp.Body)
	}
	for _, s := range tt.want {
		if !strings.Contains(resp.Body, s) {
			t.Errorf("%s %s: body lacks %q\n%s", method, tt.url, s, pageExcerpt(resp.Body))
		}
	}
	for _, s := range tt.notWant {
		if strings.Contains(resp.Body, s) {
			t.Errorf("%s %s: body contains %q", method, tt.url, s)
		}
	}
}

// TestSpecialExportPrivate checks that a wiki closed to readers exports
// nothing to them.
func TestSpecialExportPrivate(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Secret", "hidden words", "start", nil)
	env.Wiki.Rights[folio.GroupAll]["read"] = false
	for _, u := range []string{"/wiki/Special:Export/Secret", "/index.php?title=Special:Export&pages=Secret"} {
		resp := env.NewBrowser().Do(http.MethodGet, u, nil)
		if resp.Status != http.StatusForbidden || strings.Contains(resp.Body, "hidden words") {
			t.Errorf("GET %s as an anonymous reader = %d, want 403 without the text", u, resp.Status)
		}
	}
}

// mustCategorize puts pages into category (a DBKey), keeping their links.
func mustCategorize(tb testing.TB, f *specialFixture, category string, titles ...string) {
	tb.Helper()
	ctx := context.Background()
	is, ok := f.env.Store.(folio.ImportStore)
	if !ok {
		tb.Fatalf("store %T cannot set page links", f.env.Store)
	}
	for _, title := range titles {
		p, err := f.env.Store.FindPageByTitle(ctx, folio.NSMain, title)
		if err != nil {
			tb.Fatal(err)
		}
		ls, err := f.env.Store.FindLinks(ctx, p.ID)
		if err != nil {
			tb.Fatal(err)
		}
		ls.Categories = append(ls.Categories, folio.CategoryLink{Category: category})
		if err := is.SetPageLinks(ctx, p.ID, ls, nil); err != nil {
			tb.Fatal(err)
		}
	}
}
