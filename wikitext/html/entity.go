package html

import (
	"fmt"
	stdhtml "html"
	"strconv"
	"strings"
)

// html4Entities are the named character references MediaWiki keeps as
// names in its output (the HTML 4 set). Other names are escaped.
var html4Entities = words(`nbsp iexcl cent pound curren yen brvbar sect uml copy ordf
	laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm
	raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil
	Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc
	Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute
	acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml
	eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml
	yacute thorn yuml fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa
	Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma
	delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma
	tau upsilon phi chi psi omega thetasym upsih piv bull hellip prime Prime oline frasl
	weierp image real trade alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr
	hArr forall part exist empty nabla isin notin ni prod sum minus lowast radic prop
	infin ang and or cap cup int there4 sim cong asymp ne equiv le ge sub sup nsub sube
	supe oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs
	hearts diams quot amp lt gt OElig oelig Scaron scaron Yuml circ tilde ensp emsp
	thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger
	Dagger permil lsaquo rsaquo euro`)

// entityAliases maps right-to-left spellings onto the entity they stand for.
var entityAliases = map[string]string{"רלמ": "rlm", "رلم": "rlm"}

// Kinds of character reference charRefAt finds.
const (
	refNone = iota
	refNamed
	refDecimal
	refHex
)

// charRefAt parses the character reference at the start of s, which
// starts with '&': "&name;" (ASCII letters and digits and any non-ASCII
// text), "&#digits;" or "&#xhex;". It returns the kind, the name or
// digits, and the length of the reference.
func charRefAt(s string) (kind int, val string, n int) {
	i := 1
	for i < len(s) && (s[i] >= 0x80 || isASCIIAlnum(s[i])) {
		i++
	}
	if i > 1 && i < len(s) && s[i] == ';' {
		return refNamed, s[1:i], i + 1
	}
	if len(s) < 3 || s[1] != '#' {
		return refNone, "", 0
	}
	if s[2] == 'x' || s[2] == 'X' {
		j := 3
		for j < len(s) && isHexDigit(s[j]) {
			j++
		}
		if j > 3 && j < len(s) && s[j] == ';' {
			return refHex, s[3:j], j + 1
		}
		return refNone, "", 0
	}
	j := 2
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j > 2 && j < len(s) && s[j] == ';' {
		return refDecimal, s[2:j], j + 1
	}
	return refNone, "", 0
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// replaceCharRefs returns s with each '&' passed to repl, which returns
// the replacement of the first n bytes of its argument. s itself comes
// back when nothing changes.
func replaceCharRefs(s string, repl func(s string) (out string, n int)) string {
	var b strings.Builder
	done := 0 // s[:done] is in b, once b is in use
	for pos := 0; ; {
		i := strings.IndexByte(s[pos:], '&')
		if i < 0 {
			break
		}
		i += pos
		out, n := repl(s[i:])
		if out != s[i:i+n] {
			if b.Cap() == 0 {
				b.Grow(len(s) + len(s)/16 + 16)
			}
			b.WriteString(s[done:i])
			b.WriteString(out)
			done = i + n
		}
		pos = i + n
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// DecodeCharReferences decodes named and numeric character references.
// Unknown names and invalid code points are left as they are.
func DecodeCharReferences(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return replaceCharRefs(s, func(s string) (string, int) {
		kind, val, n := charRefAt(s)
		switch kind {
		case refNamed:
			return decodeEntity(val, s[:n]), n
		case refDecimal:
			return decodeCodepoint(val, 10, s[:n]), n
		case refHex:
			return decodeCodepoint(val, 16, s[:n]), n
		}
		return s[:1], 1
	})
}

func decodeEntity(name, orig string) string {
	if a, ok := entityAliases[name]; ok {
		name = a
	}
	if u, ok := namedEntity(name); ok {
		return u
	}
	return orig
}

func decodeCodepoint(digits string, base int, orig string) string {
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || !validCodepoint(rune(n)) {
		return orig
	}
	return string(rune(n))
}

func validCodepoint(r rune) bool {
	return r == 0x09 || r == 0x0a || r == 0x0d ||
		(r >= 0x20 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd) ||
		(r >= 0x10000 && r <= 0x10ffff)
}

// NormalizeCharReferences makes every '&' in HTML text either a valid
// character reference or "&amp;", as MediaWiki does on its final output.
func NormalizeCharReferences(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return replaceCharRefs(s, func(s string) (string, int) {
		kind, val, n := charRefAt(s)
		switch kind {
		case refNamed:
			switch val {
			case "lt", "gt", "amp", "quot":
				return s[:n], n
			}
			return normalizeEntity(val), n
		case refDecimal:
			return normalizeCodepoint(val, 10, "&#%d;"), n
		case refHex:
			return normalizeCodepoint(val, 16, "&#x%x;"), n
		}
		return "&amp;", 1
	})
}

func normalizeEntity(name string) string {
	if a, ok := entityAliases[name]; ok {
		return "&" + a + ";"
	}
	switch name {
	case "lt", "gt", "amp", "quot":
		return "&" + name + ";"
	}
	if u, ok := namedEntity(name); ok {
		var b strings.Builder
		for _, r := range u {
			fmt.Fprintf(&b, "&#%d;", r)
		}
		return b.String()
	}
	return "&amp;" + name + ";"
}

func normalizeCodepoint(digits string, base int, format string) string {
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || !validCodepoint(rune(n)) {
		if base == 16 {
			return "&amp;#x" + digits + ";"
		}
		return "&amp;#" + digits + ";"
	}
	return fmt.Sprintf(format, n)
}

// namedEntity decodes a complete named character reference. The standard
// library also accepts legacy names without a semicolon as prefixes
// ("&ampamp;"), which wikitext does not.
func namedEntity(name string) (string, bool) {
	u := stdhtml.UnescapeString("&" + name + ";")
	if u == "&"+name+";" || (strings.HasSuffix(u, ";") && u != ";") {
		return "", false
	}
	return u, true
}
