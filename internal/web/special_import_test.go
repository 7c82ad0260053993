package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// importDump has two good pages (one with a stale <sha1>) and a page with
// an invalid title.
const importDump = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Elsewhere</sitename>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Modèle</namespace>
    </namespaces>
  </siteinfo>
  <page>
    <title>Imported page</title>
    <ns>0</ns>
    <id>501</id>
    <revision>
      <id>901</id>
      <timestamp>2015-03-01T10:00:00Z</timestamp>
      <contributor><ip>192.0.2.44</ip></contributor>
      <text bytes="11">First words</text>
    </revision>
    <revision>
      <id>902</id>
      <timestamp>2015-03-02T10:00:00Z</timestamp>
      <contributor><username>Bob Elsewhere</username><id>7</id></contributor>
      <comment>more</comment>
      <text>First words, then more [[Beta]]</text>
    </revision>
  </page>
  <page>
    <title>Modèle:Stale</title>
    <ns>10</ns>
    <id>502</id>
    <revision>
      <id>903</id>
      <timestamp>2015-03-03T10:00:00Z</timestamp>
      <contributor><username>Bob Elsewhere</username><id>7</id></contributor>
      <text>template body</text>
      <sha1>0000000000000000000000000000000</sha1>
    </revision>
  </page>
  <page>
    <title>Bad [title]</title>
    <ns>0</ns>
    <id>503</id>
    <revision>
      <id>904</id>
      <timestamp>2015-03-04T10:00:00Z</timestamp>
      <contributor><ip>192.0.2.44</ip></contributor>
      <text>never stored</text>
    </revision>
  </page>
</mediawiki>
`

// importScenario is one upload to Special:Import.
type importScenario struct {
	name    string
	as      string // "Sysop", "Alice" or "" (anonymous)
	file    string // the upload; no file part when empty
	noToken bool
	status  int
	want    []string
	notWant []string
}

func TestSpecialImport(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		f.browsers["Sysop"] = f.env.NewBrowser()
		f.browsers["Sysop"].MustLogin("Sysop")
		tests := []importScenario{
			{name: "anonymous", as: "", file: importDump, status: http.StatusForbidden, want: []string{"importupload"}},
			{name: "not a sysop", as: "Alice", file: importDump, status: http.StatusForbidden, want: []string{"importupload"}},
			{name: "no token", as: "Sysop", file: importDump, noToken: true, status: http.StatusBadRequest,
				want: []string{"session", `enctype="multipart/form-data"`}},
			{name: "no file", as: "Sysop", status: http.StatusBadRequest, want: []string{"Choose a dump file"}},
			{name: "not a dump", as: "Sysop", file: "PK\x03\x04 a zip", status: http.StatusBadRequest,
				want: []string{"not a MediaWiki XML dump"}},
			{name: "import", as: "Sysop", file: importDump, status: http.StatusOK,
				want: []string{"Imported 2 pages: 3 revisions added, 0 revisions already present, 1 page refused.",
					`<a href="/wiki/Imported_page" title="Imported page">Imported page</a>: 2 revisions added`,
					"Template:Stale</a>: 1 revision added", `page &#34;Bad [title]&#34;: invalid title`,
					"1 revision in 1 page did not match the SHA-1", "imported as it is in the dump: Modèle:Stale."}},
			{name: "again", as: "Sysop", file: importDump, status: http.StatusOK,
				want: []string{"Imported 2 pages: 0 revisions added, 3 revisions already present, 1 page refused."}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp := mustUpload(t, f.browsers[tt.as], tt.file, !tt.noToken)
				if resp.Status != tt.status {
					t.Fatalf("upload = %d, want %d\n%s", resp.Status, tt.status, pageExcerpt(resp.Body))
				}
				for _, s := range tt.want {
					if !strings.Contains(resp.Body, s) {
						t.Errorf("the answer lacks %q\n%s", s, pageExcerpt(resp.Body))
					}
				}
				if msg := unbalancedTag(resp.Body); msg != "" {
					t.Errorf("malformed HTML: %s", msg)
				}
			})
		}
		checkImported(t, f)
	})
}

// checkImported checks the pages and log entries of the import above.
func checkImported(t *testing.T, f *specialFixture) {
	ctx := context.Background()
	p, err := f.env.Store.FindPageByTitle(ctx, folio.NSMain, "Imported_page")
	if err != nil {
		t.Fatalf("the imported page is missing: %v", err)
	}
	r, err := f.env.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil || r.Text != "First words, then more [[Beta]]" || r.Actor.Name != "Bob Elsewhere" || r.Timestamp.Year() != 2015 {
		t.Errorf("latest imported revision %+v, %v", r, err)
	}
	if ls, err := f.env.Store.FindLinks(ctx, p.ID); err != nil || len(ls.Links) != 1 || ls.Links[0].DBKey != "Beta" {
		t.Errorf("links of the imported page: %+v, %v; want Beta", ls, err)
	}
	if _, err := f.env.Store.FindPageByTitle(ctx, folio.NSMain, "Bad_[title]"); err == nil {
		t.Errorf("the page with an invalid title was stored")
	}
	les, err := f.env.Store.FindLogEntries(ctx, folio.LogFilter{Type: "import", Limit: 10})
	if err != nil || len(les) != 2 {
		t.Fatalf("import log entries: %d, %v; want 2 (the second upload adds none)", len(les), err)
	}
	for _, le := range les {
		if le.Action != "upload" || le.Actor.Name != "Sysop" || !strings.Contains(le.Comment, "imported") {
			t.Errorf("log entry %+v, want import/upload by Sysop", le)
		}
	}
}

// mustUpload posts file to Special:Import as b, with the browser's CSRF
// token when withToken is set.
func mustUpload(tb testing.TB, b *Browser, file string, withToken bool) *Response {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if withToken {
		_ = mw.WriteField("wpEditToken", b.Token())
	}
	_ = mw.WriteField("source", "upload")
	_ = mw.WriteField("log-comment", "moving in")
	if file != "" {
		fw, err := mw.CreateFormFile("xmlimport", "dump.xml")
		if err != nil {
			tb.Fatal(err)
		}
		_, _ = io.WriteString(fw, file)
	}
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.env.URL+"/wiki/Special:Import", &body)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
}
