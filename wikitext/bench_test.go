package wikitext_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// benchArticle builds an article of about 30 KB that uses templates,
// parser functions, links, tables, lists and references.
func benchArticle() string {
	var b strings.Builder
	b.WriteString("{{Infobox|name=Example|born={{#time:Y|2001-01-15}}|size={{#expr:2*21}}}}\n")
	for i := 0; b.Len() < 30000; i++ {
		b.WriteString("== Section ==\n")
		b.WriteString("'''Bold''' text with a [[Link target|link]], a [[red link]] and [http://example.org an external link].")
		b.WriteString("<ref>A reference with ''italics''.</ref>\n\n")
		b.WriteString("* item one\n* item {{Tmpl|two}}\n*# nested\n\n")
		b.WriteString("{| class=\"wikitable\"\n! A !! B\n|-\n| 1 || {{#if:x|yes|no}}\n|}\n\n")
		b.WriteString("A paragraph of plain prose that goes on for a while so that the article has some body text. ")
		b.WriteString("More prose, with &amp; entities and <span class=\"x\">inline HTML</span>.\n\n")
	}
	b.WriteString("<references />\n")
	return b.String()
}

func BenchmarkParse(b *testing.B) {
	h := wikitexttest.NewHost()
	_ = h.SetPage("Template:Infobox", "{| class=\"infobox\"\n! {{{name}}}\n|-\n| {{{born|}}} || {{{size|}}}\n|}")
	_ = h.SetPage("Template:Tmpl", "<b>{{{1}}}</b>")
	_ = h.SetPage("Link target", "x")
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	src := benchArticle()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Bench"}, Host: h}); err != nil {
			b.Fatal(err)
		}
	}
}
