package media

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// Namespaces an SVG file may use for elements and attributes: SVG itself
// and the metadata that drawing programs write. Anything else (XHTML,
// XSLT, XML Events, MathML…) could carry script or pull in content.
const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

var safeNamespaces = []string{
	"", nsSVG, nsXLink, nsXML,
	"http://www.inkscape.org/namespaces/inkscape",
	"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"http://purl.org/dc/elements/1.1/",
	"http://purl.org/dc/terms/",
	"http://creativecommons.org/ns#",
	"http://web.resource.org/cc/",
	"http://www.bohemiancoding.com/sketch/ns",
	"http://www.serif.com/",
	"http://www.openswatchbook.org/uri/2009/osb",
	"http://ns.adobe.com/", // and everything under it (Illustrator, XMP)
}

// forbiddenElements may run script or embed documents, in any namespace.
var forbiddenElements = map[string]bool{
	"script": true, "handler": true, "listener": true, "foreignobject": true, "iframe": true,
	"embed": true, "object": true, "applet": true, "meta": true, "base": true, "link": true,
}

// animations can change attributes after the file was checked.
var animations = map[string]bool{"animate": true, "set": true, "animatetransform": true,
	"animatemotion": true, "animatecolor": true}

// svgError refuses an SVG file with a reason.
func svgError(format string, args ...any) error {
	return folio.Errorf(folio.EVerification, "This SVG file is refused: "+format+".", args...)
}

// CheckSVG parses an SVG file and refuses it, with a *folio.Error, when it
// holds script, event handlers, script URLs, references to other files,
// elements from namespaces that can run code, XML entity declarations,
// processing instructions or malformed XML.
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return svgError("it is not well-formed XML in UTF-8 (%v)", err)
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" {
				return svgError("it holds the processing instruction <?%s?>", t.Target)
			}
		case xml.Directive:
			if err := checkDirective(string(t)); err != nil {
				return err
			}
		case xml.StartElement:
			if err := checkElement(t, root); err != nil {
				return err
			}
			root = false
			stack = append(stack, strings.ToLower(t.Name.Local))
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "style" {
				if err := checkCSS(string(t)); err != nil {
					return err
				}
			}
		}
	}
	if root {
		return svgError("it has no root element")
	}
	return nil
}

// checkDirective allows a doctype without an internal subset: entity
// declarations could expand without bound or read local files.
func checkDirective(s string) error {
	upper := strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(upper, "DOCTYPE") {
		return svgError("it holds the declaration <!%s>", firstWord(s))
	}
	if strings.ContainsAny(s, "[]") || strings.Contains(upper, "ENTITY") {
		return svgError("its doctype declares entities")
	}
	return nil
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// checkElement checks one start tag and its attributes.
func checkElement(t xml.StartElement, root bool) error {
	local := strings.ToLower(t.Name.Local)
	if root && local != "svg" {
		return svgError("its root element is <%s>, not <svg>", t.Name.Local)
	}
	if !safeNamespace(t.Name.Space) {
		return svgError("the element <%s> is in the namespace %q", t.Name.Local, t.Name.Space)
	}
	if forbiddenElements[local] {
		return svgError("it contains a <%s> element", t.Name.Local)
	}
	for _, a := range t.Attr {
		if err := checkAttr(local, a); err != nil {
			return err
		}
	}
	return nil
}

// safeNamespace reports whether elements and attributes of ns are allowed.
func safeNamespace(ns string) bool {
	for _, s := range safeNamespaces {
		if ns == s || strings.HasSuffix(s, "/") && strings.HasPrefix(ns, s) {
			return true
		}
	}
	return false
}

// checkAttr checks one attribute of the element elem (lower case).
func checkAttr(elem string, a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	if a.Name.Space == "xmlns" || a.Name.Space == "" && name == "xmlns" {
		return nil // a namespace declaration; uses of the namespace are checked
	}
	if !safeNamespace(a.Name.Space) {
		return svgError("the attribute %s is in the namespace %q", a.Name.Local, a.Name.Space)
	}
	v := squash(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return svgError("it has the event handler %s", a.Name.Local)
	case name == "href" || name == "src":
		if !localRef(v) {
			return svgError("the %s of <%s> points outside the file (%.60q)", a.Name.Local, elem, a.Value)
		}
	case animations[elem] && name == "attributename":
		if v == "href" || strings.HasSuffix(v, ":href") || strings.HasPrefix(v, "on") {
			return svgError("an animation changes the attribute %s", a.Value)
		}
	case name == "style":
		return checkCSS(a.Value)
	}
	if scriptURL(v) {
		return svgError("the attribute %s holds a script URL", a.Name.Local)
	}
	if strings.Contains(v, "url(") {
		return checkCSS(a.Value)
	}
	return nil
}

// squash lower-cases s and drops white space and control characters, which
// browsers ignore inside URL schemes ("java\tscript:").
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// scriptURL reports whether a squashed value names a scheme that runs code
// or a document type that can.
func scriptURL(v string) bool {
	for _, bad := range []string{"javascript:", "vbscript:", "livescript:", "data:text/html",
		"data:application/", "data:image/svg"} {
		if strings.Contains(v, bad) {
			return true
		}
	}
	return false
}

// localRef reports whether a squashed reference stays inside the file: a
// fragment, or an embedded bitmap.
func localRef(v string) bool {
	if v == "" || strings.HasPrefix(v, "#") {
		return true
	}
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		if strings.HasPrefix(v, "data:image/"+t+";base64,") {
			return true
		}
	}
	return false
}

