// Package graphviz implements the GraphViz extension: <graphviz> (and its
// alias <graph>) lays out a graph written in the DOT language and shows it
// as inline SVG, or as an image with format="image".
//
// Graphviz runs as WebAssembly (github.com/goccy/go-graphviz on wazero),
// so no system install is needed: in-process by default, or with
// WithWorker in a small pool of child processes of the same program, where
// a layout that runs past the time limit is killed. Layouts are cached by a hash of the engine
// and the DOT source. The DOT is first checked against a DOT grammar of
// this package (clear, line-numbered errors; attributes that read files
// refused). The DOT size, the node and edge counts and the layout time are
// limited. The SVG Graphviz writes is
// parsed and rebuilt from an allowlist of drawing elements and
// attributes; links in the graph (URL= and href= attributes) are kept
// only for http(s) URLs, local paths and [[wiki links]]. Invalid DOT, an
// unknown engine or a graph over a limit renders an error box.
package graphviz

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/env"
	whtml "github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Version is the extension's version, shown on Special:Version.
const Version = "1.0.0"

// Layouts are the layout engines a graph may ask for with renderer=.
var Layouts = []string{"dot", "neato", "circo", "fdp", "twopi"}

// Option configures the extension.
type Option func(*extension)

// WithMaxSize sets the largest DOT source accepted, in bytes (64 KiB by
// default).
func WithMaxSize(n int) Option { return func(e *extension) { e.maxSize = n } }

// WithLimits sets the largest node and edge counts (1000 and 3000 by
// default).
func WithLimits(nodes, edges int) Option {
	return func(e *extension) { e.lim.maxNodes, e.lim.maxEdges = nodes, edges }
}

// WithTimeout sets how long a render may take, waiting for the renderer
// included (5 seconds by default).
func WithTimeout(d time.Duration) Option { return func(e *extension) { e.lim.timeout = d } }

// WithCache sets how many layouts, and how many bytes of SVG in all, the
// in-process cache keeps (256 entries, 16 MiB by default). Zero entries
// turns the cache off.
func WithCache(entries, bytes int) Option {
	return func(e *extension) { e.cache = newCache(entries, bytes) }
}

// WithPageBudget sets how long the layouts of one page may take in all
// (15 seconds by default); graphs past it show an error box. Cached
// graphs cost nothing.
func WithPageBudget(d time.Duration) Option { return func(e *extension) { e.pageBudget = d } }

type extension struct {
	maxSize    int
	lim        limits
	pageBudget time.Duration
	cache      *cache
	worker     *worker // nil: lay out in-process
}

// deadlineKey holds, in the parse's Data, when the page's layout budget
// runs out.
const deadlineKey = "graphviz.deadline"

// errPageBudget is shown for graphs past the page's layout budget.
var errPageBudget = errors.New("this page has spent its time for laying out graphs; the graph is shown on a later view")

