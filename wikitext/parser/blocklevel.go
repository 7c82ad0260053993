package parser

import (
	"regexp"
	"strings"
)

var (
	blockOpenRegex  = regexp.MustCompile(`(?i)<table|<h1|<h2|<h3|<h4|<h5|<h6|<pre|<tr|<p|<ul|<ol|<dl|<li|<dt|<dd|</tr|</td|</th|</li|</dt|</dd`)
	blockCloseRegex = regexp.MustCompile(`(?i)</table|</h1|</h2|</h3|</h4|</h5|</h6|<td|<th|</?blockquote|</?div|<hr|</pre|</p|</mw:|` +
		regexp.QuoteMeta(MarkerPrefix) + `-pre|</ul|</ol|</dl|</?center|</?figure`)
	preOpenRegex    = regexp.MustCompile(`(?i)<pre`)
	preCloseRegex   = regexp.MustCompile(`(?i)</pre`)
	blockquoteRegex = regexp.MustCompile(`(?i)<(/?)blockquote[\s>]`)
	styleLineRegex  = regexp.MustCompile(`(?is)^(?:<style\b[^>]*>.*?</style>\s*|<link\b[^>]*>\s*)+$`)
)

// blockLevels is the line-by-line state machine that builds lists,
// paragraphs and indented <pre> blocks. It is long because it is one
// state machine.
type blockLevels struct {
	out           strings.Builder
	lastParagraph string // "", "p" or "pre"
	dtOpen        bool
	inPre         bool
	inBlockElem   bool
	inBlockquote  bool
	pendingPTag   string // "" when none
}

// doBlockLevels wraps text in paragraphs and turns list prefixes into
// lists.
func doBlockLevels(text string, lineStart bool) string {
	b := &blockLevels{}
	lines := strings.Split(text, "\n")
	lastPrefix := ""
	prefixLength := 0
	prefix2 := ""
	for i, line := range lines {
		if !lineStart {
			b.out.WriteString(line)
			lineStart = true
			continue
		}
		lastPrefix, prefixLength, prefix2 = b.line(line, lastPrefix, i < len(lines)-1)
	}
	for ; prefixLength > 0; prefixLength-- {
		b.out.WriteString(b.closeList(prefix2[prefixLength-1]))
		if prefixLength == 1 {
			b.out.WriteString("\n")
		}
	}
	if b.lastParagraph != "" {
		b.out.WriteString("</" + b.lastParagraph + ">")
	}
	return b.out.String()
}

// line handles one input line and returns the new list prefix state.
func (b *blockLevels) line(line, lastPrefix string, nextLineExists bool) (string, int, string) {
	preClose := preCloseRegex.MatchString(line)
	preOpen := preOpenRegex.MatchString(line)
	prefix, prefix2, t := "", "", line
	if !b.inPre {
		n := strspn(line, "*#:;")
		prefix = line[:n]
		prefix2 = strings.ReplaceAll(prefix, ";", ":")
		t = line[n:]
		b.inPre = preOpen
	}
	prefixLength := len(prefix)
	if prefixLength > 0 && lastPrefix == prefix2 {
		t = b.sameList(prefix, t)
	} else if prefixLength > 0 || len(lastPrefix) > 0 {
		t = b.changeList(prefix, lastPrefix, t)
		lastPrefix = prefix2
	}
	if prefixLength == 0 {
		t = b.paragraph(t, preOpen, preClose)
	}
	if preClose && b.inPre {
		b.inPre = false
	}
	if b.pendingPTag == "" {
		if prefixLength == 0 {
			b.out.WriteString(t)
			if nextLineExists || b.lastParagraph != "" {
				b.out.WriteString("\n")
			}
		} else {
			b.out.WriteString(strings.TrimSpace(t))
		}
	}
	return lastPrefix, prefixLength, prefix2
}

// sameList continues a list at the same nesting.
func (b *blockLevels) sameList(prefix, t string) string {
	last := prefix[len(prefix)-1]
	b.out.WriteString(b.nextItem(last))
	b.pendingPTag = ""
	if last == ';' {
		t = b.splitDefinition(t)
	}
	return t
}

// splitDefinition handles "; term : definition" on one line.
func (b *blockLevels) splitDefinition(t string) string {
	if term, def, ok := findColonNoLinks(t); ok {
		b.out.WriteString(strings.TrimSpace(term) + b.nextItem(':'))
		return def
	}
	return t
}

