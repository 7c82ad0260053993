package html

import (
	"regexp"
	"strings"
)

var (
	cssControl      = regexp.MustCompile(`[\x00-\x08\x0b\x0e-\x1f\x7f]`)
	cssContinuation = regexp.MustCompile(`\\(?:\r\n|[\n\r\f])`)
)

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
var cssUnsafe = regexp.MustCompile(`(?i)expression|filter\s*:|accelerator\s*:|-o-link\s*:|-o-link-source\s*:|-o-replace\s*:|url\s*\(|image\s*\(|image-set\s*\(|attr\s*\([^)]+[\s,]+url`)
var cssEscape = regexp.MustCompile(`\\([0-9A-Fa-f]{1,6})[ \n\r\t\f]?|\\(.)`)

// CheckCSS returns the style attribute value unchanged when it is safe, and
// the comment "/* insecure input */" when it could run script or load
// remote content.
func CheckCSS(v string) string {
	n := DecodeCharReferences(v)
	if cssControl.MatchString(n) {
		return "/* invalid control char */"
	}
	n = cssContinuation.ReplaceAllString(n, "")
	n = cssEscape.ReplaceAllStringFunc(n, decodeCSSEscape)
	if strings.Contains(n, "/*") {
		n = cssComment.ReplaceAllString(n, " ")
		if i := strings.Index(n, "/*"); i >= 0 {
			n = n[:i]
		}
	}
	if cssUnsafe.MatchString(n) || strings.ContainsAny(n, "\x00") {
		return "/* insecure input */"
	}
	return n
}

func decodeCSSEscape(m string) string {
	sub := cssEscape.FindStringSubmatch(m)
	if sub[1] != "" {
		var r rune
		for _, c := range sub[1] {
			r = r*16 + rune(hexVal(byte(c)))
		}
		if r == 0 || r > 0x10ffff {
			return "\ufffd"
		}
		return string(r)
	}
	return sub[2]
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 0
}
