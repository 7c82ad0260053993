package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a line in a word-level comparison. Changed is true when
// the piece is missing from the other line.
type Span struct {
	Text    string
	Changed bool
}

// Words compares two lines word by word. It returns the spans of each line;
// joining the texts of oldSpans gives oldLine and joining those of newSpans
// gives newLine. Adjacent spans always differ in Changed.
//
// A word is a run of letters, digits, combining marks and underscores, a
// run of whitespace, or any other single character. Characters of scripts
// written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer,
// Myanmar) count as one word each. Whitespace that separates two changes is
// shown as changed too, so that a rewritten phrase reads as one change.
func Words(oldLine, newLine string) (oldSpans, newSpans []Span) {
	a, b := Tokens(oldLine), Tokens(newLine)
	ids := newInterner(len(a) + len(b))
	x, y := ids.ints(a), ids.ints(b)
	edits := lineEdits(x, y, ids.blanks())
	absorbed := absorbSpaces(edits, a)
	for i, e := range edits {
		changed := e.Op != Equal || absorbed[i]
		oldSpans = appendSpan(oldSpans, a[e.A0:e.A1], changed)
		newSpans = appendSpan(newSpans, b[e.B0:e.B1], changed)
	}
	return oldSpans, newSpans
}

// absorbSpaces reports which Equal edits hold only whitespace and sit
// between two changes.
func absorbSpaces(edits []Edit, a []string) []bool {
	absorbed := make([]bool, len(edits))
	for i := 1; i+1 < len(edits); i++ {
		e := edits[i]
		if e.Op == Equal && allSpace(a[e.A0:e.A1]) {
			absorbed[i] = true
		}
	}
	return absorbed
}

func allSpace(tokens []string) bool {
	for _, t := range tokens {
		if strings.TrimFunc(t, unicode.IsSpace) != "" {
			return false
		}
	}
	return true
}

// appendSpan appends the joined tokens to spans, extending the last span
// when it has the same Changed value.
func appendSpan(spans []Span, tokens []string, changed bool) []Span {
	if len(tokens) == 0 {
		return spans
	}
	text := strings.Join(tokens, "")
	if n := len(spans); n > 0 && spans[n-1].Changed == changed {
		spans[n-1].Text += text
		return spans
	}
	return append(spans, Span{Text: text, Changed: changed})
}

// Tokens splits a line into the words that Words compares. Joining the
// tokens gives the line back.
func Tokens(line string) []string {
	var tokens []string
	for line != "" {
		n := tokenLen(line)
		tokens = append(tokens, line[:n])
		line = line[n:]
	}
	return tokens
}

// tokenLen returns the length in bytes of the token at the start of s.
func tokenLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsSpace(r):
		return runLen(s, unicode.IsSpace)
	case isWordRune(r) && !isSingleCharWord(r):
		return runLen(s, func(r rune) bool { return isWordRune(r) && !isSingleCharWord(r) })
	}
	return size
}

// runLen returns the length of the longest prefix of s whose runes all
// satisfy in.
func runLen(s string, in func(rune) bool) int {
	for i, r := range s {
		if !in(r) {
			return i
		}
	}
	return len(s)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// spacelessScripts are scripts usually written without spaces between
// words; each of their characters is compared on its own.
var spacelessScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
}

func isSingleCharWord(r rune) bool {
	return r >= 0x0E00 && unicode.IsOneOf(spacelessScripts, r)
}