// New returns the extension.
func New(opts ...Option) wikitext.Extender {
	e := &extension{
		maxSize:    64 << 10,
		lim:        limits{maxNodes: 1000, maxEdges: 3000, timeout: 5 * time.Second},
		pageBudget: 15 * time.Second,
		cache:      newCache(256, 16<<20),
	}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend registers <graphviz> and <graph>.
func (e *extension) Extend(p *wikitext.Parser) {
	_ = p.AddTag("graphviz", e.tag)
	_ = p.AddTag("graph", e.tag)
}

// tag renders one graph.
func (e *extension) tag(f *preprocess.Frame, name, attrText string, content *string) string {
	attrs := whtml.DecodeTagAttributes(attrText)
	dot := ""
	if content != nil {
		dot = strings.TrimSpace(*content)
	}
	layout, _ := attrs.Get("renderer")
	if layout == "" {
		layout, _ = attrs.Get("layout")
	}
	layout = strings.ToLower(strings.TrimSpace(layout))
	if layout == "" {
		layout = "dot"
	}
	format, _ := attrs.Get("format")
	alt, _ := attrs.Get("alt")
	caption, _ := attrs.Get("caption")
	svg, err := e.render(f.Expander().Ctx, e.pageDeadline(f.Expander()), layout, dot, f.Expander().Host)
	if err != nil {
		return errorBox(err.Error())
	}
	return figure(svg, strings.ToLower(strings.TrimSpace(format)), alt, caption)
}

// pageDeadline returns when the page's layout budget runs out; the first
// graph of the page sets it.
func (e *extension) pageDeadline(exp *preprocess.Expander) time.Time {
	deadline, ok := exp.Data[deadlineKey].(time.Time)
	if !ok {
		deadline = time.Now().Add(e.pageBudget)
		exp.Data[deadlineKey] = deadline
	}
	return deadline
}

// render checks the input, lays it out (or takes the cached layout) and
// returns the sanitised SVG.
func (e *extension) render(ctx context.Context, deadline time.Time, layout, dot string, host env.Host) (string, error) {
	if !validLayout(layout) {
		return "", fmt.Errorf("unknown layout engine \"%s\"; use one of %s", layout, strings.Join(Layouts, ", "))
	}
	if dot == "" {
		return "", fmt.Errorf("the graph is empty")
	}
	if len(dot) > e.maxSize {
		return "", fmt.Errorf("the graph source is larger than %d bytes", e.maxSize)
	}
	key := sha256.Sum256([]byte(layout + "\x00" + dot))
	res, ok := e.cache.get(key)
	if !ok {
		var retry bool
		res, retry = e.layoutBefore(ctx, deadline, layout, dot)
		if !retry {
			e.cache.put(key, res)
		}
	}
	if res.err != nil {
		return "", res.err
	}
	prefix := "gv-" + hex.EncodeToString(key[:4]) + "-"
	return sanitizeSVG(res.svg, prefix, wikiLinker(host))
}

// layoutBefore lays dot out within the page's deadline. retry reports a
// failure that is not the graph's own (a busy renderer, a cancelled
// request, the page's budget), which must not be cached.
func (e *extension) layoutBefore(ctx context.Context, deadline time.Time, layout, dot string) (res result, retry bool) {
	if ctx == nil {
		ctx = context.Background()
	}
	if !time.Now().Before(deadline) {
		return result{err: errPageBudget}, true
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	res = e.layout(ctx, layout, dot)
	switch {
	case errors.Is(res.err, errBusy):
		return res, true
	case ctx.Err() != nil && !time.Now().Before(deadline):
		return result{err: errPageBudget}, true
	case ctx.Err() != nil:
		return res, true
	}
	return res, false
}

// layout checks the DOT and has it laid out by a worker or in-process.
func (e *extension) layout(ctx context.Context, layout, dot string) result {
	if err := checkDOT(dot); err != nil {
		return result{err: fmt.Errorf("the graph source is not valid DOT: %w", err)}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var r result
	if e.worker != nil {
		r.svg, r.err = e.worker.render(ctx, layout, dot, e.lim)
	} else {
		r.svg, r.err = engine.render(ctx, layout, dot, e.lim)
	}
	return r
}

func validLayout(l string) bool {
	for _, x := range Layouts {
		if l == x {
			return true
		}
	}
	return false
}

// wikiLinker resolves [[Page]] link targets through the host.
func wikiLinker(host env.Host) func(string) (string, bool) {
	if host == nil {
		return nil
	}
	return func(target string) (string, bool) {
		t, err := host.ParseTitle(strings.TrimSpace(target), 0)
		if err != nil {
			return "", false
		}
		return host.PageURL(t, ""), true
	}
}

// figure wraps the SVG: inline by default, as an <img> for format="image"
// (or png, the GraphViz extension's default name), with an optional caption.
func figure(svg, format, alt, caption string) string {
	var b strings.Builder
	b.WriteString(`<div class="mw-graphviz">`)
	// Wide graphs shrink to the page column, keeping their shape.
	const fit = `style="max-width:100%;height:auto" `
	switch format {
	case "image", "img", "png":
		b.WriteString(`<img class="mw-graphviz-image" ` + fit + `src="data:image/svg+xml;base64,`)
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(svg)))
		b.WriteString(`" alt="` + escapeHTML(alt) + `" />`)
	default:
		svg = strings.Replace(svg, "<svg ", "<svg "+fit, 1)
		if alt != "" {
			b.WriteString(`<div role="img" aria-label="` + escapeHTML(alt) + `">` + svg + `</div>`)
		} else {
			b.WriteString(svg)
		}
	}
	if caption != "" {
		b.WriteString(`<div class="mw-graphviz-caption">` + escapeHTML(caption) + `</div>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// errorBox is the block shown instead of a graph that cannot be drawn.
func errorBox(msg string) string {
	return `<div class="error mw-graphviz-error"><strong>Graph error:</strong> ` + escapeHTML(msg) + `</div>`
}

// escapeHTML escapes s for HTML text and quoted attributes.
func escapeHTML(s string) string {
	var b bytes.Buffer
	writeEscaped(&b, s)
	return b.String()
}
