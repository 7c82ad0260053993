package parser

import "strings"

// doHorizontalRules turns four or more dashes at the start of a line into
// <hr />; the rest of the line stays.
func doHorizontalRules(text string) string {
	if !strings.Contains(text, "----") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for i := 0; i < len(text); {
		if text[i] == '-' && (i == 0 || text[i-1] == '\n') && strings.HasPrefix(text[i:], "----") {
			j := i + 4
			for j < len(text) && text[j] == '-' {
				j++
			}
			b.WriteString(text[last:i])
			b.WriteString("<hr />")
			last, i = j, j
			continue
		}
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
