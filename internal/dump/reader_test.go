package dump_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/dump"
	"github.com/google/go-cmp/cmp"
)

const head = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="ltg">
  <siteinfo>
    <sitename>Vikipedeja</sitename>
    <dbname>ltgwiki</dbname>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Taiss</namespace>
    </namespaces>
  </siteinfo>
`

const features = head + `  <page>
    <title>Taiss:Box</title>
    <ns>10</ns>
    <id>7</id>
    <redirect title="Taiss:Other &amp; more" />
    <revision>
      <id>70</id>
      <timestamp>2017-01-02T03:04:05Z</timestamp>
      <contributor deleted="deleted" />
      <comment deleted="deleted" />
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="3" xml:space="preserve">a&amp;b</text>
      <sha1>abc</sha1>
    </revision>
    <revision>
      <id>71</id>
      <parentid>70</parentid>
      <timestamp>2017-01-03T03:04:05Z</timestamp>
      <contributor><ip>192.0.2.1</ip></contributor>
      <minor/>
      <comment>fix &lt;b&gt;</comment>
      <origin>71</origin>
      <model>Scribunto</model>
      <format>text/plain</format>
      <text bytes="10" deleted="deleted" />
    </revision>
  </page>
  <page>
    <title>Main</title>
    <ns>0</ns>
    <id>8</id>
    <revision>
      <id>80</id>
      <timestamp>2017-01-04T00:00:00Z</timestamp>
      <contributor><username>Jānis</username><id>12</id></contributor>
      <text xml:space="preserve">line1
line2&#13;</text>
    </revision>
  </page>
