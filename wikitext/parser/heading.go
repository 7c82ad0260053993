package parser

import (
	"strings"
)

// doHeadings turns "== text ==" lines into <hN> elements; the longest
// balanced run of '=' (up to 6) wins. Whitespace after the closing run,
// including following blank lines, is dropped up to the last line break
// before the next text. The preprocessor's heading marker stays inside
// the element and tells formatHeadings where the heading came from.
func doHeadings(text string) string {
	if !strings.Contains(text, "=") {
		return text
	}
	var b strings.Builder
	last := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if text[start] == '=' {
			if level, content, ok := headingLine(text[start:end]); ok {
				if last == 0 {
					b.Grow(len(text) + 64)
				}
				b.WriteString(text[last:start])
				n := byte('0' + level)
				b.WriteString("<h")
				b.WriteByte(n)
				b.WriteByte('>')
				b.WriteString(content)
				b.WriteString("</h")
				b.WriteByte(n)
				b.WriteByte('>')
				last = skipHeadingSpace(text, end)
				if last == len(text) {
					break
				}
				start = last + 1
				continue
			}
		}
		start = end + 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// isRegexSpace reports whether c is in RE2's \s class.
func isRegexSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipHeadingSpace returns where the text after a heading line continues:
// the run of whitespace at end is dropped up to its last line break, or
// entirely when it reaches the end of the text.
func skipHeadingSpace(text string, end int) int {
	j := end
	lastNL := end
	for j < len(text) && isRegexSpace(text[j]) {
		if text[j] == '\n' {
			lastNL = j
		}
		j++
	}
	if j == len(text) {
		return j
	}
	return lastNL
}

// headingLine matches one line against "={n}[ \t]*(.+?)[ \t]*={n}\s*"
// for n from 6 down to 1 and returns the first level that fits.
func headingLine(line string) (level int, content string, ok bool) {
	l := strings.TrimRight(line, " \t\f\r")
	lead := 0
	for lead < len(l) && l[lead] == '=' {
		lead++
	}
	trail := 0
	for trail < len(l) && l[len(l)-1-trail] == '=' {
		trail++
	}
	for n := min(6, lead, trail); n >= 1; n-- {
		if len(l) < 2*n+1 {
			continue
		}
		m := l[n : len(l)-n]
		// [ \t]* before the content is greedy but leaves it one byte;
		// the lazy content leaves trailing blanks to the [ \t]* after it.
		i := 0
		for i < len(m)-1 && (m[i] == ' ' || m[i] == '\t') {
			i++
		}
		m = m[i:]
		j := len(m)
		for j > 1 && (m[j-1] == ' ' || m[j-1] == '\t') {
			j--
		}
		return n, m[:j], true
	}
	return 0, "", false
}
