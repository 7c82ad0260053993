package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

func TestExtensions(t *testing.T) {
	names := func(exts []render.Extension) string {
		var out []string
		for _, e := range exts {
			out = append(out, e.Key)
		}
		return strings.Join(out, ",")
	}
	r := mustRenderer(t, nil)
	all := names(r.Extensions())
	for _, key := range []string{"parserfunctions", "cite", "poem", "graphviz", "widgets"} {
		if !strings.Contains(","+all+",", ","+key+",") {
			t.Errorf("Extensions() = %s, want %s in it", all, key)
		}
	}
	for _, e := range r.Extensions() {
		if e.Name == "" || e.Version == "" || e.Description == "" {
			t.Errorf("extension %s lacks a name, version or description: %+v", e.Key, e)
		}
	}
	r.Disabled = map[string]bool{"graphviz": true, "cite": true} // built-ins cannot be turned off
	got := names(r.Extensions())
	if strings.Contains(got, "graphviz") || !strings.Contains(got, "cite") || !strings.Contains(got, "widgets") {
		t.Errorf("Extensions() with graphviz and cite disabled = %s", got)
	}
	if n := len(render.KnownExtensions()); n < 5 {
		t.Errorf("KnownExtensions() has %d entries", n)
	}
}

func TestExtensionsRender(t *testing.T) {
	ctx := context.Background()
	title := folio.Title{Namespace: folio.NSMain, DBKey: "Graphs"}
	text := "<graphviz>digraph { Alpha -> Beta }</graphviz>\n{{#widget:Google Calendar|id=team@example.org}}"
	on := mustRenderer(t, nil)
	out, err := on.Render(ctx, title, text, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<svg", ">Alpha</text>", `<iframe class="mw-widget mw-widget-google-calendar" src="https://calendar.google.com/calendar/embed?src=team%40example.org"`} {
		if !strings.Contains(out.HTML, w) {
			t.Errorf("Render(%q) = %q, want %q", text, out.HTML, w)
		}
	}
	off := mustRenderer(t, nil)
	off.Disabled = map[string]bool{"graphviz": true, "widgets": true}
	out, err = off.Render(ctx, title, text, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.HTML, "<svg") || strings.Contains(out.HTML, "<iframe") || !strings.Contains(out.HTML, "&lt;graphviz&gt;") {
		t.Errorf("Render(%q) with the extensions off = %q", text, out.HTML)
	}
}
