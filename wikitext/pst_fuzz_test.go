package wikitext_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// FuzzPreSave checks that the pre-save transform never panics, ends in
// bounded time and never grows the text without bound.
func FuzzPreSave(f *testing.F) {
	for _, s := range append(fuzzSeeds, "~~~~ [[a (b)|]] [[|c]] {{subst:x|~~~}}", "<nowiki>~~~</nowiki><!--~~~~-->",
		"[[Ns:X (Y), Z|]] [[:a:b（c）|]]", "{{subst:#if:1|{{subst:uc:a}}}}<includeonly>{{subst:q}}</includeonly>") {
		f.Add(s)
	}
	h := wikitexttest.NewHost()
	if err := h.SetPage("Template:X", "{{{1}}}~~~"); err != nil {
		f.Fatal(err)
	}
	p := wikitext.New()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		out, _ := p.PreSaveTransform(ctx, src, wikitext.PSTOptions{Host: h, Title: wikitext.Title{DBKey: "A_(b)"}, User: "U", Registered: true})
		if len(out) > 100*len(src)+1000 {
			t.Fatalf("output of %d bytes from %d bytes of input", len(out), len(src))
		}
	})
}
