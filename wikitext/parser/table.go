package parser

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
)

// tableStart parses a table's first line: colons (the indent), blanks,
// "{|" and the attributes.
func tableStart(line string) (indent int, attrs string, ok bool) {
	n := 0
	for n < len(line) && line[n] == ':' {
		n++
	}
	j := n
	for j < len(line) && isRegexSpace(line[j]) {
		j++
	}
	if !strings.HasPrefix(line[j:], "{|") {
		return 0, "", false
	}
	return n, line[j+2:], true
}

// tableState is one open table on the nesting stack.
type tableState struct {
	tdOpen    bool   // a cell is open
	lastTag   string // td, th or caption
	trOpen    bool
	trAttrs   string // attributes for the next implicit <tr>
	hasOpenTR bool   // the table has a row
	indent    int
}

// doTables turns {| … |} wikitext tables into HTML tables, line by line.
func (c *Context) doTables(text string) string {
	if !strings.Contains(text, "{|") {
		return text
	}
	var out strings.Builder
	out.Grow(len(text) + len(text)/4)
	var stack []*tableState
	for _, outLine := range strings.Split(text, "\n") {
		line := strings.Trim(outLine, " \t\n\r\x00\x0b")
		indent, attrs, isStart := tableStart(line)
		switch {
		case line == "":
		case isStart:
			ts := &tableState{indent: indent}
			stack = append(stack, ts)
			outLine = strings.Repeat("<dl><dd>", ts.indent) + "<table" + c.cellAttrs(attrs, "table") + ">"
		case len(stack) == 0:
		case strings.HasPrefix(line, "|}"):
			ts := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			outLine = ts.close() + line[2:]
			if ts.indent > 0 {
				outLine = strings.TrimRight(outLine, " \t\n\r\x00\x0b") + strings.Repeat("</dd></dl>", ts.indent)
			}
		case strings.HasPrefix(line, "|-"):
			outLine = stack[len(stack)-1].row(c.cellAttrs(strings.TrimLeft(line[1:], "-"), "tr"))
		case line[0] == '|' || line[0] == '!':
			outLine = c.tableCells(stack[len(stack)-1], line)
		}
		out.WriteString(outLine)
		out.WriteByte('\n')
	}
	for len(stack) > 0 {
		ts := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out.WriteString(ts.closeAtEnd())
	}
	s := strings.TrimSuffix(out.String(), "\n")
	if s == "<table>\n<tr><td></td></tr>\n</table>" {
		return ""
	}
	return s
}

func (c *Context) cellAttrs(attrs, el string) string {
	return html.FixTagAttributesMode(c.Strip.UnstripBoth(attrs), el, c.Config.FragmentMode)
}

// close ends the table at a "|}" line.
func (ts *tableState) close() string {
	s := "</table>"
	if !ts.hasOpenTR {
		s = "<tr><td></td></tr>" + s
	}
	if ts.trOpen {
		s = "</tr>" + s
	}
	if ts.tdOpen {
		s = "</" + ts.lastTag + ">" + s
	}
	return s
}

// closeAtEnd ends a table left open at the end of the text.
func (ts *tableState) closeAtEnd() string {
	s := ""
	if ts.tdOpen {
		s += "</td>\n"
	}
	if ts.trOpen {
		s += "</tr>\n"
	}
	if !ts.hasOpenTR {
		s += "<tr><td></td></tr>\n"
	}
	return s + "</table>\n"
}

// row handles a "|-" line.
func (ts *tableState) row(attrs string) string {
	ts.trAttrs = attrs
	ts.hasOpenTR = true
	s := ""
	if ts.trOpen {
		s = "</tr>"
	}
	if ts.tdOpen {
		s = "</" + ts.lastTag + ">" + s
	}
	ts.trOpen, ts.tdOpen, ts.lastTag = false, false, ""
	return s
}

// tableCells handles a line of cells (|, !) or a caption (|+).
func (c *Context) tableCells(ts *tableState, line string) string {
	first := line[0]
	if strings.HasPrefix(line, "|+") {
		first = '+'
		line = line[2:]
	} else {
		line = line[1:]
	}
	if first == '!' {
		line = replaceOutsideTags(line, "!!", "||")
	}
	var out strings.Builder
	out.Grow(len(line) + 64)
	for _, cell := range strings.Split(line, "||") {
		c.tableCell(&out, ts, first, cell)
	}
	return out.String()
}

func (c *Context) tableCell(out *strings.Builder, ts *tableState, first byte, cell string) {
	if ts.tdOpen {
		out.WriteString("</")
		out.WriteString(ts.lastTag)
		out.WriteString(">\n")
	}
	if first != '+' {
		if !ts.trOpen {
			out.WriteString("<tr")
			out.WriteString(ts.trAttrs)
			out.WriteString(">\n")
		}
		ts.trOpen = true
		ts.trAttrs = ""
		ts.hasOpenTR = true
	}
	switch first {
	case '|':
		ts.lastTag = "td"
	case '!':
		ts.lastTag = "th"
	default:
		ts.lastTag = "caption"
	}
	ts.tdOpen = true
	attrs, data, hasAttrs := strings.Cut(cell, "|")
	out.WriteByte('<')
	out.WriteString(ts.lastTag)
	if !hasAttrs || strings.Contains(attrs, "[[") || strings.Contains(attrs, "-{") {
		out.WriteByte('>')
		out.WriteString(strings.TrimSpace(cell))
		return
	}
	out.WriteString(c.cellAttrs(attrs, ts.lastTag))
	out.WriteByte('>')
	out.WriteString(strings.TrimSpace(data))
}

// replaceOutsideTags replaces from with to except inside <…> tags.
func replaceOutsideTags(s, from, to string) string {
	if !strings.Contains(s, from) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inTag := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			inTag = true
		case s[i] == '>':
			inTag = false
		case !inTag && strings.HasPrefix(s[i:], from):
			b.WriteString(to)
			i += len(from) - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