// checkCSS refuses style sheets that import, bind behaviour, evaluate
// expressions or load anything but fragments and embedded bitmaps.
func checkCSS(css string) error {
	v := squash(css)
	if strings.Contains(v, `\`) {
		return svgError("its styles use CSS escapes")
	}
	for _, bad := range []string{"@import", "expression(", "-moz-binding", "behavior:", "behaviour:"} {
		if strings.Contains(v, bad) {
			return svgError("its styles use %s", bad)
		}
	}
	if scriptURL(v) {
		return svgError("its styles hold a script URL")
	}
	for rest := v; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		ref := strings.TrimLeft(rest, `"'`)
		end := strings.IndexAny(ref, `"')`)
		if end < 0 {
			end = len(ref)
		}
		if !localRef(ref[:end]) {
			return svgError("its styles load %.60q", ref[:end])
		}
	}
}

// DefaultSVGSize is the size MediaWiki gives an SVG file without usable
// dimensions.
const DefaultSVGSize = 512

// SVGSize returns the dimensions of an SVG file in pixels, from the root
// element's width and height, else its viewBox, else DefaultSVGSize.
func SVGSize(data []byte) (width, height int) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return DefaultSVGSize, DefaultSVGSize
		}
		if se, ok := tok.(xml.StartElement); ok {
			return rootSize(se)
		}
	}
}

func rootSize(se xml.StartElement) (int, int) {
	var w, h, vbW, vbH float64
	for _, a := range se.Attr {
		switch a.Name.Local {
		case "width":
			w = length(a.Value)
		case "height":
			h = length(a.Value)
		case "viewBox":
			f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
			if len(f) == 4 {
				vbW, _ = strconv.ParseFloat(f[2], 64)
				vbH, _ = strconv.ParseFloat(f[3], 64)
			}
		}
	}
	switch {
	case w > 0 && h > 0:
	case w > 0 && vbW > 0 && vbH > 0:
		h = w * vbH / vbW
	case h > 0 && vbW > 0 && vbH > 0:
		w = h * vbW / vbH
	case vbW > 0 && vbH > 0:
		w, h = vbW, vbH
	default:
		return DefaultSVGSize, DefaultSVGSize
	}
	return max(1, int(w+0.5)), max(1, int(h+0.5))
}

// units converts SVG length units to pixels at 96 dpi.
var units = map[string]float64{"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54,
	"in": 96, "em": 16, "ex": 8}

// length parses an SVG length in pixels; percentages and junk give 0.
func length(s string) float64 {
	s = strings.TrimSpace(s)
	i := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' || r == '.' }) + 1
	f, err := strconv.ParseFloat(s[:i], 64)
	u, ok := units[strings.ToLower(strings.TrimSpace(s[i:]))]
	if err != nil || !ok || f <= 0 || f > 1e6 {
		return 0
	}
	return f * u
}
