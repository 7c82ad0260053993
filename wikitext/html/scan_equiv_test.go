package html

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The byte scanners replaced regexps; these tests check them against the
// original patterns on random text made of the tokens that matter.

var equivTokens = []string{
	"&", ";", "#", "x", "X", "amp", "lt", "nbsp", "eacute", "bogus", "12", "0", "ff", "g", "é", "\xff",
	"/", "a", "B", "<", ">", "/>", " ", "\t", "\n", "\v", "\x00", "=", "\"", "p", "div", ":", "http", "s",
	"HTTP", "mailto", "//", "sips", "news", "ſ",
}

func forRandomTexts(t *testing.T, f func(s string)) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 4000 {
		var b strings.Builder
		for range 1 + i%30 {
			b.WriteString(equivTokens[r.IntN(len(equivTokens))])
		}
		f(b.String())
	}
}

func TestSplitElementMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(/?)([A-Za-z][^\t\n\v />\x00]*)([^>]*?)(/?>)([^<]*)$`)
	forRandomTexts(t, func(s string) {
		x := strings.ReplaceAll(s, "<", "")
		slash, name, params, brace, rest, ok := splitElement(x)
		m := re.FindStringSubmatch(x)
		got := fmt.Sprint(ok, slash, name, params, brace, rest)
		want := fmt.Sprint(false, "", "", "", "", "")
		if m != nil {
			want = fmt.Sprint(true, m[1], m[2], m[3], m[4], m[5])
		}
		if got != want {
			t.Fatalf("splitElement(%q) = %q, want %q", x, got, want)
		}
	})
}

func TestCharReferencesMatchRegexps(t *testing.T) {
	charRef := regexp.MustCompile(`&([A-Za-z0-9\x{80}-\x{10ffff}]+);|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);`)
	normRef := regexp.MustCompile(charRef.String() + `|&`)
	decode := func(s string) string {
		return charRef.ReplaceAllStringFunc(s, func(m string) string {
			sub := charRef.FindStringSubmatch(m)
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
	normalize := func(s string) string {
		return normRef.ReplaceAllStringFunc(s, func(m string) string {
			if m == "&" {
				return "&amp;"
			}
			sub := normRef.FindStringSubmatch(m)
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
	forRandomTexts(t, func(s string) {
		if got, w := DecodeCharReferences(s), decode(s); got != w {
			t.Fatalf("DecodeCharReferences(%q) = %q, want %q", s, got, w)
		}
		if got, w := NormalizeCharReferences(s), normalize(s); got != w {
			t.Fatalf("NormalizeCharReferences(%q) = %q, want %q", s, got, w)
		}
	})
}

func TestProtocolColonsMatchRegexp(t *testing.T) {
	want := func(v string) string {
		return protoColonRegex.ReplaceAllStringFunc(v, func(p string) string {
			return strings.ReplaceAll(p, ":", "&#58;")
		})
	}
	forRandomTexts(t, func(s string) {
		if strings.Contains(s, "ſ") {
			return // SafeEncodeAttribute keeps the regexp for these
		}
		if got, w := armorProtocolColons(s), want(s); got != w {
			t.Fatalf("armorProtocolColons(%q) = %q, want %q", s, got, w)
		}
	})
}

func TestHasURLProtocolMatchesRegexp(t *testing.T) {
	forRandomTexts(t, func(s string) {
		if got, want := HasURLProtocol(s), protoPrefix.MatchString(s); got != want {
			t.Fatalf("HasURLProtocol(%q) = %v, want %v", s, got, want)
		}
	})
}
