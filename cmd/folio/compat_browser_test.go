package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCompatTable shows {{#compat:css.properties.border-radius}} in
// Chromium: the browsers and versions of the imported data, then the new
// version after "folio compat import" of changed data. Unknown or hostile
// features render an error box and no script.
func TestBrowserCompatTable(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, nil)
	mustFolio(t, w.Data, "compat", "import", compatTestdata)
	text := "Support:\n\n{{#compat:css.properties.border-radius}}\n\n" +
		"{{#compat:css.properties.no-such-thing}}\n\n{{#compat:<script>alert(1)</script>}}"
	mustDo(t, ctx, "save page", saveEdit(w.URL, "Rounded_corners", text, "compat table"))
	mustDo(t, ctx, "view page", chromedp.Navigate(w.URL+"/wiki/Rounded_corners"),
		chromedp.WaitVisible(chromedp.CSS("table.compat-table")))

	caption := mustRun(t, ctx, "read caption", chromedp.Text(chromedp.CSS("table.compat-table caption")))
	if !strings.Contains(caption, "css.properties.border-radius") {
		t.Errorf("caption = %q", caption)
	}
	heads := mustRun(t, ctx, "read headers", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("table.compat-table thead th[scope=col]")].map(th => th.textContent)`))
	for _, b := range []string{"Chrome", "Edge", "Firefox", "Safari", "Safari on iOS"} {
		if !containsString(heads, b) {
			t.Errorf("column headers %v lack %s", heads, b)
		}
	}
	cell := func(step, browser string) string {
		return mustRun(t, ctx, step, chromedp.Text(chromedp.CSS(
			`table.compat-table tr.compat-depth-0 td[data-browser="`+browser+`"] .compat-version`)))
	}
	if got := cell("read Chrome", "chrome"); got != "4" {
		t.Errorf("Chrome cell = %q, want 4", got)
	}
	if got := cell("read Safari", "safari"); got != "5" {
		t.Errorf("Safari cell = %q, want 5", got)
	}
	prefix := mustRun(t, ctx, "read prefix marker", chromedp.AttributeValue(chromedp.CSS(
		`td[data-browser="chrome"] abbr.compat-prefix`), "title"))
	if prefix.Value != "Implemented with the vendor prefix -webkit-" {
		t.Errorf("prefix marker title = %q", prefix.Value)
	}
	errs := mustRun(t, ctx, "read errors", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#mw-content-text .compat-error")].map(e => e.textContent)`))
	if len(errs) != 2 || !strings.Contains(errs[0], `There is no browser compatibility data for "css.properties.no-such-thing".`) ||
		!strings.Contains(errs[1], "is not a valid compatibility feature path") {
		t.Errorf("error boxes = %q", errs)
	}
	scripts := mustRun(t, ctx, "count scripts", chromedp.Evaluate[int](
		`document.querySelectorAll("#mw-content-text script").length`))
	if scripts != 0 {
		t.Errorf("%d script elements in the content", scripts)
	}

	out := mustFolio(t, w.Data, "compat", "import", modifiedCompatData(t, "6"))
	if !strings.Contains(out, "1 changed") {
		t.Errorf("refresh printed %q", out)
	}
	var got string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		mustDo(t, ctx, "reload", chromedp.Navigate(w.URL+"/wiki/Rounded_corners"),
			chromedp.WaitVisible(chromedp.CSS("table.compat-table")))
		if got = cell("read Chrome again", "chrome"); got == "6" {
			break
		}
	}
	if got != "6" {
		t.Errorf("Chrome cell after the refresh = %q, want 6", got)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}
