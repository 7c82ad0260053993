package wikitext_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// TestTOCLinkEscapesQuote checks that a TOC link to an html5 id with an
// apostrophe escapes it as MediaWiki does (corpus differential).
func TestTOCLinkEscapesQuote(t *testing.T) {
	p := wikitext.New(wikitext.WithFragmentMode(html.FragmentHTML5, true))
	src := "== Tertullian's Apology ==\n== B ==\n== C ==\n== D ==\n"
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "T"}, Host: wikitexttest.NewHost()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.HTML, `<a href="#Tertullian&#39;s_Apology">`) {
		t.Errorf("TOC link not escaped:\n%s", out.HTML)
	}
}
