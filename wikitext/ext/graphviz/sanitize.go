package graphviz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
)

// svgElements are the elements Graphviz draws with; anything else is
// dropped together with its content.
var svgElements = map[string]bool{
	"svg": true, "g": true, "title": true, "desc": true, "text": true, "tspan": true,
	"path": true, "polygon": true, "polyline": true, "ellipse": true, "circle": true,
	"rect": true, "line": true, "a": true, "defs": true, "linearGradient": true,
	"radialGradient": true, "stop": true, "clipPath": true,
}

// svgAttributes are the presentation attributes kept on any element.
var svgAttributes = map[string]bool{
	"id": true, "class": true, "transform": true, "x": true, "y": true, "x1": true, "y1": true,
	"x2": true, "y2": true, "cx": true, "cy": true, "r": true, "rx": true, "ry": true,
	"width": true, "height": true, "viewBox": true, "points": true, "d": true,
	"fill": true, "stroke": true, "stroke-width": true, "stroke-dasharray": true,
	"stroke-opacity": true, "stroke-linecap": true, "stroke-linejoin": true,
	"fill-opacity": true, "opacity": true, "font-family": true, "font-size": true,
	"font-weight": true, "font-style": true, "font-variant": true, "text-anchor": true,
	"text-decoration": true, "baseline-shift": true, "dominant-baseline": true,
	"letter-spacing": true, "preserveAspectRatio": true, "offset": true, "stop-color": true,
	"stop-opacity": true, "gradientUnits": true, "gradientTransform": true, "fx": true,
	"fy": true, "clip-path": true,
}

var (
	localRef   = regexp.MustCompile(`^url\(#([A-Za-z0-9_.:-]+)\)$`)
	wikiLink   = regexp.MustCompile(`^\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]$`)
	errNotSVG  = errors.New("the renderer's output is not an SVG image")
	errTooDeep = errors.New("the renderer's output is nested too deeply")
)

// maxDepth bounds element nesting in the output.
const maxDepth = 200

// sanitizer copies Graphviz's SVG, keeping only drawing elements, safe
// attributes and vetted links. It parses the XML and writes the output
// itself, so nothing it did not build can reach the page.
type sanitizer struct {
	// link maps a link target to the URL written, or reports false to
	// drop the link. It sees hrefs that are not plain http(s) URLs.
	link func(href string) (string, bool)
	// idPrefix is put before every id and local reference, so that a
	// graph's ids cannot collide with the page's.
	idPrefix string

	out   bytes.Buffer
	stack []string // open output elements
	skip  int      // depth inside a dropped element
	root  bool     // the svg root was seen
}

// sanitizeSVG returns a safe copy of src for inline use in HTML.
func sanitizeSVG(src []byte, idPrefix string, link func(string) (string, bool)) (string, error) {
	s := &sanitizer{link: link, idPrefix: idPrefix}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("the renderer's output could not be read: %w", err)
		}
		if err := s.token(tok); err != nil {
			return "", err
		}
	}
	if !s.root || len(s.stack) != 0 {
		return "", errNotSVG
	}
	return s.out.String(), nil
}

func (s *sanitizer) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return s.start(t)
	case xml.EndElement:
		s.end()
	case xml.CharData:
		if s.skip == 0 && len(s.stack) > 0 {
			s.text(string(t))
		}
	}
	// Comments, processing instructions and directives are dropped.
	return nil
}

// text writes character data on one line: the wikitext parser's block
// formatting runs over tag output and would put paragraphs between lines.
// Whitespace between elements is dropped.
func (s *sanitizer) text(t string) {
	switch s.stack[len(s.stack)-1] {
	case "text", "tspan", "title", "desc":
	default:
		if strings.TrimSpace(t) == "" {
			return
		}
	}
	writeEscaped(&s.out, strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(t))
}

