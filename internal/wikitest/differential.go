package wikitest

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio/internal/diff"
)

var (
	commentRegex    = regexp.MustCompile(`(?s)<!--.*?-->`)
	editSectionRx   = regexp.MustCompile(`<span class="mw-editsection">.*?</span></span>`)
	tokenBoundaryRx = regexp.MustCompile(`<[^<>]*>|[^<]+`)
	tagNameRx       = regexp.MustCompile(`^</?([a-zA-Z0-9]+)`)
	classRx         = regexp.MustCompile(`\bclass="([^" ]*)`)
)

// NormalizeHTML prepares page HTML for comparison the way the parser-test
// runner compares outputs: without the mw-parser-output wrapper and
// trailing whitespace, plus without comments (the limit report) and
// section edit links, which depend on settings rather than the parser.
func NormalizeHTML(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, `<div class="mw-parser-output">`) && strings.HasSuffix(s, "</div>") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, `<div class="mw-parser-output">`), "</div>")
	}
	s = commentRegex.ReplaceAllString(s, "")
	s = editSectionRx.ReplaceAllString(s, "")
	return strings.TrimRight(s, " \t\n\r\x00\x0b")
}

// htmlTokens splits HTML into tags and text runs, the units the
// differential compares.
func htmlTokens(s string) []string { return tokenBoundaryRx.FindAllString(s, -1) }

// Difference is one differing run between two renderings.
type Difference struct {
	Construct  string // the element where they differ, e.g. "a.new" or "table"
	Want, Got  string // the differing HTML, cut short
	WantTokens int
	GotTokens  int
}

// Compare returns the similarity of two normalised HTML texts (2·equal
// tokens / all tokens, 1 for identical) and the runs where they differ.
func Compare(want, got string) (float64, []Difference) {
	a, b := htmlTokens(want), htmlTokens(got)
	if len(a)+len(b) == 0 {
		return 1, nil
	}
	equal := 0
	var diffs []Difference
	for _, e := range diff.Lines(a, b) {
		if e.Op == diff.Equal {
			equal += e.A1 - e.A0
			continue
		}
		w, g := around(strings.Join(a[e.A0:e.A1], ""), strings.Join(b[e.B0:e.B1], ""))
		diffs = append(diffs, Difference{
			Construct:  construct(a, e.A0, e.A1, b, e.B0, e.B1),
			Want:       w,
			Got:        g,
			WantTokens: e.A1 - e.A0, GotTokens: e.B1 - e.B0,
		})
	}
	return 2 * float64(equal) / float64(len(a)+len(b)), diffs
}

// construct names a differing run by its first tag, or by the element
// that encloses it when the run is text only.
func construct(a []string, a0, a1 int, b []string, b0, b1 int) string {
	for _, run := range [][]string{a[a0:a1], b[b0:b1]} {
		for _, tok := range run {
			if strings.HasPrefix(tok, "<") {
				return tagKey(tok)
			}
		}
	}
	depth := 0
	for i := a0 - 1; i >= 0; i-- {
		tok := a[i]
		switch {
		case strings.HasPrefix(tok, "</"):
			depth++
		case strings.HasPrefix(tok, "<") && !strings.HasSuffix(tok, "/>"):
			if depth == 0 {
				return "text in " + tagKey(tok)
			}
			depth--
		}
	}
	return "text"
}

// tagKey is "name.class" of a tag, e.g. "a.new" or "/p".
func tagKey(tok string) string {
	m := tagNameRx.FindStringSubmatch(tok)
	if m == nil {
		return "other"
	}
	key := strings.ToLower(m[1])
	if strings.HasPrefix(tok, "</") {
		key = "/" + key
	}
	if c := classRx.FindStringSubmatch(tok); c != nil {
		key += "." + c[1]
	}
	return key
}

// around cuts two differing texts to the part near their first
// difference.
func around(a, b string) (string, string) {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	start := max(0, i-40)
	for start > 0 && start < len(a) && !utf8.RuneStart(a[start]) {
		start--
	}
	cut := func(s string) string {
		if start >= len(s) {
			return clip(s)
		}
		prefix := ""
		if start > 0 {
			prefix = "…"
		}
		return prefix + clip(s[start:])
	}
	return cut(a), cut(b)
}

func clip(s string) string {
	const max = 160
	if len(s) > max {
		n := max
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n] + "…"
	}
	return s
}

// ConstructCount is how often a construct differed, over how many pages.
type ConstructCount struct {
	Construct   string
	Runs, Pages int
	Example     Difference
	ExamplePage string
}

// TopConstructs ranks constructs by the number of pages where they
// differ, then by runs.
func TopConstructs(byPage map[string][]Difference, n int) []ConstructCount {
	counts := map[string]*ConstructCount{}
	pages := make([]string, 0, len(byPage))
	for p := range byPage {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	for _, page := range pages {
		seen := map[string]bool{}
		for _, d := range byPage[page] {
			c := counts[d.Construct]
			if c == nil {
				c = &ConstructCount{Construct: d.Construct, Example: d, ExamplePage: page}
				counts[d.Construct] = c
			}
			c.Runs++
			if !seen[d.Construct] {
				seen[d.Construct] = true
				c.Pages++
			}
		}
	}
	out := make([]ConstructCount, 0, len(counts))
	for _, c := range counts {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Pages != out[j].Pages {
			return out[i].Pages > out[j].Pages
		}
		if out[i].Runs != out[j].Runs {
			return out[i].Runs > out[j].Runs
		}
		return out[i].Construct < out[j].Construct
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
