package wikitext_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func TestWithMagicLinks(t *testing.T) {
	src := "ISBN 0-306-40615-2 PMID 1234 RFC 4321 http://example.com"
	tests := []struct {
		name            string
		isbn, pmid, rfc bool
		want, dontWant  []string
	}{
		{"all on", true, true, true, []string{"mw-magiclink-isbn", "mw-magiclink-pmid", "mw-magiclink-rfc"}, nil},
		{"all off", false, false, false, []string{"ISBN 0-306-40615-2 PMID 1234 RFC 4321", `href="http://example.com"`}, []string{"mw-magiclink-"}},
		{"only PMID", false, true, false, []string{"mw-magiclink-pmid"}, []string{"mw-magiclink-isbn", "mw-magiclink-rfc"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := wikitext.New(wikitext.WithMagicLinks(tc.isbn, tc.pmid, tc.rfc))
			out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "M"}, Host: wikitexttest.NewHost()})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("lacks %q: %s", w, out.HTML)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(out.HTML, w) {
					t.Errorf("has %q: %s", w, out.HTML)
				}
			}
		})
	}
}