func (s *sanitizer) start(t xml.StartElement) error {
	if s.skip > 0 {
		s.skip++
		return nil
	}
	name := t.Name.Local
	if (t.Name.Space != "" && t.Name.Space != nsSVG) || !svgElements[name] ||
		(len(s.stack) == 0) != (name == "svg") || (name == "svg" && s.root) {
		s.skip = 1
		return nil
	}
	if len(s.stack) >= maxDepth {
		return errTooDeep
	}
	s.root = true
	s.out.WriteString("<" + name)
	if name == "svg" {
		s.out.WriteString(` xmlns="` + nsSVG + `"`)

	}
	s.attributes(name, t.Attr)
	s.out.WriteString(">")
	s.stack = append(s.stack, name)
	return nil
}

func (s *sanitizer) end() {
	if s.skip > 0 {
		s.skip--
		return
	}
	if n := len(s.stack); n > 0 {
		s.out.WriteString("</" + s.stack[n-1] + ">")
		s.stack = s.stack[:n-1]
	}
}

// attributes writes the kept attributes of element name.
func (s *sanitizer) attributes(name string, attrs []xml.Attr) {
	seen := map[string]bool{}
	for _, a := range attrs {
		key, val, ok := s.attribute(name, a)
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		s.out.WriteString(" " + key + `="`)
		writeEscaped(&s.out, val)
		s.out.WriteString(`"`)
	}
}

// attribute vets one attribute and returns the name and value to write.
func (s *sanitizer) attribute(elem string, a xml.Attr) (string, string, bool) {
	local := a.Name.Local
	if elem == "a" && local == "href" && (a.Name.Space == "" || a.Name.Space == nsXLink) {
		u, ok := s.href(a.Value)
		return "href", u, ok
	}
	if elem == "a" && local == "target" && a.Name.Space == "" {
		switch a.Value {
		case "_blank", "_self", "_parent", "_top":
			return local, a.Value, true
		}
		return "", "", false
	}
	if a.Name.Space != "" || !svgAttributes[local] {
		return "", "", false
	}
	val := a.Value
	if local == "id" {
		return local, s.idPrefix + val, true
	}
	if strings.Contains(strings.ToLower(val), "url(") {
		m := localRef.FindStringSubmatch(strings.TrimSpace(val))
		if m == nil {
			return "", "", false
		}
		val = "url(#" + s.idPrefix + m[1] + ")"
	}
	if unsafeValue(val) {
		return "", "", false
	}
	return local, val, true
}

// unsafeValue reports values that could run script or load anything in
// any SVG user agent, whatever the attribute.
func unsafeValue(v string) bool {
	l := strings.ToLower(v)
	l = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, l)
	return strings.Contains(l, "javascript:") || strings.Contains(l, "vbscript:") ||
		strings.Contains(l, "data:") || strings.Contains(l, "expression(") || strings.Contains(l, "<")
}

// href returns the URL a graph link may point at: absolute http(s) URLs,
// local paths and fragments, or what the link callback makes of [[wiki
// links]]. Everything else is dropped.
func (s *sanitizer) href(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if m := wikiLink.FindStringSubmatch(v); m != nil {
		if s.link == nil {
			return "", false
		}
		u, ok := s.link(m[1])
		if !ok || !safeURL(u) {
			return "", false
		}
		return u, true
	}
	if !safeURL(v) {
		return "", false
	}
	u, _ := url.Parse(v)
	return u.String(), true
}

// safeURL reports whether v is an absolute http(s) URL or a local path,
// query or fragment.
func safeURL(v string) bool {
	if v == "" || strings.ContainsAny(v, "\\<>\"'`") || strings.IndexFunc(v, isSpaceOrControl) >= 0 {
		return false
	}
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		return u.Host != "" && u.User == nil
	case u.Scheme == "" && u.Host == "" && u.Opaque == "" && !strings.HasPrefix(v, "//"):
		return strings.HasPrefix(v, "/") || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "?")
	}
	return false
}

func isSpaceOrControl(r rune) bool { return r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) }

// writeEscaped writes s escaped for HTML text and quoted attributes.
func writeEscaped(b *bytes.Buffer, s string) {
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
		case '\x7f':
			// The wikitext parser's strip markers start with DEL; a
			// graph must not be able to forge one.
			b.WriteString("&#127;")
		default:
			if r < ' ' && r != '\n' && r != '\t' {
				continue
			}
			b.WriteRune(r)
		}
	}
}
