package html_test

import (
	"testing"

	"github.com/folio-wiki/folio/wikitext/html"
)

// TestTidyNestedAnchor checks the HTML5 rule that an <a> opened inside an
// <a> first closes the outer one, as MediaWiki's Remex tidy does.
func TestTidyNestedAnchor(t *testing.T) {
	tests := map[string]string{
		`<a href="x">one <a href="y">two</a> three</a>`:  `<p><a href="x">one </a><a href="y">two</a> three</p>`,
		`<a href="x"><b>one <a href="y">two</a></b></a>`: `<p><a href="x"><b>one </b></a><b><a href="y">two</a></b></p>`,
		`<a href="x">one</a> <a href="y">two</a>`:        `<p><a href="x">one</a> <a href="y">two</a></p>`,
	}
	for in, want := range tests {
		if got := html.Tidy(in); got != want {
			t.Errorf("Tidy(%q) = %q, want %q", in, got, want)
		}
	}
}
