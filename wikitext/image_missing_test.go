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
