package wikitext_test

import (
	"strings"
	"testing"
)

// TestMissingUprightThumb checks MediaWiki's fixed frame width for a
// missing file: 180 pixels, 130 with upright (found by the corpus
// differential).
func TestMissingUprightThumb(t *testing.T) {
	for src, want := range map[string]string{
		"[[File:Nope.jpg|thumb|x]]":         `style="width:182px;"`,
		"[[File:Nope.jpg|thumb|upright|y]]": `style="width:132px;"`,
	} {
		if got := mustParse(t, src).HTML; !strings.Contains(got, want) {
			t.Errorf("%s: want %s in\n%s", src, want, got)
		}
	}
}

// TestMissingAlignedImage checks that a missing file with an alignment
// keeps MediaWiki's float wrapper around its upload link.
func TestMissingAlignedImage(t *testing.T) {
	got := mustParse(t, "a [[File:Nope.jpg|left]] b [[File:Nope.jpg|center|cap]]").HTML
	for _, want := range []string{`<p>a </p><div class="floatleft"><a href="`, `<div class="center"><div class="floatnone"><a href="`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in\n%s", want, got)
		}
	}
}
