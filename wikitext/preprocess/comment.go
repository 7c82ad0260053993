package preprocess

import "strings"

// skipComment handles "<!--" at text[i:]. It returns the text to keep
// instead of the comment and the index after it. A comment alone on its
// line (with only spaces and tabs around it) takes the line break after it
// with it, as MediaWiki does.
func skipComment(text string, i int, out *strings.Builder) int {
	end := strings.Index(text[i+4:], "-->")
	if end < 0 {
		return len(text)
	}
	endPos := i + 4 + end + 3
	// Look back over spaces and tabs for a line start.
	ws := i
	for ws > 0 && (text[ws-1] == ' ' || text[ws-1] == '\t') {
		ws--
	}
	// Look forward over spaces, tabs and further comments on the line.
	we := endPos
	for {
		for we < len(text) && (text[we] == ' ' || text[we] == '\t') {
			we++
		}
		if strings.HasPrefix(text[we:], "<!--") {
			e := strings.Index(text[we+4:], "-->")
			if e < 0 {
				break
			}
			we = we + 4 + e + 3
			continue
		}
		break
	}
	if ws > 0 && text[ws-1] == '\n' && we < len(text) && text[we] == '\n' {
		s := out.String()
		trimmed := strings.TrimRight(s, " \t")
		if len(s)-len(trimmed) == i-ws {
			out.Reset()
			out.WriteString(trimmed)
			return we + 1
		}
	}
	return endPos
}
