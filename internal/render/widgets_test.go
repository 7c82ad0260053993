package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// TestPageWidgets checks that {{#widget:}} renders Widget: pages, with
// iframes only to the configured hosts, and not when widgets are off.
func TestPageWidgets(t *testing.T) {
	r := mustRenderer(t, nil)
	ctx := context.Background()
	if _, err := r.Store.SaveRevision(ctx, &folio.Edit{Namespace: 274, DBKey: "Video", Actor: folio.Actor{Name: "192.0.2.1"},
		Text: `<div class="video"><iframe src="https://player.example.org/v/<!--{$id|escape:'url'}-->"></iframe><script>x()</script></div>`}); err != nil {
		t.Fatal(err)
	}
	r.WidgetIframeHosts = []string{"player.example.org"}
	page := folio.Title{Namespace: folio.NSMain, DBKey: "Page"}
	out, err := r.Render(ctx, page, `{{#widget:Video|id=a"b}}`, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<div class="video"><iframe class="mw-widget" src="https://player.example.org/v/a%22b"`, "&lt;script&gt;"} {
		if !strings.Contains(out.HTML, w) {
			t.Errorf("HTML %s lacks %s", out.HTML, w)
		}
	}
	used := false
	for _, tl := range out.Links.Templates {
		used = used || (tl.Namespace == 274 && tl.DBKey == "Video")
	}
	if !used {
		t.Errorf("the widget page is not recorded as used: %+v", out.Links)
	}
	off := mustRenderer(t, nil)
	off.Disabled = map[string]bool{"widgets": true}
	out, err = off.Render(ctx, page, `{{#widget:Video|id=x}}`, render.Options{})
	if err != nil || strings.Contains(out.HTML, "<iframe") {
		t.Errorf("widgets off: %v %s", err, out.HTML)
	}
}
