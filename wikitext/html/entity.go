package html

import (
	"fmt"
	stdhtml "html"
	"regexp"
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

var charRefRegex = regexp.MustCompile(`&([A-Za-z0-9\x{80}-\x{10ffff}]+);|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);`)

var normalizeRefRegex = regexp.MustCompile(charRefRegex.String() + `|&`)

// DecodeCharReferences decodes named and numeric character references.
// Unknown names and invalid code points are left as they are.
func DecodeCharReferences(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return charRefRegex.ReplaceAllStringFunc(s, func(m string) string {
		sub := charRefRegex.FindStringSubmatch(m)
		switch {
		case sub[1] != "":
			return decodeEntity(sub[1], m)
		case sub[2] != "":
			return decodeCodepoint(sub[2], 10, m)
		default:
			return decodeCodepoint(sub[3], 16, m)
		}
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
	return normalizeRefRegex.ReplaceAllStringFunc(s, func(m string) string {
		if m == "&" {
			return "&amp;"
		}
		sub := normalizeRefRegex.FindStringSubmatch(m)
		switch {
		case sub[1] != "":
			return normalizeEntity(sub[1])
		case sub[2] != "":
			return normalizeCodepoint(sub[2], 10, "&#%d;")
		default:
			return normalizeCodepoint(sub[3], 16, "&#x%x;")
		}
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
