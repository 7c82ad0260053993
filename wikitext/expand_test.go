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

func TestExpandTemplates(t *testing.T) {
	h := wikitexttest.NewHost()
	if err := h.SetPage("Template:Greet", "Hello, {{{1|world}}}!"); err != nil {
		t.Fatal(err)
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	tests := []struct {
		name, src, want string
	}{
		{"template with argument", "{{Greet|you}}", "Hello, you!"},
		{"template default", "{{Greet}}", "Hello, world!"},
		{"parser function", "{{#if: x | yes | no }}", "yes"},
		{"variable", "{{PAGENAME}}", "Sandbox"},
		{"comment removed", "a<!-- hidden -->b", "ab"},
		{"heading kept plain", "== {{Greet}} ==", "== Hello, world! =="},
		{"extension tag left as written", "x<ref name=\"a\">{{Greet}}</ref>", "x<ref name=\"a\">{{Greet}}</ref>"},
		{"nowiki left as written", "<nowiki>{{Greet}}</nowiki>", "<nowiki>{{Greet}}</nowiki>"},
		{"links untouched", "[[Greet|{{Greet|a}}]]", "[[Greet|Hello, a!]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := p.ExpandTemplates(context.Background(), tt.src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Sandbox"}, Host: h})
			if err != nil {
				t.Fatal(err)
			}
			if out.Text != tt.want {
				t.Errorf("ExpandTemplates(%q) = %q, want %q", tt.src, out.Text, tt.want)
			}
		})
	}
}

// FuzzExpandTemplates checks that expansion never panics and that text
// without markup comes back unchanged.
func FuzzExpandTemplates(f *testing.F) {
	for _, s := range []string{"{{Greet|you}}", "{{#if:x|y}}", "<ref>{{Greet}}</ref>", "== {{Greet}} ==", "{{{1}}}", "{{", "<nowiki>", "plain text"} {
		f.Add(s)
	}
	h := wikitexttest.NewHost()
	if err := h.SetPage("Template:Greet", "Hello, {{{1|world}}}!"); err != nil {
		f.Fatal(err)
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	f.Fuzz(func(t *testing.T, src string) {
		out, err := p.ExpandTemplates(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Sandbox"}, Host: h})
		if err != nil {
			return
		}
		if strings.Contains(out.Text, "UNIQ--") && !strings.Contains(src, "UNIQ--") {
			t.Errorf("ExpandTemplates(%q) leaks a strip marker: %q", src, out.Text)
		}
	})
}
