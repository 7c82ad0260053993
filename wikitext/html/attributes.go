package html

import (
	"regexp"
	"strings"
	"sync"
)

// Attr is one decoded HTML attribute.
type Attr struct {
	Name, Value string
}

// Attrs is an ordered attribute list. Setting an existing name replaces
// its value in place, as PHP arrays do.
type Attrs []Attr

// Get returns the value of the named attribute.
func (a Attrs) Get(name string) (string, bool) {
	for _, at := range a {
		if at.Name == name {
			return at.Value, true
		}
	}
	return "", false
}

// Set sets or replaces an attribute.
func (a *Attrs) Set(name, value string) {
	for i := range *a {
		if (*a)[i].Name == name {
			(*a)[i].Value = value
			return
		}
	}
	*a = append(*a, Attr{name, value})
}

var attribRegex = regexp.MustCompile(`((?:[^\t\n\f\r />=]|=)[^\t\n\f\r />=]*)` +
	`([\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)(?:"|$)|'([^']*)(?:'|$)|([^\t\n\f\r >]*)))?`)

var attrNameRegex = regexp.MustCompile(`^[:_\pL\pN][:_.\-\pL\pN]*$`)

// DecodeTagAttributes parses the attribute text of a tag. Entities in values
// are decoded and whitespace is turned into spaces.
func DecodeTagAttributes(text string) Attrs {
	var out Attrs
	if strings.TrimSpace(text) == "" {
		return out
	}
	for _, m := range attribRegex.FindAllStringSubmatchIndex(text, -1) {
		name := strings.ToLower(text[m[2]:m[3]])
		if !attrNameRegex.MatchString(name) {
			continue
		}
		val := ""
		switch {
		case m[10] >= 0:
			val = text[m[10]:m[11]]
		case m[8] >= 0:
			val = text[m[8]:m[9]]
		case m[6] >= 0:
			val = text[m[6]:m[7]]
		}
		out.Set(name, normalizeAttributeValue(val))
	}
	return out
}

var attrSpaceRun = regexp.MustCompile(`(?:\r\n|[ \r\n\t])+`)

// normalizeAttributeValue decodes character references and collapses
// runs of whitespace into one space, trimming the ends.
func normalizeAttributeValue(v string) string {
	v = DecodeCharReferences(v)
	return strings.TrimSpace(attrSpaceRun.ReplaceAllString(v, " "))
}

// PlainAttributes renders validated attributes escaped for HTML only,
// for extension tags whose output is not parsed again.
func PlainAttributes(text, el string) string {
	var b strings.Builder
	for _, a := range ValidateAttributes(DecodeTagAttributes(text), el) {
		b.WriteString(" " + EscapeHTML(a.Name) + `="` + EncodeAttribute(a.Value) + `"`)
	}
	return b.String()
}

// ValidateAttributes drops attributes that element el does not allow and
// cleans the values of the rest (style, id, URLs). Ids use the legacy
// encoding; see ValidateAttributesMode.
func ValidateAttributes(attrs Attrs, el string) Attrs {
	return ValidateAttributesMode(attrs, el, FragmentLegacy)
}

// ValidateAttributesMode is ValidateAttributes with ids encoded in mode.
func ValidateAttributesMode(attrs Attrs, el string, mode FragmentMode) Attrs {
	var out Attrs
	for _, a := range attrs {
		if !AllowedAttr(el, a.Name) {
			continue
		}
		switch a.Name {
		case "style":
			a.Value = CheckCSS(a.Value)
		case "id":
			a.Value = EscapeID(a.Value, mode)
		case "tabindex":
			if a.Value != "0" {
				continue
			}
		case "href", "src", "poster":
			if !hrefRegex.MatchString(a.Value) {
				continue
			}
		}
		out.Set(a.Name, a.Value)
	}
	if _, ok := out.Get("itemscope"); !ok {
		out = out.without("itemtype", "itemid", "itemref")
	}
	return out
}

func (a Attrs) without(names ...string) Attrs {
	var out Attrs
outer:
	for _, at := range a {
		for _, n := range names {
			if at.Name == n {
				continue outer
			}
		}
		out = append(out, at)
	}
	return out
}

var hrefRegex = regexp.MustCompile(`^(?i:` + URLProtocolsPattern + `)[^\s]+$`)

// FixTagAttributes sanitizes raw attribute text for element el and returns
// it re-encoded, with a leading space when not empty.
func FixTagAttributes(text, el string) string { return FixTagAttributesMode(text, el, FragmentLegacy) }

// FixTagAttributesMode is FixTagAttributes with ids encoded in mode.
func FixTagAttributesMode(text, el string, mode FragmentMode) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	if len(text) > maxMemoAttrs {
		return EncodeAttributes(ValidateAttributesMode(DecodeTagAttributes(text), el, mode))
	}
	k := attrKey{text, el, mode}
	attrMemo.mu.Lock()
	v, ok := attrMemo.m[k]
	attrMemo.mu.Unlock()
	if ok {
		return v
	}
	v = EncodeAttributes(ValidateAttributesMode(DecodeTagAttributes(text), el, mode))
	attrMemo.mu.Lock()
	if len(attrMemo.m) >= maxMemoEntries || attrMemo.m == nil {
		attrMemo.m = make(map[attrKey]string, 64)
	}
	// The key is copied: text is usually a slice of a whole page.
	attrMemo.m[attrKey{strings.Clone(text), strings.Clone(el), mode}] = v
	attrMemo.mu.Unlock()
	return v
}

