// Package widgets implements Google embed widgets in the manner of the
// Widgets extension: {{#widget:Google Calendar|id=…}}, Google Document,
// Google Spreadsheet and Google Presentation, and the same as tags
// (<googlecalendar id="…" />, <googledocument>, <googlespreadsheet>,
// <googlepresentation>).
//
// Every widget renders one iframe whose address this package builds
// itself from a fixed Google embed URL and parameters checked against a
// strict allowlist: IDs match a narrow character set, sizes are bounded
// numbers, and an unknown widget or parameter is refused with an error
// message. Nothing the page author writes becomes markup unescaped.
//
// The iframes are sandboxed with "allow-scripts allow-same-origin
// allow-popups": Google's embeds are script-driven applications that keep
// state in their own origin's storage and open links in new windows, so
// they need those three; being cross-origin, allow-same-origin gives them
// Google's origin, never the wiki's. Forms, top-level navigation and
// downloads stay blocked. The frames also get referrerpolicy and lazy
// loading.
package widgets

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	whtml "github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Version is the extension's version, shown on Special:Version.
const Version = "1.0.0"

// Sandbox is the sandbox attribute of every widget iframe; see the package
// comment for why each token is needed.
const Sandbox = "allow-scripts allow-same-origin allow-popups"

type widget struct {
	name, tag, class string
	width, height    string // defaults
	fullscreen       bool
	params           map[string]check // extra parameters besides id, width, height, title
	src              func(id string, p map[string]string) (string, error)
}

type extension struct {
	byName map[string]*widget
	// pages turns on widget pages (pagewidgets.go); iframeHosts are the
	// hosts their iframes may show.
	pages       bool
	iframeHosts []string
}

// Option configures the extension.
type Option func(*extension)

// New returns the extension.
func New(opts ...Option) wikitext.Extender {
	e := &extension{byName: map[string]*widget{}}
	for _, w := range builtins {
		e.byName[normName(w.name)] = w
	}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Names returns the names of the widgets, sorted.
func Names() []string {
	var out []string
	for _, w := range builtins {
		out = append(out, w.name)
	}
	sort.Strings(out)
	return out
}

// Extend registers {{#widget:}} and one tag per widget.
func (e *extension) Extend(p *wikitext.Parser) {
	_ = p.AddFunction("#widget", e.function)
	for _, w := range builtins {
		_ = p.AddTag(w.tag, e.tagFunc(w))
	}
}

func normName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
}

// function renders {{#widget:Name|param=value|…}}.
func (e *extension) function(f *preprocess.Frame, args *preprocess.Args) string {
	strip := f.Expander().Strip
	name := strings.TrimSpace(args.Expand(0))
	w, ok := e.byName[normName(name)]
	if !ok && !e.pages {
		return strip("general", "widget", errorMsg(unknown(name)))
	}
	p := map[string]string{}
	for i := 1; i < args.Len(); i++ {
		k, v, ok := args.NameValue(i)
		if !ok {
			if strings.TrimSpace(args.Expand(i)) == "" {
				continue
			}
			return strip("general", "widget", errorMsg(fmt.Errorf("parameter %d has no name; write name=value", i)))
		}
		p[strings.ToLower(k)] = v
	}
	if !ok {
		return strip("general", "widget", e.pageWidget(f, name, p))
	}
	return strip("general", "widget", w.render(p))
}

// tagFunc renders <googlecalendar id="…" width="…" />; the content, if
// any, is the ID.
func (e *extension) tagFunc(w *widget) wikitext.TagFunc {
	return func(f *preprocess.Frame, name, attrText string, content *string) string {
		p := map[string]string{}
		for _, a := range whtml.DecodeTagAttributes(attrText) {
			p[strings.ToLower(a.Name)] = strings.TrimSpace(a.Value)
		}
		if content != nil && strings.TrimSpace(*content) != "" {
			if _, ok := p["id"]; ok {
				return errorMsg(fmt.Errorf("give the id either as an attribute or as the content, not both"))
			}
			p["id"] = strings.TrimSpace(*content)
		}
		return w.render(p)
	}
}

func unknown(name string) error {
	if name == "" {
		return fmt.Errorf("no widget name given; known widgets: %s", strings.Join(Names(), ", "))
	}
	return fmt.Errorf("there is no widget called \"%s\"; known widgets: %s", clip(name), strings.Join(Names(), ", "))
}

// render checks p and returns the iframe, or an error message.
func (w *widget) render(p map[string]string) string {
	id := p["id"]
	if id == "" {
		return errorMsg(fmt.Errorf("%s: the id parameter is required", w.name))
	}
	width, err := size(p, "width", w.width, true)
	if err != nil {
		return errorMsg(fmt.Errorf("%s: %w", w.name, err))
	}
	height, err := size(p, "height", w.height, false)
	if err != nil {
		return errorMsg(fmt.Errorf("%s: %w", w.name, err))
	}
	if err := w.checkParams(p); err != nil {
		return errorMsg(fmt.Errorf("%s: %w", w.name, err))
	}
	src, err := w.src(id, p)
	if err != nil {
		return errorMsg(fmt.Errorf("%s: %w", w.name, err))
	}
	title := p["title"]
	if title == "" {
		title = w.name
	}
	var b strings.Builder
	b.WriteString(`<iframe class="mw-widget mw-widget-` + w.class + `" src="` + escape(src) + `"`)
	b.WriteString(` width="` + width + `" height="` + height + `" title="` + escape(title) + `"`)
	b.WriteString(` sandbox="` + Sandbox + `" referrerpolicy="strict-origin-when-cross-origin" loading="lazy" style="border:0;max-width:100%"`)
	if w.fullscreen {
		b.WriteString(` allowfullscreen=""`)
	}
	b.WriteString(`></iframe>`)
	return b.String()
}

// checkParams refuses parameters the widget does not know and checks the
// values of those it does.
func (w *widget) checkParams(p map[string]string) error {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch k {
		case "id", "width", "height":
			continue
		case "title":
			if len(p[k]) > 200 {
				return fmt.Errorf("the title is longer than 200 bytes")
			}
			continue
		}
		c, ok := w.params[k]
		if !ok {
			return fmt.Errorf("unknown parameter \"%s\"", clip(k))
		}
		if err := c(p[k]); err != nil {
			return fmt.Errorf("the parameter %s %w", k, err)
		}
	}
	return nil
}

// size returns a checked width or height: a whole number of pixels from
// 50 to 2000, or for widths a percentage from 1% to 100%.
func size(p map[string]string, key, def string, percent bool) (string, error) {
	v, ok := p[key]
	if !ok || v == "" {
		return def, nil
	}
	v = strings.TrimSuffix(v, "px")
	if percent && strings.HasSuffix(v, "%") {
		n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
		if err != nil || n < 1 || n > 100 {
			return "", fmt.Errorf("the %s must be from 1%% to 100%%", key)
		}
		return strconv.Itoa(n) + "%", nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 50 || n > 2000 {
		return "", fmt.Errorf("the %s must be a number of pixels from 50 to 2000", key)
	}
	return strconv.Itoa(n), nil
}

// errorMsg is the inline error shown instead of a widget.
func errorMsg(err error) string {
	return `<strong class="error mw-widget-error">Widget error: ` + escape(err.Error()) + `</strong>`
}

// clip shortens user text quoted in a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// escape escapes s for HTML text and quoted attributes, including DEL,
// which starts the parser's strip markers.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if r < ' ' || r == 0x7f {
				b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
