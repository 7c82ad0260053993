package html

import (
	"strings"
)

// RemoveHTMLTags escapes every '<' that does not start an allowed HTML tag
// and rewrites the attributes of allowed tags through the attribute
// whitelist. Like MediaWiki with tidying enabled it does not balance tags;
// that is left to the final clean-up.
func RemoveHTMLTags(text string) string { return RemoveHTMLTagsWith(text, FragmentLegacy, nil) }

// RemoveHTMLTagsWith is RemoveHTMLTags with ids encoded in mode and
// attribute text passed through unstrip (which restores strip markers)
// before it is parsed.
func RemoveHTMLTagsWith(text string, mode FragmentMode, unstrip func(string) string) string {
	if strings.IndexByte(text, '<') < 0 && strings.IndexByte(text, '>') < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	i := strings.IndexByte(text, '<')
	if i < 0 {
		i = len(text)
	}
	writeEscapedGt(&b, text[:i])
	for i < len(text) {
		// text[i] is '<'; the piece runs to the next '<'.
		j := strings.IndexByte(text[i+1:], '<')
		if j < 0 {
			j = len(text)
		} else {
			j += i + 1
		}
		x := text[i+1 : j]
		if !sanitizeTag(&b, x, mode, unstrip) {
			b.WriteString("&lt;")
			writeEscapedGt(&b, x)
		}
		i = j
	}
	return b.String()
}

// writeEscapedGt writes s with every '>' escaped.
func writeEscapedGt(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '>')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString("&gt;")
		s = s[i+1:]
	}
}

// splitElement splits the text after a '<' (which holds no other '<')
// into slash, name, attributes, closing brace and the text that follows:
// "/"?, a name that starts with an ASCII letter and runs to a blank, '/',
// '>' or NUL, the attributes up to the first '>', and "/>" or ">".
func splitElement(x string) (slash, name, params, brace, rest string, ok bool) {
	i := 0
	if i < len(x) && x[i] == '/' {
		i = 1
	}
	if i >= len(x) || !('a' <= x[i]|0x20 && x[i]|0x20 <= 'z') {
		return "", "", "", "", "", false
	}
	n := i + 1
	for n < len(x) {
		c := x[n]
		if c == '\t' || c == '\n' || c == '\v' || c == ' ' || c == '/' || c == '>' || c == 0 {
			break
		}
		n++
	}
	g := strings.IndexByte(x[n:], '>')
	if g < 0 {
		return "", "", "", "", "", false
	}
	g += n
	if g > n && x[g-1] == '/' {
		return x[:i], x[i:n], x[n : g-1], "/>", x[g+1:], true
	}
	return x[:i], x[i:n], x[n:g], ">", x[g+1:], true
}

// sanitizeTag writes one '<'-separated piece that starts with an allowed
// tag, rewritten. It returns false, having written nothing, when the piece
// must be escaped.
func sanitizeTag(b *strings.Builder, x string, mode FragmentMode, unstrip func(string) string) bool {
	slash, name, params, brace, rest, ok := splitElement(x)
	if !ok {
		return false
	}
	name = lowerASCII(name)
	if !AllowedTag(name) {
		return false
	}
	if (name == "meta" || name == "link") && !hasItemprop(params) {
		return false
	}
	if brace == "/>" && !singleTags[name] {
		brace = ">" // HTML5 ignores the slash on non-void elements
	}
	if SingleOnly(name) {
		// Void elements are written the way the HTML5 serializer does.
		slash, brace = "", " />"
	}
	b.WriteByte('<')
	b.WriteString(slash)
	b.WriteString(name)
	if slash == "" {
		if unstrip != nil && params != "" {
			params = unstrip(params)
		}
		b.WriteString(FixTagAttributesMode(params, name, mode))
	}
	b.WriteString(brace)
	writeEscapedGt(b, rest)
	return true
}

// lowerASCII lowercases s like strings.ToLower, without allocating when s
// is already lower case ASCII.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

func hasItemprop(params string) bool {
	_, ok := DecodeTagAttributes(params).Get("itemprop")
	return ok
}
