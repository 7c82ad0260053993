package html

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// frenchSpaces turns a space before ? : ; ! % » › or after « ‹ into a
// non-breaking space, as French typography wants.
func frenchSpaces(t string) string {
	if !mayNeedFrenchSpace(t) {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' && (spaceBefore(t[i+1:]) || spaceAfter(t[:i])) {
			b.WriteString("&#160;")
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// frenchMarkByte marks the bytes that start one of ? : ; ! % » « ‹ ›.
var frenchMarkByte = func() (m [256]bool) {
	for _, r := range "?:;!%»«‹›" {
		m[string(r)[0]] = true
	}
	return m
}()

// mayNeedFrenchSpace reports whether t has a space and a byte that may
// start a mark that French spacing cares about.
func mayNeedFrenchSpace(t string) bool {
	if strings.IndexByte(t, ' ') < 0 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if frenchMarkByte[t[i]] {
			return true
		}
	}
	return false
}

func spaceBefore(rest string) bool {
	if rest == "" {
		return false
	}
	n := 0
	switch {
	case strings.IndexByte("?:;!%", rest[0]) >= 0:
		n = 1
	case strings.HasPrefix(rest, "»") || strings.HasPrefix(rest, "›"):
		n = len("»")
	default:
		return false
	}
	// Not when the mark starts a word, as in "!important".
	r, _ := utf8.DecodeRuneInString(rest[n:])
	return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
}

func spaceAfter(before string) bool {
	return strings.HasSuffix(before, "«") || strings.HasSuffix(before, "‹")
}
