package api

import (
	"regexp"
	"strings"
)

// Sections of page text, numbered as MediaWiki numbers them for editing:
// section 0 is the text before the first heading, section N runs from the
// N-th heading to the next heading of the same or a higher level.

var headingLine = regexp.MustCompile(`(?m)^(={1,6})(.+?)(={1,6})[ \t]*$`)

// opaque are regions where a heading-like line is not a heading.
var opaque = regexp.MustCompile(`(?is)<!--.*?(?:-->|$)|<nowiki>.*?(?:</nowiki>|$)|<pre[^>]*>.*?(?:</pre>|$)`)

type heading struct {
	start int // byte offset of the line
	level int
}

func headings(text string) []heading {
	skip := opaque.FindAllStringIndex(text, -1)
	var out []heading
	for _, m := range headingLine.FindAllStringSubmatchIndex(text, -1) {
		if inside(m[0], skip) {
			continue
		}
		open, closing := m[3]-m[2], m[7]-m[6]
		level := min(open, closing)
		if strings.TrimSpace(text[m[4]:m[5]]) == "" && open == closing {
			continue
		}
		out = append(out, heading{start: m[0], level: level})
	}
	return out
}

func inside(pos int, ranges [][]int) bool {
	for _, r := range ranges {
		if pos >= r[0] && pos < r[1] {
			return true
		}
	}
	return false
}

// sectionBounds returns the byte range of section n.
func sectionBounds(text string, n int) (start, end int, ok bool) {
	hs := headings(text)
	if n < 0 || n > len(hs) {
		return 0, 0, false
	}
	if n == 0 {
		if len(hs) == 0 {
			return 0, len(text), true
		}
		return 0, hs[0].start, true
	}
	h := hs[n-1]
	end = len(text)
	for _, next := range hs[n:] {
		if next.level <= h.level {
			end = next.start
			break
		}
	}
	return h.start, end, true
}

// sectionText returns section n without surrounding blank lines.
func sectionText(text string, n int) (string, bool) {
	start, end, ok := sectionBounds(text, n)
	if !ok {
		return "", false
	}
	return strings.Trim(text[start:end], "\n"), true
}

// replaceSection puts section in place of section n.
func replaceSection(text string, n int, section string) (string, bool) {
	start, end, ok := sectionBounds(text, n)
	if !ok {
		return "", false
	}
	before := strings.TrimRight(text[:start], "\n")
	after := strings.TrimLeft(text[end:], "\n")
	var b strings.Builder
	if before != "" {
		b.WriteString(before + "\n\n")
	}
	b.WriteString(strings.Trim(section, "\n"))
	if after != "" {
		b.WriteString("\n\n" + after)
	}
	return b.String(), true
}

// appendSection adds a new section with a level-2 heading.
func appendSection(text, title, body string) string {
	var b strings.Builder
	if t := strings.TrimRight(text, "\n"); t != "" {
		b.WriteString(t + "\n\n")
	}
	if title != "" {
		b.WriteString("== " + title + " ==\n\n")
	}
	b.WriteString(body)
	return b.String()
}
