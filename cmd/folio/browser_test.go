package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("FOLIO_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser test skipped: no chromium on PATH (apt-get install chromium, or set FOLIO_TEST_CHROMIUM)")
	return ""
}

// newBrowser starts headless Chromium with the flags this machine needs.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// saveEdit opens the edit form of title, replaces the text and saves.
func saveEdit(base, title, text, summary string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/index.php?title="+title+"&action=edit"),
		chromedp.WaitVisible(chromedp.ID("wpTextbox1")),
		chromedp.SetValue(chromedp.ID("wpTextbox1"), text),
		chromedp.SetValue(chromedp.ID("wpSummary"), summary),
		chromedp.Click(chromedp.ID("wpSave")),
		// The saved page has no edit box: wait until the form is gone so
		// that the next navigation never aborts the save.
		chromedp.WaitNotPresent(chromedp.ID("wpTextbox1")),
		chromedp.WaitVisible(chromedp.ID("mw-content-text")),
	)
}

// text runs a query for an element's text and fails the test on error.
func mustRun[T any](t *testing.T, ctx context.Context, step string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return v
}

func mustDo(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func TestBrowserEditHistoryDiffRecentChanges(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, nil)
	mustDo(t, ctx, "create", saveEdit(w.URL, "Browser_test", "First version of the page.", "create the page"))
	mustDo(t, ctx, "first edit", saveEdit(w.URL, "Browser_test", "First version of the page.\n\nA second paragraph.", "first edit"))
	mustDo(t, ctx, "second edit", saveEdit(w.URL, "Browser_test", "First version of the page, changed.\n\nA second paragraph.", "second edit"))
	body := mustRun(t, ctx, "read page", chromedp.Text(chromedp.ID("mw-content-text")))

	mustDo(t, ctx, "open history", chromedp.Click(chromedp.CSS("#ca-history a")), chromedp.WaitVisible(chromedp.ID("pagehistory")))
	history := mustRun(t, ctx, "read history", chromedp.OuterHTML(chromedp.ID("pagehistory")))

	mustDo(t, ctx, "open diff",
		chromedp.Click(chromedp.CSS(`#pagehistory li:first-child a[href*="diff="]`)),
		chromedp.WaitVisible(chromedp.CSS("table.diff")))
	diffHTML := mustRun(t, ctx, "read diff", chromedp.OuterHTML(chromedp.CSS("table.diff")))

	mustDo(t, ctx, "open RecentChanges", chromedp.Navigate(w.URL+"/wiki/Special:RecentChanges"), chromedp.WaitVisible(chromedp.CSS(".mw-changeslist")))
	rc := mustRun(t, ctx, "read RecentChanges", chromedp.Text(chromedp.CSS(".mw-changeslist")))

	if !strings.Contains(body, "First version of the page, changed.") || !strings.Contains(body, "A second paragraph.") {
		t.Errorf("page text after two edits = %q", body)
	}
	for _, s := range []string{"create the page", "first edit", "second edit"} {
		if !strings.Contains(history, s) {
			t.Errorf("history lacks %q", s)
		}
		if !strings.Contains(rc, s) {
			t.Errorf("RecentChanges lacks %q:\n%s", s, rc)
		}
	}
	if !strings.Contains(diffHTML, "changed") || !strings.Contains(diffHTML, "diffchange") {
		t.Errorf("diff does not highlight the change: %s", diffHTML)
	}
}
