package widgets

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	whtml "github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Widget pages. With WithPageWidgets, {{#widget:Name|param=value}} for a
// name that is not a built-in widget renders the page Widget:Name (the
// Widgets extension's namespace 274, which only holders of the
// editwidgets right may edit). Its text is a template in which
// <!--{$param}--> (also <!--{$param|escape:'html'}-->,
// <!--{$param|escape:'url'}-->) and {{{param}}} / {{{param|default}}} are
// replaced by the parameter's value, escaped for HTML (or for a URL
// query). The result is then sanitised like any wiki HTML: tags outside
// the wiki's allow-list (script, style, object, form…) are escaped, event
// handler attributes and unsafe styles are dropped. An <iframe> is kept
// only when its src is an https:// address on one of the allowed hosts;
// it is rebuilt from its src, width, height and title, sandboxed like
// the built-in widgets. <noinclude> parts are left out and <includeonly>
// tags removed, as in templates.

// NSWidget is the namespace of widget pages; NSWidgetTalk its talk.
const (
	NSWidget     = 274
	NSWidgetTalk = 275
)

// EditRight is the right needed to edit widget pages.
const EditRight = "editwidgets"

// WithPageWidgets turns on widget pages, with iframes allowed to the given
// hosts ("player.example.org", or "*.example.org" for its subdomains).
func WithPageWidgets(iframeHosts ...string) Option {
	return func(e *extension) {
		e.pages = true
		for _, h := range iframeHosts {
			if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
				e.iframeHosts = append(e.iframeHosts, h)
			}
		}
	}
}

var (
	noincludeRE   = regexp.MustCompile(`(?is)<noinclude>.*?(?:</noinclude>|$)`)
	includeonlyRE = regexp.MustCompile(`(?i)</?includeonly>`)
	smartyRE      = regexp.MustCompile(`<!--\{\$([A-Za-z0-9_]+)(?:\|escape:'?(html|url|urlpathinfo)'?)?\}-->`)
	tripleRE      = regexp.MustCompile(`\{\{\{([^{}|]+)(?:\|([^{}]*))?\}\}\}`)
	commentRE     = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)`)
	iframeRE      = regexp.MustCompile(`(?is)<iframe\b([^>]*?)/?>(?:(?:.*?)</iframe\s*>)?`)
)

// maxWidgetBytes bounds the widget page text used.
const maxWidgetBytes = 64 << 10

// pageWidget renders widget page name with parameters p.
func (e *extension) pageWidget(f *preprocess.Frame, name string, p map[string]string) string {
	exp := f.Expander()
	key := strings.ReplaceAll(strings.TrimSpace(name), " ", "_")
	if key == "" || strings.ContainsAny(key, "#<>[]{}|:\x00\x7f") {
		return errorMsg(unknown(name))
	}
	key = strings.ToUpper(key[:1]) + key[1:]
	t := wikitext.Title{Namespace: NSWidget, DBKey: key}
	src, found, err := exp.Host.TemplateSource(exp.Ctx, t)
	if err != nil {
		exp.HostError(err)
		return errorMsg(fmt.Errorf("the widget \"%s\" could not be loaded", clip(name)))
	}
	seen := false
	for _, u := range exp.Templates {
		if u == t {
			seen = true
			break
		}
	}
	if !seen { // a change to the widget page refreshes the pages using it
		exp.Templates = append(exp.Templates, t)
	}
	if !found {
		return errorMsg(unknown(name))
	}
	if len(src) > maxWidgetBytes {
		return errorMsg(fmt.Errorf("the widget \"%s\" is longer than %d bytes", clip(name), maxWidgetBytes))
	}
	return e.renderPage(src, p)
}

// renderPage substitutes p into widget text src and sanitises the result.
func (e *extension) renderPage(src string, p map[string]string) string {
	src = strings.NewReplacer("\x00", "", "\x7f", "").Replace(src)
	src = noincludeRE.ReplaceAllString(src, "")
	src = includeonlyRE.ReplaceAllString(src, "")
	src = smartyRE.ReplaceAllStringFunc(src, func(m string) string {
		sm := smartyRE.FindStringSubmatch(m)
		v := p[strings.ToLower(sm[1])]
		if sm[2] == "url" || sm[2] == "urlpathinfo" {
			return escape(url.QueryEscape(v))
		}
		return escape(v)
	})
	src = tripleRE.ReplaceAllStringFunc(src, func(m string) string {
		sm := tripleRE.FindStringSubmatch(m)
		v, ok := p[strings.ToLower(strings.TrimSpace(sm[1]))]
		if !ok {
			v = sm[2]
		}
		return escape(v)
	})
	src = commentRE.ReplaceAllString(src, "")
	var frames []string
	src = iframeRE.ReplaceAllStringFunc(src, func(m string) string {
		attrs := iframeRE.FindStringSubmatch(m)[1]
		frames = append(frames, e.iframe(whtml.DecodeTagAttributes(attrs)))
		return "\x00" + strconv.Itoa(len(frames)-1) + "\x00"
	})
	out := whtml.RemoveHTMLTagsWith(src, whtml.FragmentHTML5, nil)
	for i, fr := range frames {
		m := "\x00" + strconv.Itoa(i) + "\x00"
		at := strings.Index(out, m)
		if at < 0 {
			continue
		}
		// The sanitised text escapes every stray '<', so a marker after an
		// unclosed '<' is inside a tag (an attribute value): drop it there.
		if strings.LastIndexByte(out[:at], '<') > strings.LastIndexByte(out[:at], '>') {
			fr = ""
		}
		out = out[:at] + fr + out[at+len(m):]
	}
	return strings.ReplaceAll(out, "\x00", "")
}

// iframe rebuilds an iframe whose src is on an allowed host, or returns
// an error message.
func (e *extension) iframe(a whtml.Attrs) string {
	src, _ := a.Get("src")
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Scheme != "https" || u.User != nil || !e.iframeHostAllowed(u.Hostname()) {
		host := ""
		if u != nil {
			host = u.Hostname()
		}
		return errorMsg(fmt.Errorf("iframes may only show https:// pages on the allowed hosts, not \"%s\"", clip(host)))
	}
	p := map[string]string{}
	for _, k := range []string{"width", "height"} {
		if v, ok := a.Get(k); ok {
			p[k] = strings.TrimSpace(v)
		}
	}
	width, err := size(p, "width", "800", true)
	if err != nil {
		return errorMsg(err)
	}
	height, err := size(p, "height", "600", false)
	if err != nil {
		return errorMsg(err)
	}
	title, _ := a.Get("title")
	if title == "" {
		title = "Widget"
	}
	var b strings.Builder
	b.WriteString(`<iframe class="mw-widget" src="` + escape(u.String()) + `" width="` + width + `" height="` + height + `"`)
	b.WriteString(` title="` + escape(clip(title)) + `" sandbox="` + Sandbox + `" referrerpolicy="strict-origin-when-cross-origin" loading="lazy" style="border:0;max-width:100%"`)
	if _, ok := a.Get("allowfullscreen"); ok {
		b.WriteString(` allowfullscreen=""`)
	}
	b.WriteString(`></iframe>`)
	return b.String()
}

// iframeHostAllowed reports whether host is on the allow-list.
func (e *extension) iframeHostAllowed(host string) bool {
	host = strings.ToLower(host)
	if host == "" {
		return false
	}
	for _, h := range e.iframeHosts {
		if suffix, ok := strings.CutPrefix(h, "*."); ok {
			if strings.HasSuffix(host, "."+suffix) {
				return true
			}
		} else if host == h {
			return true
		}
	}
	return false
}
