package parser

import (
	"strings"
)

// doAllQuotes applies doQuotes to every line.
func doAllQuotes(text string) string {
	if !strings.Contains(text, "''") {
		return text
	}
	var b strings.Builder
	done := 0 // text[:done] is in b, once b is in use
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if line := text[start:end]; strings.Contains(line, "''") {
			if q := doQuotes(line); q != line {
				if b.Cap() == 0 {
					b.Grow(len(text) + len(text)/8)
				}
				b.WriteString(text[done:start])
				b.WriteString(q)
				done = end
			}
		}
		start = end + 1
	}
	if b.Cap() == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// doQuotes turns ” and ”' runs on one line into <i> and <b>, with
// MediaWiki's rules for unbalanced runs.
func doQuotes(text string) string {
	if !strings.Contains(text, "''") {
		return text
	}
	arr := splitQuotes(text)
	if len(arr) == 1 {
		return text
	}
	numBold, numItalics := normalizeQuoteRuns(arr)
	if numBold%2 == 1 && numItalics%2 == 1 {
		demoteOneBold(arr)
	}
	return renderQuotes(arr)
}

// splitQuotes splits text into alternating text and apostrophe runs.
func splitQuotes(text string) []string {
	var arr []string
	last := 0
	for off := 0; ; {
		i := strings.Index(text[off:], "''")
		if i < 0 {
			break
		}
		i += off
		j := i + 2
		for j < len(text) && text[j] == '\'' {
			j++
		}
		if arr == nil {
			arr = make([]string, 0, 8)
		}
		arr = append(arr, text[last:i], text[i:j])
		last, off = j, j
	}
	return append(arr, text[last:])
}

// normalizeQuoteRuns turns runs of 4 into ' + ”' and runs over 5 into
// apostrophes + ””', and counts bold and italic markers.
func normalizeQuoteRuns(arr []string) (numBold, numItalics int) {
	for i := 1; i < len(arr); i += 2 {
		n := len(arr[i])
		if n == 4 {
			arr[i-1] += "'"
			arr[i] = "'''"
			n = 3
		} else if n > 5 {
			arr[i-1] += strings.Repeat("'", n-5)
			arr[i] = "'''''"
			n = 5
		}
		switch n {
		case 2:
			numItalics++
		case 3:
			numBold++
		case 5:
			numItalics++
			numBold++
		}
	}
	return numBold, numItalics
}

// demoteOneBold turns one ”' into an apostrophe plus ”, preferring one
// after a single-letter word, then after a longer word, then after a space.
func demoteOneBold(arr []string) {
	single, multi, space := -1, -1, -1
	for i := 1; i < len(arr); i += 2 {
		if len(arr[i]) != 3 {
			continue
		}
		prev := arr[i-1]
		x1, x2 := byte(0), byte(0)
		if len(prev) >= 1 {
			x1 = prev[len(prev)-1]
		}
		if len(prev) >= 2 {
			x2 = prev[len(prev)-2]
		} else if len(prev) == 1 {
			x2 = prev[0]
		}
		if x1 == ' ' {
			if space == -1 {
				space = i
			}
		} else if x2 == ' ' {
			single = i
			break
		} else if multi == -1 {
			multi = i
		}
	}
	for _, i := range []int{single, multi, space} {
		if i > -1 {
			arr[i] = "''"
			arr[i-1] += "'"
			return
		}
	}
}

// renderQuotes is the state machine that emits the tags.
func renderQuotes(arr []string) string {
	var out, buffer strings.Builder
	n := 0
	for _, r := range arr {
		n += len(r)
	}
	out.Grow(n + 8*len(arr))
	state := ""
	for i, r := range arr {
		if i%2 == 0 {
			if state == "both" {
				buffer.WriteString(r)
			} else {
				out.WriteString(r)
			}
			continue
		}
		state = quoteTransition(&out, &buffer, state, len(r))
	}
	if state == "b" || state == "ib" {
		out.WriteString("</b>")
	}
	if state == "i" || state == "bi" || state == "ib" {
		out.WriteString("</i>")
	}
	if state == "bi" {
		out.WriteString("</b>")
	}
	if state == "both" && buffer.Len() > 0 {
		out.WriteString("<b><i>" + buffer.String() + "</i></b>")
	}
	return out.String()
}

// quoteTransition handles one run of n apostrophes in state and returns the
// new state.
type quoteKey struct {
	state string
	n     int
}

type quoteStep struct{ emit, next string }

// quoteTable lists the transitions that close tags.
var quoteTable = map[quoteKey]quoteStep{
	{"i", 2}: {"</i>", ""}, {"bi", 2}: {"</i>", "b"}, {"ib", 2}: {"</b></i><b>", "b"},
	{"b", 3}: {"</b>", ""}, {"bi", 3}: {"</i></b><i>", "i"}, {"ib", 3}: {"</b>", "i"},
	{"b", 5}: {"</b><i>", "i"}, {"i", 5}: {"</i><b>", "b"}, {"bi", 5}: {"</i></b>", ""},
	{"ib", 5}: {"</b></i>", ""},
}

func quoteTransition(out, buffer *strings.Builder, state string, n int) string {
	if s, ok := quoteTable[quoteKey{state, n}]; ok {
		out.WriteString(s.emit)
		return s.next
	}
	if state == "both" {
		buf := buffer.String()
		buffer.Reset()
		switch n {
		case 2:
			out.WriteString("<b><i>" + buf + "</i>")
			return "b"
		case 3:
			out.WriteString("<i><b>" + buf + "</b>")
			return "i"
		default:
			out.WriteString("<i><b>" + buf + "</b></i>")
			return ""
		}
	}
	switch n {
	case 2:
		out.WriteString("<i>")
		return state + "i"
	case 3:
		out.WriteString("<b>")
		return state + "b"
	}
	buffer.Reset()
	return "both"
}
