package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newChromium starts headless Chromium, or skips the test without one.
func newChromium(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("FOLIO_TEST_CHROMIUM")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			t.Skip("browser test skipped: no chromium on PATH (apt-get install chromium, or set FOLIO_TEST_CHROMIUM)")
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()))
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// browserUpload fills Special:Upload with a file from disk, submits it and
// waits for the File page.
func browserUpload(base, path, dest string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/wiki/Special:Upload"),
		chromedp.WaitVisible(chromedp.ID("wpUploadFile")),
		chromedp.SetUploadFiles(chromedp.ID("wpUploadFile"), []string{path}),
		chromedp.SetValue(chromedp.ID("wpDestFile"), dest),
		chromedp.SetValue(chromedp.ID("wpUploadDescription"), "Uploaded by the browser test"),
		chromedp.Click(chromedp.CSS(`button[name="wpUpload"]`)),
		chromedp.WaitVisible(chromedp.ID("filehistory")),
	)
}

// TestBrowserUploadPNGAndSVG is the acceptance test of file uploads: a PNG
// and an SVG go up through the form, both File pages open, the SVG's PNG
// preview loads at the right size, and Special:ListFiles with
// ilsearch=.svg lists only the SVG.
func TestBrowserUploadPNGAndSVG(t *testing.T) {
	ctx := newChromium(t)
	env := MustStartFiles(t, MustOpenSQLite(t))
	env.MustCreateUser("Painter")
	dir := t.TempDir()
	pngPath, svgPath := filepath.Join(dir, "square.png"), filepath.Join(dir, "banner.svg")
	os.WriteFile(pngPath, testPNG(64, 64), 0o644)
	os.WriteFile(svgPath, []byte(testSVG), 0o644)
	err := chromedp.Do(ctx,
		chromedp.Navigate(env.URL+"/wiki/Special:UserLogin"),
		chromedp.WaitVisible(chromedp.ID("wpName1")),
		chromedp.SetValue(chromedp.ID("wpName1"), "Painter"),
		chromedp.SetValue(chromedp.ID("wpPassword1"), TestPassword),
		chromedp.Submit(chromedp.ID("wpPassword1")),
		chromedp.WaitVisible(chromedp.ID("pt-logout")),
		browserUpload(env.URL, pngPath, "Square.png"),
		browserUpload(env.URL, svgPath, "Banner.svg"),
		chromedp.Navigate(env.URL+"/wiki/File:Square.png"),
		chromedp.WaitVisible(chromedp.CSS("#file img")),
		chromedp.Navigate(env.URL+"/wiki/File:Banner.svg"),
		chromedp.WaitVisible(chromedp.CSS("#file img")),
	)
	if err != nil {
		t.Fatalf("upload and open File pages: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#file img").complete`)); err != nil {
		t.Fatalf("wait for the SVG preview: %v", err)
	}
	natural, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => { const i = document.querySelector("#file img"); return [i.naturalWidth, i.naturalHeight]; })()`))
	if err != nil {
		t.Fatalf("read the SVG preview size: %v", err)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#file img"), "src"))
	if err != nil {
		t.Fatalf("read the SVG preview URL: %v", err)
	}
	src := attr.Value
	if len(natural) != 2 || natural[0] != 300 || natural[1] != 150 || !strings.HasSuffix(src, ".svg.png") {
		t.Errorf("SVG preview %s loaded at %v, want a 300×150 PNG", src, natural)
	}
	resp := env.NewBrowser().Do("GET", src, nil)
	if resp.Status != 200 || resp.Header.Get("Content-Type") != "image/png" || len(resp.Body) == 0 {
		t.Errorf("GET %s = %d %s (%d bytes), want a non-empty PNG", src, resp.Status, resp.Header.Get("Content-Type"), len(resp.Body))
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(env.URL+"/index.php?title=Special:ListFiles&ilsearch=.svg"),
		chromedp.WaitVisible(chromedp.ID("mw-listfiles-form")),
	); err != nil {
		t.Fatalf("open Special:ListFiles: %v", err)
	}
	list, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("mw-content-text")))
	if err != nil {
		t.Fatalf("read Special:ListFiles: %v", err)
	}
	if !strings.Contains(list, "Banner.svg") || strings.Contains(list, "Square.png") {
		t.Errorf("Special:ListFiles?ilsearch=.svg shows:\n%s\nwant Banner.svg only", list)
	}
}
