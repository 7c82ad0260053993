package wikitext_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/preprocess"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// TestLowerCacheExpiry checks that a tag lowers the output's cache expiry,
// that the lowest of several calls wins, including from a template, and
// that a page without such a tag has no limit.
func TestLowerCacheExpiry(t *testing.T) {
	h := wikitexttest.NewHost()
	if err := h.SetPage("Template:Live", "<live seconds=60/>"); err != nil {
		t.Fatal(err)
	}
	p := wikitext.New()
	if err := p.AddTag("live", func(f *preprocess.Frame, _, attrs string, _ *string) string {
		var s string
		if _, v, ok := cutAttr(attrs); ok {
			s = v
		}
		n, _ := strconv.Atoi(s)
		wikitext.LowerCacheExpiry(f, time.Duration(n)*time.Second)
		return "live"
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		want      time.Duration
	}{
		{"no tag", "plain text", 0},
		{"one tag", `<live seconds=300/>`, 5 * time.Minute},
		{"lowest wins", `<live seconds=300/> <live seconds=120/> <live seconds=600/>`, 2 * time.Minute},
		{"through a template", `<live seconds=300/> {{Live}}`, time.Minute},
		{"zero means not cached", `<live seconds=0/>`, time.Nanosecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := p.Parse(context.Background(), tt.src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
			if err != nil {
				t.Fatal(err)
			}
			if out.CacheExpiry != tt.want {
				t.Errorf("CacheExpiry = %v, want %v", out.CacheExpiry, tt.want)
			}
		})
	}
	wikitext.LowerCacheExpiry(nil, time.Second) // no frame: no effect, no panic
}

// cutAttr splits "name=value".
func cutAttr(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '=' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}
