package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newOfflineBrowser is newBrowser with every host name but the test
// server's unresolvable, so that the Google iframes under test never
// reach the network.
func newOfflineBrowser(t *testing.T) context.Context {
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
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// graphPage is what the browser finds on a page with graphs.
type graphPage struct {
	SVGs       int      `json:"svgs"`
	Labels     []string `json:"labels"`
	Errors     []string `json:"errors"`
	Scripts    int      `json:"scripts"`
	JSLinks    int      `json:"jsLinks"`
	Pwned      bool     `json:"pwned"`
	ImageWidth int      `json:"imageWidth"`
}

const graphProbe = `(() => {
	const c = document.getElementById("mw-content-text");
	const img = c.querySelector("img.mw-graphviz-image");
	return {
		svgs: c.querySelectorAll(".mw-graphviz > svg").length,
		labels: Array.from(c.querySelectorAll(".mw-graphviz svg text")).map(e => e.textContent),
		errors: Array.from(c.querySelectorAll("div.error")).map(e => e.textContent),
		scripts: c.querySelectorAll("script").length,
		jsLinks: Array.from(document.querySelectorAll("a")).filter(a => /^\s*javascript:/i.test(a.getAttribute("href") || "")).length,
		pwned: window.__pwned === 1,
		imageWidth: img ? img.naturalWidth : -1,
	};
})()`

func TestBrowserGraphviz(t *testing.T) {
	ctx := newOfflineBrowser(t)
	w := MustRunMain(t, nil)
	text := "A graph:\n<graphviz>digraph G { Alpha -> Beta; Beta -> Gamma; Alpha [URL=\"javascript:window.__pwned=1\"] }</graphviz>\n\n" +
		"Another:\n<graph renderer=\"circo\">graph { Delta -- Epsilon; Epsilon -- Zeta; Zeta -- Delta }</graph>\n\n" +
		"As an image: <graphviz format=\"image\">digraph { Eta -> Theta }</graphviz>\n\n" +
		"Broken:\n<graphviz>digraph { a -> }</graphviz>\n\n" +
		"Hostile:\n<graphviz>digraph { a [label=\"<script>window.__pwned=1</script>\"] }</graphviz>\n<graphviz>digraph { b [image=\"/etc/passwd\"] }</graphviz>\n"
	mustDo(t, ctx, "create graph page", saveEdit(w.URL, "Graph_test", text, "graphs"))
	mustDo(t, ctx, "reload", chromedp.Navigate(w.URL+"/wiki/Graph_test"), chromedp.WaitVisible(chromedp.CSS(".mw-graphviz svg")))
	got := mustRun(t, ctx, "probe", chromedp.Evaluate[graphPage](graphProbe))

	if got.SVGs != 3 {
		t.Errorf("inline SVGs = %d, want 3", got.SVGs)
	}
	labels := strings.Join(got.Labels, ",")
	for _, l := range []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "<script>window.__pwned=1</script>"} {
		if !strings.Contains(labels, l) {
			t.Errorf("SVG text labels %q lack %q", labels, l)
		}
	}
	if got.ImageWidth <= 0 {
		t.Errorf("the graph shown as an image did not load (naturalWidth %d)", got.ImageWidth)
	}
	if len(got.Errors) != 2 || !strings.Contains(got.Errors[0], "not valid DOT") || !strings.Contains(got.Errors[1], "not allowed") {
		t.Errorf("error boxes = %q, want one for the syntax error and one for the image attribute", got.Errors)
	}
	if got.Scripts != 0 || got.JSLinks != 0 || got.Pwned {
		t.Errorf("page content has %d scripts, %d javascript: links, pwned=%v", got.Scripts, got.JSLinks, got.Pwned)
	}
}

// widgetPage is what the browser finds on a page with widgets.
type widgetPage struct {
	Frames  []widgetFrame `json:"frames"`
	Errors  []string      `json:"errors"`
	Scripts int           `json:"scripts"`
	Pwned   bool          `json:"pwned"`
}

type widgetFrame struct {
	Host     string `json:"host"`
	Path     string `json:"path"`
	Sandbox  string `json:"sandbox"`
	Referrer string `json:"referrer"`
}

const widgetProbe = `(() => {
	const c = document.getElementById("mw-content-text");
	return {
		frames: Array.from(document.querySelectorAll("iframe, frame, object, embed")).map(f => {
			const u = new URL(f.getAttribute("src") || f.getAttribute("data") || "about:blank", location.href);
			return {host: u.host, path: u.pathname, sandbox: f.getAttribute("sandbox") || "", referrer: f.getAttribute("referrerpolicy") || ""};
		}),
		errors: Array.from(c.querySelectorAll(".error")).map(e => e.textContent),
		scripts: c.querySelectorAll("script").length,
		pwned: window.__pwned === 1,
	};
})()`

func TestBrowserWidgets(t *testing.T) {
	ctx := newOfflineBrowser(t)
	w := MustRunMain(t, nil)
	text := "Our calendar:\n\n{{#widget:Google Calendar|id=team@group.calendar.google.com|height=400}}\n\n" +
		"Foreign: {{#widget:Google Calendar|id=https://evil.example/calendar}}\n\n" +
		"Unknown: {{#widget:Evil Frame|src=https://evil.example/}}\n\n" +
		"Injection: {{#widget:Google Calendar|id=x\" onload=\"window.__pwned=1}}\n\n" +
		"Raw: <iframe src=\"https://evil.example/\"></iframe><script>window.__pwned=1</script>\n"
	mustDo(t, ctx, "create widget page", saveEdit(w.URL, "Widget_test", text, "widgets"))
	mustDo(t, ctx, "reload", chromedp.Navigate(w.URL+"/wiki/Widget_test"), chromedp.WaitVisible(chromedp.ID("mw-content-text")))
	got := mustRun(t, ctx, "probe", chromedp.Evaluate[widgetPage](widgetProbe))

	if len(got.Frames) != 1 {
		t.Fatalf("frames = %+v, want exactly one", got.Frames)
	}
	f := got.Frames[0]
	if f.Host != "calendar.google.com" || f.Path != "/calendar/embed" {
		t.Errorf("iframe points at %s%s, want calendar.google.com/calendar/embed", f.Host, f.Path)
	}
	if f.Sandbox != "allow-scripts allow-same-origin allow-popups" || f.Referrer == "" {
		t.Errorf("iframe sandbox = %q, referrerpolicy = %q", f.Sandbox, f.Referrer)
	}
	if len(got.Errors) != 3 {
		t.Errorf("error messages = %q, want 3 (foreign URL, unknown widget, injection)", got.Errors)
	} else if !strings.Contains(got.Errors[0], "not a URL") || !strings.Contains(got.Errors[1], "no widget called") {
		t.Errorf("error messages = %q", got.Errors)
	}
	if got.Scripts != 0 || got.Pwned {
		t.Errorf("page content has %d scripts, pwned=%v", got.Scripts, got.Pwned)
	}
	mustDo(t, ctx, "open Special:Version", chromedp.Navigate(w.URL+"/wiki/Special:Version"))
	version := mustRun(t, ctx, "read Special:Version", chromedp.Text(chromedp.ID("mw-content-text")))
	for _, name := range []string{"GraphViz", "Widgets"} {
		if !strings.Contains(version, name) {
			t.Errorf("Special:Version lacks %s", name)
		}
	}
}
