package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/compat"
	"github.com/folio-wiki/folio/internal/render"
)

// TestRenderCompat renders {{#compat:…}} over the compat service: the
// table shows, and the page records Special:Compatables/PATH as
// transcluded so that an import purges it.
func TestRenderCompat(t *testing.T) {
	r := mustRenderer(t, nil)
	svc := &compat.Service{Store: r.Store.(folio.CompatStore), Namespaces: r.Namespaces}
	ctx := context.Background()
	features, err := compat.Load("../compat/testdata/bcd")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(ctx, features); err != nil {
		t.Fatal(err)
	}
	page := r.Namespaces.MakeTitle(folio.NSMain, "CSS")
	text := "{{#compat:css.properties.border-radius.percentages}} {{#compat:css.properties.nope}}"

	out, err := mustRenderer(t, nil).Render(ctx, page, text, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.HTML, "There is no browser compatibility data") {
		t.Errorf("no data without Renderer.Compat: %s", out.HTML)
	}
	r.Compat = svc
	out, err = r.Render(ctx, page, text, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<table class="compat-table`, `5.1</span>`,
		`There is no browser compatibility data for &#34;css.properties.nope&#34;.`} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, out.HTML)
		}
	}
	want := []folio.LinkTarget{
		{Namespace: folio.NSSpecial, DBKey: "Compatables/css.properties.border-radius"},
		{Namespace: folio.NSSpecial, DBKey: "Compatables/css.properties.nope"},
	}
	if got := out.Links.Templates; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Templates = %v, want %v", got, want)
	}
}