// attrMemo remembers what FixTagAttributesMode made of short attribute
// texts: templates repeat the same attributes on every call, and decoding,
// checking CSS and encoding them is a good part of sanitizing a page. The
// result depends only on the key (the allowed lists are fixed). It holds
// at most maxMemoEntries results of at most maxMemoAttrs bytes of input,
// and starts afresh when full.
var attrMemo struct {
	mu sync.Mutex
	m  map[attrKey]string
}

type attrKey struct {
	text, el string
	mode     FragmentMode
}

const (
	maxMemoAttrs   = 200
	maxMemoEntries = 4096
)

// EncodeAttributes writes attributes as ` name="value"` pairs with values
// armoured against later wikitext passes.
func EncodeAttributes(attrs Attrs) string {
	var b strings.Builder
	n := 0
	for _, a := range attrs {
		n += len(a.Name) + len(a.Value) + 4
	}
	b.Grow(n + n/4)
	for _, a := range attrs {
		b.WriteString(" ")
		b.WriteString(EscapeHTML(a.Name))
		b.WriteString(`="`)
		v := SafeEncodeAttribute(a.Value)
		if a.Name == "id" {
			// Ids never start wikitext such as __TOC__ in later passes.
			v = strings.ReplaceAll(v, "_", "&#95;")
		}
		b.WriteString(v)
		b.WriteString(`"`)
	}
	return b.String()
}

var safeAttrReplacer = strings.NewReplacer(
	"\n", "&#10;", "\r", "&#13;", "\t", "&#9;",
	"{", "&#123;", "}", "&#125;", "[", "&#91;", "]", "&#93;",
	"''", "&#39;&#39;", "ISBN", "&#73;SBN", "RFC", "&#82;FC", "PMID", "&#80;MID",
	"|", "&#124;", "__", "&#95;_", "\u00a0", "&#160;",
)

// needsSafeAttrReplace reports whether v holds something safeAttrReplacer
// changes; its Replace allocates even when nothing changes.
func needsSafeAttrReplace(v string) bool {
	return strings.ContainsAny(v, "\n\r\t{}[]|") || strings.Contains(v, "''") || strings.Contains(v, "ISBN") ||
		strings.Contains(v, "RFC") || strings.Contains(v, "PMID") || strings.Contains(v, "__") ||
		strings.Contains(v, "\u00a0")
}

var protoColonRegex = regexp.MustCompile(`(?i:` + URLProtocolsPattern + `)`)

// SafeEncodeAttribute escapes an attribute value so that no later parser
// pass (links, templates, quotes, magic links) can act on it.
func SafeEncodeAttribute(v string) string {
	v = EscapeHTMLQuotes(v)
	if needsSafeAttrReplace(v) {
		v = safeAttrReplacer.Replace(v)
	}
	if !strings.Contains(v, ":") {
		return v // only the colons of URL protocols change below
	}
	if !strings.Contains(v, "\u017f") && !strings.Contains(v, "\u212a") { // ſ and K fold to s and k
		return armorProtocolColons(v)
	}
	return protoColonRegex.ReplaceAllStringFunc(v, func(p string) string {
		return strings.ReplaceAll(p, ":", "&#58;")
	})
}

// armorProtocolColons encodes the colon of every URL protocol in v (as
// protoColonRegex finds them, ignoring ASCII case) as "&#58;".
func armorProtocolColons(v string) string {
	var b strings.Builder
	last := 0
	for off := 0; ; {
		i := strings.IndexByte(v[off:], ':')
		if i < 0 {
			break
		}
		i += off
		off = i + 1
		for _, p := range URLProtocols {
			k := strings.IndexByte(p, ':')
			if k < 0 || i < k || !hasPrefixFoldLower(v[i-k:], p) {
				continue
			}
			if last == 0 {
				b.Grow(len(v) + 8)
			}
			b.WriteString(v[last:i])
			b.WriteString("&#58;")
			last = i + 1
			break
		}
	}
	if last == 0 {
		return v
	}
	b.WriteString(v[last:])
	return b.String()
}

// hasPrefixFoldLower is strings.HasPrefix ignoring ASCII case; prefix is
// lower case.
func hasPrefixFoldLower(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// EncodeAttribute escapes an attribute value like PHP's htmlspecialchars
// with ENT_QUOTES, and encodes tabs and newlines.
func EncodeAttribute(v string) string {
	return attrWhitespaceReplacer.Replace(EscapeHTMLQuotes(v))
}

var attrWhitespaceReplacer = strings.NewReplacer("\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
