package parser

import (
	"regexp"
	"strings"
)

// Tags whose presence on a line opens or closes a block: a line that has
// one is not wrapped in a paragraph. Each is matched case-insensitively as
// a prefix of the text after a '<', so "p" also matches "<pre".
var (
	blockOpenTags  = newTagSet("table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "p", "ul", "ol", "dl", "li", "dt", "dd", "/tr", "/td", "/th", "/li", "/dt", "/dd")
	blockCloseTags = newTagSet("/table", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "td", "th", "/blockquote", "blockquote", "/div", "div", "hr", "/pre", "/p", "/mw:", "/ul", "/ol", "/dl", "/center", "center", "/figure", "figure")
	preOpenTags    = newTagSet("pre")
	preCloseTags   = newTagSet("/pre")
)

// tagSet is a set of lower-case tag-name prefixes ("p", "/td") indexed by
// their first significant byte (the one after a leading '/').
type tagSet struct {
	open, closing [256][]string
}

func newTagSet(names ...string) *tagSet {
	s := &tagSet{}
	for _, n := range names {
		if n[0] == '/' {
			c := n[1]
			s.closing[c] = append(s.closing[c], n)
			s.closing[c-'a'+'A'] = append(s.closing[c-'a'+'A'], n)
		} else {
			c := n[0]
			s.open[c] = append(s.open[c], n)
			s.open[c-'a'+'A'] = append(s.open[c-'a'+'A'], n)
		}
	}
	return s
}

// matchAt reports whether s (the text after a '<') starts with one of the
// set's names, ignoring ASCII case.
func (ts *tagSet) matchAt(s string) bool {
	var names []string
	switch {
	case s == "":
		return false
	case s[0] == '/':
		if len(s) < 2 {
			return false
		}
		names = ts.closing[s[1]]
	default:
		names = ts.open[s[0]]
	}
	for _, n := range names {
		if hasPrefixFoldASCII(s, n) {
			return true
		}
	}
	return false
}

// The regexps below are the definitions the scanners implement; they are
// used only for lines holding a character that case-folds to ASCII (the
// Kelvin sign and the long s), which the byte scanners do not fold.
var (
	blockOpenRegex  = regexp.MustCompile(`(?i)<table|<h1|<h2|<h3|<h4|<h5|<h6|<pre|<tr|<p|<ul|<ol|<dl|<li|<dt|<dd|</tr|</td|</th|</li|</dt|</dd`)
	blockCloseRegex = regexp.MustCompile(`(?i)</table|</h1|</h2|</h3|</h4|</h5|</h6|<td|<th|</?blockquote|</?div|<hr|</pre|</p|</mw:|` +
		regexp.QuoteMeta(MarkerPrefix) + `-pre|</ul|</ol|</dl|</?center|</?figure`)
	preOpenRegex    = regexp.MustCompile(`(?i)<pre`)
	preCloseRegex   = regexp.MustCompile(`(?i)</pre`)
	blockquoteRegex = regexp.MustCompile(`(?i)<(/?)blockquote[\s>]`)
	styleLineRegex  = regexp.MustCompile(`(?is)^(?:<style\b[^>]*>.*?</style>\s*|<link\b[^>]*>\s*)+$`)
)

// hasFoldTrap reports whether s holds U+212A or U+017F, which (?i) in a
// regexp matches as 'k' and 's'.
func hasFoldTrap(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f")
}

// hasTagPrefix reports whether a '<' in s is followed by one of names,
// ignoring ASCII case.
func hasTagPrefix(s string, names *tagSet) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		if names.matchAt(s) {
			return true
		}
	}
}

// hasPrefixFoldASCII is strings.HasPrefix ignoring ASCII case; prefix is
// lower case.
func hasPrefixFoldASCII(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// lineTags is what block formatting needs to know about the tags of a
// line.
type lineTags struct {
	trap                bool // the line needs the regexps
	preOpen, preClose   bool
	blockOpen, blockEnd bool
}

func scanLineTags(line string) lineTags {
	if strings.IndexByte(line, '<') < 0 && strings.IndexByte(line, 0x7f) < 0 {
		return lineTags{}
	}
	if hasFoldTrap(line) {
		return lineTags{trap: true, preOpen: preOpenRegex.MatchString(line), preClose: preCloseRegex.MatchString(line)}
	}
	return lineTags{preOpen: hasTagPrefix(line, preOpenTags), preClose: hasTagPrefix(line, preCloseTags)}
}

// blockMatches reports whether t (the line without its list prefix) opens
// or closes a block.
func blockMatches(t string, trap bool) (open, closed bool) {
	if trap {
		return blockOpenRegex.MatchString(t), blockCloseRegex.MatchString(t)
	}
	if strings.IndexByte(t, '<') < 0 && strings.IndexByte(t, 0x7f) < 0 {
		return false, false
	}
	open = hasTagPrefix(t, blockOpenTags)
	closed = hasTagPrefix(t, blockCloseTags) || containsFoldASCII(t, preMarker)
	return open, closed
}

// preMarker starts the strip marker of a <pre> extension tag.
var preMarker = strings.ToLower(MarkerPrefix) + "-pre"

// containsFoldASCII reports whether s contains sub (lower case), ignoring
// ASCII case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		i0 := strings.IndexByte(s[i:], sub[0])
		if i0 < 0 {
			return false
		}
		i += i0
		if hasPrefixFoldASCII(s[i:], sub) {
			return true
		}
	}
	return false
}

// lastBlockquote reports whether t has a <blockquote> or </blockquote>
// tag (followed by a blank or '>') and whether the last one opens.
func lastBlockquote(t string, trap bool) (found, opens bool) {
	if trap {
		ms := blockquoteRegex.FindAllStringSubmatch(t, -1)
		if len(ms) == 0 {
			return false, false
		}
		return true, ms[len(ms)-1][1] == ""
	}
	for {
		i := strings.IndexByte(t, '<')
		if i < 0 {
			return found, opens
		}
		t = t[i+1:]
		closing := strings.HasPrefix(t, "/")
		r := t
		if closing {
			r = t[1:]
		}
		if hasPrefixFoldASCII(r, "blockquote") && len(r) > 10 && (isRegexSpace(r[10]) || r[10] == '>') {
			found, opens = true, !closing
			t = r[11:]
		}
	}
}

// isStyleLine reports whether t holds only <style> elements and <link>
// tags, which do not start a paragraph.
func isStyleLine(t string) bool {
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	if !hasFoldTrap(t) && !hasPrefixFoldASCII(t[1:], "style") && !hasPrefixFoldASCII(t[1:], "link") {
		return false
	}
	return styleLineRegex.MatchString(t)
}

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
	b.out.Grow(len(text) + len(text)/8)
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
	tags := scanLineTags(line)
	preClose, preOpen := tags.preClose, tags.preOpen
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
		t = b.paragraph(t, preOpen, preClose, tags.trap)
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
func (b *blockLevels) paragraph(t string, preOpen, preClose, trap bool) string {
	openMatch, closeMatch := blockMatches(t, trap)
	switch {
	case openMatch || closeMatch:
		b.pendingPTag = ""
		b.out.WriteString(b.closeParagraph(false))
		if preOpen && !preClose {
			b.inPre = true
		}
		if found, opens := lastBlockquote(t, trap); found {
			b.inBlockquote = opens
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
	case isStyleLine(t):
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
