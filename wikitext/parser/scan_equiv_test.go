package parser

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The byte scanners replaced regexps; these tests check them against the
// original patterns on random text made of the tokens that matter.

var equivTokens = []string{
	"=", "==", "===", "======", " ", "\t", "\n", "\r", "\f", "a", "é", "x y", "-", "----", "<", ">",
	"<p>", "<pre>", "</pre>", "<PRE", "<blockquote>", "</blockquote ", "<div", "<td", "<h2>", "</H2 >",
	"<style>", "</style>", "<link a>", "[[", "]]", "|", "[", "]", "{", "}", "'", "''", "'''", "\x00CATTRIM\x00",
	MarkerPrefix, MarkerSuffix, "nowiki-", "0000000a", "ref", "-", "\x7f", "{|", ":", "|-", "http://", "ISBN",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(equivTokens[r.IntN(len(equivTokens))])
	}
	return b.String()
}

func forRandomTexts(t *testing.T, f func(s string)) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 4000 {
		f(randomText(r, 1+i%40))
	}
}

func TestHeadingsMatchRegexps(t *testing.T) {
	var res [7]*regexp.Regexp
	for i := 1; i <= 6; i++ {
		h := strings.Repeat("=", i)
		res[i] = regexp.MustCompile(`(?m)^` + h + `[ \t]*(.+?)[ \t]*` + h + `\s*$`)
	}
	want := func(text string) string {
		for i := 6; i >= 1; i-- {
			n := strconv.Itoa(i)
			text = res[i].ReplaceAllString(text, "<h"+n+">${1}</h"+n+">")
		}
		return text
	}
	forRandomTexts(t, func(s string) {
		if got, w := doHeadings(s), want(s); got != w {
			t.Fatalf("doHeadings(%q) = %q, want %q", s, got, w)
		}
	})
}

func TestLinkSplitMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?s)^([^\[\]{}<>|\x00-\x1F\x7F]+)(?:\|(.+?))?]](.*)$`)
	forRandomTexts(t, func(s string) {
		target, text, trail, ok := splitLink(s)
		m := re.FindStringSubmatch(s)
		if ok != (m != nil) || (ok && (target != m[1] || text != m[2] || trail != m[3])) {
			t.Fatalf("splitLink(%q) = %q %q %q %v, want %q", s, target, text, trail, ok, m)
		}
	})
}

func TestSmallScannersMatchRegexps(t *testing.T) {
	hr := regexp.MustCompile(`(^|\n)-----*`)
	cat := regexp.MustCompile(`\s*\x00CATTRIM\x00`)
	marker := regexp.MustCompile("\x7f'\"`UNIQ-([a-z0-9]+)-([0-9a-f]{8})-QINU`\"'\x7f")
	tags := regexp.MustCompile(`<.*?>`)
	quotes := regexp.MustCompile(`''+`)
	blockquote := regexp.MustCompile(`(?i)<(/?)blockquote[\s>]`)
	forRandomTexts(t, func(s string) {
		if got, w := doHorizontalRules(s), hr.ReplaceAllString(s, "${1}<hr />"); got != w {
			t.Fatalf("doHorizontalRules(%q) = %q, want %q", s, got, w)
		}
		if got, w := trimCategoryMarkers(s), cat.ReplaceAllString(s, ""); got != w {
			t.Fatalf("trimCategoryMarkers(%q) = %q, want %q", s, got, w)
		}
		if got, w := KillMarkers(s), marker.ReplaceAllString(s, ""); got != w {
			t.Fatalf("KillMarkers(%q) = %q, want %q", s, got, w)
		}
		if got, w := stripTags(s), tags.ReplaceAllString(s, ""); got != w {
			t.Fatalf("stripTags(%q) = %q, want %q", s, got, w)
		}
		var w []string
		last := 0
		for _, m := range quotes.FindAllStringIndex(s, -1) {
			w = append(w, s[last:m[0]], s[m[0]:m[1]])
			last = m[1]
		}
		w = append(w, s[last:])
		if got := splitQuotes(s); strings.Join(got, "\x01") != strings.Join(w, "\x01") {
			t.Fatalf("splitQuotes(%q) = %q, want %q", s, got, w)
		}
		ms := blockquote.FindAllStringSubmatch(s, -1)
		found, opens := lastBlockquote(s, false)
		if found != (len(ms) > 0) || (found && opens != (ms[len(ms)-1][1] == "")) {
			t.Fatalf("lastBlockquote(%q) = %v %v, want %q", s, found, opens, ms)
		}
		if o, c := blockMatches(s, false); o != blockOpenRegex.MatchString(s) || c != blockCloseRegex.MatchString(s) {
			t.Fatalf("blockMatches(%q) = %v %v", s, o, c)
		}
	})
}

func TestExtLinkMatchesMatchRegexp(t *testing.T) {
	tokens := []string{"[", "]", "http://", "HTTPS://", "mailto:", "//", "a", "é", " ", "\u00a0", "\n", "<", "x.org", "|", "\ufffd", "ſ"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 4000 {
		var b strings.Builder
		for range 1 + i%30 {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		s := b.String()
		got, want := extLinkMatches(s), extLinkBracketed.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("extLinkMatches(%q) = %v, want %v", s, got, want)
		}
	}
}
