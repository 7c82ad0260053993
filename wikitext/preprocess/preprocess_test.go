package preprocess_test

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/preprocess"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func mustExpander(tb testing.TB, pages map[string]string) *preprocess.Expander {
	tb.Helper()
	h := wikitexttest.NewHost()
	for title, text := range pages {
		if err := h.SetPage(title, text); err != nil {
			tb.Fatal(err)
		}
	}
	reg := preprocess.NewRegistry()
	_ = reg.AddFunction("#echo", func(f *preprocess.Frame, a *preprocess.Args) string { return a.Expand(1) })
	return preprocess.NewExpander(context.Background(), h, env.Title{DBKey: "Page"}, reg,
		func(kind, name, html string) string { return "<" + name + ">" })
}

func TestExpandPage(t *testing.T) {
	pages := map[string]string{
		"Template:Hello": "Hello {{{1|world}}}{{{name|}}}!<noinclude> (doc)</noinclude>",
		"Template:Only":  "no<onlyinclude>yes</onlyinclude>no",
		"Template:Inc":   "<includeonly>in</includeonly>",
		"Template:Loop":  "{{Loop}}",
		"Template:Bar":   "a{{!}}b{{=}}",
	}
	tests := []struct{ name, in, want string }{
		{"plain", "text", "text"},
		{"default", "{{Hello}}", "Hello world!"},
		{"positional", "{{Hello|you}}", "Hello you!"},
		{"named trimmed", "{{Hello| name = X }}", "Hello worldX!"},
		{"onlyinclude", "{{Only}}", "yes"},
		{"includeonly", "{{Inc}}|<includeonly>x</includeonly>", "in|"},
		{"missing", "{{Nope}}", "[[:Template:Nope]]"},
		{"comment line", "a\n<!-- c -->\nb", "a\nb"},
		{"comment inline", "a<!-- c -->b", "ab"},
		{"function", "{{#echo:x|y}}", "y"},
		{"unknown arg", "{{{1}}}", "{{{1}}}"},
		{"broken", "{{a|b", "{{a|b"},
		{"loop", "{{Loop}}", `<span class="error">Template loop detected: [[:Template:Loop]]</span>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustExpander(t, pages)
			if got := e.ExpandPage(tt.in); got != tt.want {
				t.Errorf("ExpandPage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
