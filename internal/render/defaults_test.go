package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// TestMediaWikiDefaults checks the settings a default MediaWiki 1.39 has
// and its parser tests change: html5 heading ids with a legacy fallback
// anchor, no ISBN magic link, a limit report at the end, and
// <syntaxhighlight>.
func TestMediaWikiDefaults(t *testing.T) {
	r := mustRenderer(t, nil)
	src := "== A, b ==\nISBN 0-306-40615-2\n<syntaxhighlight lang=\"go\">func f() {}</syntaxhighlight>"
	out, err := r.Render(context.Background(), folio.Title{DBKey: "Defaults"}, src, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span id="A.2C_b"></span><span class="mw-headline" id="A,_b">`,
		"ISBN 0-306-40615-2", `<span class="kd">func</span>`, "NewPP limit report"} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, out.HTML)
		}
	}
	if strings.Contains(out.HTML, "mw-magiclink-isbn") {
		t.Errorf("ISBN linked:\n%s", out.HTML)
	}
	if out.LimitReport.VisitedNodes == 0 {
		t.Errorf("limit report empty: %+v", out.LimitReport)
	}
}
