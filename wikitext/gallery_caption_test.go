package wikitext_test

import (
	"strings"
	"testing"
)

// TestGalleryCaptionLeadingSpace checks that a gallery caption starting
// with a space is a paragraph, not preformatted text, as in MediaWiki
// (found by the corpus differential).
func TestGalleryCaptionLeadingSpace(t *testing.T) {
	got := mustParse(t, "<gallery>\nFile:Nope.png| So are [[horse]]s\n</gallery>").HTML
	if !strings.Contains(got, "<p>So are ") || strings.Contains(got, "<pre>") {
		t.Errorf("caption not a paragraph:\n%s", got)
	}
}

// TestGalleryMissingFileName checks that the name shown for a missing
// file escapes quotes as MediaWiki does.
func TestGalleryMissingFileName(t *testing.T) {
	got := mustParse(t, "<gallery>\nFile:Sa'dah.jpg\n</gallery>").HTML
	if !strings.Contains(got, "Sa&#39;dah.jpg</div>") {
		t.Errorf("quote not escaped:\n%s", got)
	}
}