// changeList closes and opens list levels.
func (b *blockLevels) changeList(prefix, lastPrefix, t string) string {
	common := commonPrefix(prefix, lastPrefix)
	b.pendingPTag = ""
	for n := len(lastPrefix); common < n; n-- {
		b.out.WriteString(b.closeList(lastPrefix[n-1]))
	}
	if len(prefix) <= common && common > 0 {
		b.out.WriteString(b.nextItem(prefix[common-1]))
	}
	if b.dtOpen && common > 0 && prefix[common-1] == ':' {
		b.out.WriteString(b.nextItem(':'))
	}
	if lastPrefix != "" && len(prefix) > common {
		b.out.WriteString("\n")
	}
	for ; len(prefix) > common; common++ {
		c := prefix[common]
		b.out.WriteString(b.openList(c))
		if c == ';' {
			t = b.splitDefinition(t)
		}
	}
	if len(prefix) == 0 && lastPrefix != "" {
		b.out.WriteString("\n")
	}
	return t
}

// paragraph handles a line outside lists.
func (b *blockLevels) paragraph(t string, preOpen, preClose bool) string {
	openMatch := blockOpenRegex.MatchString(t)
	closeMatch := blockCloseRegex.MatchString(t)
	switch {
	case openMatch || closeMatch:
		b.pendingPTag = ""
		b.out.WriteString(b.closeParagraph(false))
		if preOpen && !preClose {
			b.inPre = true
		}
		for _, m := range blockquoteRegex.FindAllStringSubmatch(t, -1) {
			b.inBlockquote = m[1] == ""
		}
		b.inBlockElem = !closeMatch
	case b.inBlockElem || b.inPre:
	case len(t) > 0 && t[0] == ' ' && (b.lastParagraph == "pre" || strings.TrimSpace(t) != "") && !b.inBlockquote:
		if b.lastParagraph != "pre" {
			b.pendingPTag = ""
			b.out.WriteString(b.closeParagraph(false) + "<pre>")
			b.lastParagraph = "pre"
		}
		t = t[1:]
	case styleLineRegex.MatchString(t):
		if b.pendingPTag != "" {
			b.out.WriteString(b.closeParagraph(false))
			b.pendingPTag = ""
		}
	default:
		b.textParagraph(t)
	}
	return t
}

// textParagraph opens, continues or breaks paragraphs around text lines
// and blank lines.
func (b *blockLevels) textParagraph(t string) {
	if strings.Trim(t, " \t\n\r\x00\x0b") == "" {
		switch {
		case b.pendingPTag != "":
			b.out.WriteString(b.pendingPTag + "<br />")
			b.pendingPTag = ""
			b.lastParagraph = "p"
		case b.lastParagraph != "p":
			b.out.WriteString(b.closeParagraph(false))
			b.pendingPTag = "<p>"
		default:
			b.pendingPTag = "</p><p>"
		}
		return
	}
	switch {
	case b.pendingPTag != "":
		b.out.WriteString(b.pendingPTag)
		b.pendingPTag = ""
		b.lastParagraph = "p"
	case b.lastParagraph != "p":
		b.out.WriteString(b.closeParagraph(false) + "<p>")
		b.lastParagraph = "p"
	}
}

func (b *blockLevels) closeParagraph(atEnd bool) string {
	r := ""
	if b.lastParagraph != "" {
		r = "</" + b.lastParagraph + ">"
		if !atEnd {
			r += "\n"
		}
	}
	b.lastParagraph = ""
	return r
}

func (b *blockLevels) openList(c byte) string {
	r := b.closeParagraph(false)
	switch c {
	case '*':
		return r + "<ul><li>"
	case '#':
		return r + "<ol><li>"
	case ':':
		return r + "<dl><dd>"
	case ';':
		b.dtOpen = true
		return r + "<dl><dt>"
	}
	return r + "<!-- ERR 1 -->"
}

func (b *blockLevels) nextItem(c byte) string {
	switch c {
	case '*', '#':
		return "</li>\n<li>"
	case ':', ';':
		closeTag := "</dd>\n"
		if b.dtOpen {
			closeTag = "</dt>\n"
		}
		if c == ';' {
			b.dtOpen = true
			return closeTag + "<dt>"
		}
		b.dtOpen = false
		return closeTag + "<dd>"
	}
	return "<!-- ERR 2 -->"
}

func (b *blockLevels) closeList(c byte) string {
	switch c {
	case '*':
		return "</li></ul>"
	case '#':
		return "</li></ol>"
	case ':':
		if b.dtOpen {
			b.dtOpen = false
			return "</dt></dl>"
		}
		return "</dd></dl>"
	}
	return "<!-- ERR 3 -->"
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func strspn(s, chars string) int {
	i := 0
	for i < len(s) && strings.IndexByte(chars, s[i]) >= 0 {
		i++
	}
	return i
}