</mediawiki>
`

func day(d, h int) time.Time { return time.Date(2017, 1, d, h, 4, 5, 0, time.UTC) }

func TestReaderFeatures(t *testing.T) {
	r, err := dump.NewReader(strings.NewReader(features))
	if err != nil {
		t.Fatalf("NewReader() error: %v", err)
	}
	wantSite := &dump.SiteInfo{SiteName: "Vikipedeja", DBName: "ltgwiki", Case: "first-letter",
		Namespaces: []dump.Namespace{{Key: 0, Case: "first-letter"}, {Key: 10, Case: "first-letter", Name: "Taiss"}}}
	if diff := cmp.Diff(wantSite, r.SiteInfo); diff != "" {
		t.Errorf("SiteInfo (-want +got):\n%s", diff)
	}
	if r.Version != "0.11" || r.Lang != "ltg" {
		t.Errorf("Version, Lang = %q, %q; want 0.11, ltg", r.Version, r.Lang)
	}
	got := readAll(t, r)
	want := []*dump.Page{
		{Title: "Taiss:Box", NS: 10, ID: 7, Redirect: "Taiss:Other & more", Revisions: []*dump.Revision{
			{ID: 70, Timestamp: day(2, 3), Contributor: dump.Contributor{Deleted: true}, CommentDeleted: true,
				Model: "wikitext", Format: "text/x-wiki", Text: "a&b", TextBytes: 3, SHA1: "abc"},
			{ID: 71, ParentID: 70, Timestamp: day(3, 3), Contributor: dump.Contributor{IP: "192.0.2.1"},
				Minor: true, Comment: "fix <b>", Model: "Scribunto", Format: "text/plain",
				TextDeleted: true, TextBytes: 10},
		}},
		{Title: "Main", ID: 8, Revisions: []*dump.Revision{
			{ID: 80, Timestamp: time.Date(2017, 1, 4, 0, 0, 0, 0, time.UTC),
				Contributor: dump.Contributor{Username: "Jānis", ID: 12}, Text: "line1\nline2\r", TextBytes: -1},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

// readAll reads every page and clears the line numbers.
func readAll(tb testing.TB, r *dump.Reader) []*dump.Page {
	tb.Helper()
	var out []*dump.Page
	for {
		p, err := r.Next()
		if err == io.EOF {
			return out
		} else if err != nil {
			tb.Fatalf("Next() error: %v", err)
		}
		clearLines(p)
		out = append(out, p)
	}
}

func clearLines(p *dump.Page) {
	p.Line = 0
	for _, r := range p.Revisions {
		r.Line = 0
	}
}

func TestReaderErrors(t *testing.T) {
	page := func(body string) string {
		return head + "  <page>\n    <title>Broken</title>\n    <ns>0</ns>\n" + body + "  </page>\n</mediawiki>\n"
	}
	tests := []struct {
		name  string
		in    string
		want  string // substring of the error
		pages int    // pages read before the error
	}{
		{"empty", "", "line 1: the input is empty", 0},
		{"not xml", "hello", "unexpected text", 0},
		{"not a dump", `<html><body/></html>`, "not a MediaWiki XML dump", 0},
		{"wrong schema", `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.3/" version="0.3">`, `unsupported export schema version "0.3"`, 0},
		{"version mismatch", `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.11">`, "does not match", 0},
		{"truncated in siteinfo", head[:200], "truncated", 0},
		{"truncated in text", features[:strings.Index(features, "line1")+3], `page "Main": unexpected end of input: the dump is truncated`, 1},
		{"truncated after page", features[:strings.LastIndex(features, "</mediawiki>")], "truncated", 2},
		{"mismatched tag", page("<revision><id>1</id></page>"), `page "Broken": malformed XML`, 0},
		{"bad id", page("<id>x1</id>"), `line 14: page "Broken": invalid page id "x1"`, 0},
		{"bad timestamp", page("<revision><timestamp>yesterday</timestamp></revision>"), `invalid timestamp "yesterday"`, 0},
		{"no timestamp", page("<revision><id>5</id></revision>"), "revision 5 has no <timestamp>", 0},
		{"no title", head + "<page><ns>0</ns></page></mediawiki>", "a page has no <title>", 0},
		{"no ns", head + "<page><title>X</title></page></mediawiki>", `page "X": the page has no <ns>`, 0},
		{"bad namespace key", strings.Replace(head, `key="10"`, `key="ten"`, 1), `invalid namespace key "ten"`, 0},
		{"invalid char", page("<revision><timestamp>2017-01-01T00:00:00Z</timestamp><text>\x01</text></revision>"), "malformed XML", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := readUntilError(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("read %s: error %v, want one containing %q", tt.name, err, tt.want)
			}
			var de *dump.Error
			if !errors.As(err, &de) || de.Line < 1 {
				t.Errorf("error %v is not a *dump.Error with a line number", err)
			}
			if n != tt.pages {
				t.Errorf("read %d pages before the error, want %d", n, tt.pages)
			}
		})
	}
}

// readUntilError reads in and returns the number of pages read and the
// first error other than io.EOF.
func readUntilError(in string) (int, error) {
	r, err := dump.NewReader(strings.NewReader(in))
	if err != nil {
		return 0, err
	}
	for n := 0; ; n++ {
		if _, err := r.Next(); err == io.EOF {
			return n, nil
		} else if err != nil {
			return n, err
		}
	}
}

func TestOpenCompressed(t *testing.T) {
	plain, err := os.ReadFile("testdata/gendump-40x3.xml")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	dir := t.TempDir()
	gzPath := dir + "/dump.xml.gz"
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		stdin      io.Reader
	}{
		{"plain", "testdata/gendump-40x3.xml", nil},
		{"gzip", gzPath, nil},
		{"stdin gzip", "-", bytes.NewReader(gz.Bytes())},
		{"stdin plain", "-", bytes.NewReader(plain)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := dump.Open(tt.path, tt.stdin)
			if err != nil {
				t.Fatalf("Open(%q) error: %v", tt.path, err)
			}
			defer src.Close()
			r, err := dump.NewReader(src)
			if err != nil {
				t.Fatalf("NewReader() error: %v", err)
			}
			if pages := readAll(t, r); len(pages) != 61 {
				t.Errorf("read %d pages, want 61", len(pages))
			}
			if src.Offset() == 0 {
				t.Errorf("Offset() = 0 after reading")
			}
		})
	}
}
