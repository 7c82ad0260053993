package html

import (
	"regexp"
	"strings"
)

// elementBits splits the text after a '<' into slash, name, attributes,
// closing brace and the text that follows up to the next '<'.
var elementBits = regexp.MustCompile(`^(/?)([A-Za-z][^\t\n\v />\x00]*)([^>]*?)(/?>)([^<]*)$`)

// RemoveHTMLTags escapes every '<' that does not start an allowed HTML tag
// and rewrites the attributes of allowed tags through the attribute
// whitelist. Like MediaWiki with tidying enabled it does not balance tags;
// that is left to the final clean-up.
func RemoveHTMLTags(text string) string { return RemoveHTMLTagsWith(text, FragmentLegacy, nil) }

// RemoveHTMLTagsWith is RemoveHTMLTags with ids encoded in mode and
// attribute text passed through unstrip (which restores strip markers)
// before it is parsed.
func RemoveHTMLTagsWith(text string, mode FragmentMode, unstrip func(string) string) string {
	bits := strings.Split(text, "<")
	var b strings.Builder
	b.Grow(len(text) + 16)
	b.WriteString(strings.ReplaceAll(bits[0], ">", "&gt;"))
	for _, x := range bits[1:] {
		if s, ok := sanitizeTag(x, mode, unstrip); ok {
			b.WriteString(s)
			continue
		}
		b.WriteString("&lt;")
		b.WriteString(strings.ReplaceAll(x, ">", "&gt;"))
	}
	return b.String()
}

// sanitizeTag rewrites one '<'-separated piece that starts with an allowed
// tag. ok is false when the piece must be escaped.
func sanitizeTag(x string, mode FragmentMode, unstrip func(string) string) (string, bool) {
	m := elementBits.FindStringSubmatch(x)
	if m == nil {
		return "", false
	}
	slash, name, params, brace, rest := m[1], strings.ToLower(m[2]), m[3], m[4], m[5]
	if !AllowedTag(name) {
		return "", false
	}
	if (name == "meta" || name == "link") && !hasItemprop(params) {
		return "", false
	}
	if brace == "/>" && !singleTags[name] {
		brace = ">" // HTML5 ignores the slash on non-void elements
	}
	if SingleOnly(name) {
		// Void elements are written the way the HTML5 serializer does.
		slash, brace = "", " />"
	}
	var b strings.Builder
	b.WriteString("<" + slash + name)
	if slash == "" {
		if unstrip != nil {
			params = unstrip(params)
		}
		b.WriteString(FixTagAttributesMode(params, name, mode))
	}
	b.WriteString(brace)
	b.WriteString(strings.ReplaceAll(rest, ">", "&gt;"))
	return b.String(), true
}

func hasItemprop(params string) bool {
	_, ok := DecodeTagAttributes(params).Get("itemprop")
	return ok
}
