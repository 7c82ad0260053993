package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/folio-wiki/folio/wikitext/ext/widgets"
)

// TestBrowserPageWidgets defines a widget on a Widget: page through the
// edit form and uses it on a page: the browser finds one sandboxed iframe
// to the allowed host, with the parameter escaped into its address, an
// error instead of the iframe to another host, and nothing that ran a
// script.
func TestBrowserPageWidgets(t *testing.T) {
	ctx := newOfflineBrowser(t)
	cfg := filepath.Join(t.TempDir(), "folio.toml")
	// Anonymous visitors get editwidgets here only to keep the test short.
	if err := os.WriteFile(cfg, []byte("widget_iframe_hosts = [\"player.example.org\"]\n\n[group_rights.\"*\"]\neditwidgets = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := MustRunMain(t, map[string]string{"FOLIO_CONFIG": cfg})
	widget := `<div class="player-widget"><iframe src="https://player.example.org/embed/<!--{$id|escape:'url'}-->" onload="window.__pwned=1" allowfullscreen></iframe>` +
		`<iframe src="https://evil.example.com/x"></iframe><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"></div>`
	mustDo(t, ctx, "define the widget", saveEdit(w.URL, "Widget:Player", widget, "a player"))
	mustDo(t, ctx, "use it", saveEdit(w.URL, "Widget_use", `{{#widget:Player|id=abc"><script>window.__pwned=1</script>}}`, "uses the player"))
	mustDo(t, ctx, "reload", chromedp.Navigate(w.URL+"/wiki/Widget_use"), chromedp.WaitVisible(chromedp.CSS(".player-widget")))
	got := mustRun(t, ctx, "probe", chromedp.Evaluate[widgetPage](widgetProbe))
	if len(got.Frames) != 1 {
		t.Fatalf("frames = %+v, want one", got.Frames)
	}
	f := got.Frames[0]
	if f.Host != "player.example.org" || !strings.HasPrefix(f.Path, "/embed/abc%22%3E%3Cscript%3E") || f.Sandbox != widgets.Sandbox {
		t.Errorf("frame = %+v", f)
	}
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0], "evil.example.com") {
		t.Errorf("errors = %q, want one about evil.example.com", got.Errors)
	}
	if got.Scripts != 0 || got.Pwned {
		t.Errorf("page content has %d scripts, pwned=%v", got.Scripts, got.Pwned)
	}
}
