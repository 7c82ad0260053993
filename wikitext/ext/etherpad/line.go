package etherpad

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// text adds the text of a text node to the current line, escaped.
func (c *converter) text(s string) {
	s = cleanText(s)
	if s == "" {
		return
	}
	if c.cur.Len() == 0 {
		// Leading spaces would make a preformatted line.
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return
		}
	}
	if strings.TrimSpace(s) == "" {
		// Spaces alone open no bold or italic markup.
		c.cur.WriteString(s)
		return
	}
	c.openFormats()
	c.cur.WriteString(escapeText(s, c.inLink > 0))
}

// openFormats writes the opening markup of formats not yet open on this
// line.
func (c *converter) openFormats() {
	for _, f := range c.formats {
		if !f.emitted {
			c.cur.WriteString(f.open)
			f.emitted = true
		}
	}
}

// cleanText turns line breaks and tabs into spaces and drops control
// characters, which wikitext uses internally.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r == '\uFFFD':
			return -1
		}
		return r
	}, s)
}

// markupRun matches text that wikitext would read as markup anywhere in
// a line.
var markupRun = regexp.MustCompile(`\[\[+|\]\]+|\{\{+|\}\}+|''+|~{3,}|__[A-Za-z]+__`)

// entityStart matches an ampersand that could start a character reference.
var entityStart = regexp.MustCompile(`&([A-Za-z0-9#])`)

// escapeText escapes text for wikitext: HTML-significant characters as
// entities, markup runs in <nowiki>, and apostrophes at the edges, which
// could join the apostrophes of bold or italic markup around them.
func escapeText(s string, inLink bool) string {
	s = entityStart.ReplaceAllString(s, "&amp;$1")
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = strings.ReplaceAll(s, ">", "&gt;")
	if inLink {
		s = strings.ReplaceAll(s, "]", "&#93;")
	}
	s = markupRun.ReplaceAllString(s, "<nowiki>$0</nowiki>")
	// A single [ could open an external link.
	s = fixNowikiBrackets(strings.ReplaceAll(s, "[", "&#91;"))
	if strings.HasPrefix(s, "'") {
		s = "&#39;" + s[1:]
	}
	if strings.HasSuffix(s, "'") {
		s = s[:len(s)-1] + "&#39;"
	}
	return s
}

// fixNowikiBrackets undoes the entity escaping of [ inside <nowiki>, where
// entities are shown literally.
func fixNowikiBrackets(s string) string {
	if !strings.Contains(s, "<nowiki>") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "<nowiki>")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "</nowiki>")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(strings.ReplaceAll(s[i:i+j], "&#91;", "["))
		s = s[i+j:]
		b.WriteString("</nowiki>")
		s = s[len("</nowiki>"):]
	}
}

// link converts <a href>; links other than http, https, ftp and mailto
// keep only their text.
func (c *converter) link(n *html.Node, depth int) {
	href := ""
	for _, a := range n.Attr {
		if a.Key == "href" {
			href = linkTarget(a.Val)
		}
	}
	if href == "" {
		c.children(n, depth)
		return
	}
	c.openFormats()
	start, line := c.cur.Len(), c.lineNo
	c.inLink++
	c.children(n, depth)
	c.inLink--
	if c.lineNo != line || c.cur.Len() < start {
		return // the link text held a line break; keep its text only
	}
	text := strings.TrimSpace(c.cur.String()[start:])
	rest := c.cur.String()[:start]
	c.cur.Reset()
	c.cur.WriteString(rest)
	if text == "" {
		c.cur.WriteString("[" + href + "]")
		return
	}
	c.cur.WriteString("[" + href + " " + text + "]")
}

// linkTarget returns the URL to write in an external link, or "" when it
// is not an allowed one.
func linkTarget(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" && u.Scheme != "mailto" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp", "mailto":
	default:
		return ""
	}
	s := u.String()
	// Characters that would end the link or start markup.
	return strings.NewReplacer(" ", "%20", "[", "%5B", "]", "%5D", "<", "%3C", ">", "%3E", `"`, "%22",
		"'", "%27", "{", "%7B", "}", "%7D", "|", "%7C", "~", "%7E").Replace(s)
}

// lineStart matches line starts that wikitext reads as block markup.
var lineStart = regexp.MustCompile(`^([*#:;=]|----|\{\|)`)

// flush ends the current line.
func (c *converter) flush() {
	c.lineNo++
	for i := len(c.formats) - 1; i >= 0; i-- {
		if f := c.formats[i]; f.emitted {
			c.cur.WriteString(f.close)
			f.emitted = false
		}
	}
	text := strings.Trim(c.cur.String(), " ")
	c.cur.Reset()
	if strings.TrimSpace(text) == "" {
		return
	}
	if lineStart.MatchString(text) {
		text = "<nowiki/>" + text
	}
	switch {
	case c.heading > 0:
		if strings.HasSuffix(text, "=") {
			text += "<nowiki/>"
		}
		eq := strings.Repeat("=", c.heading)
		c.emit(eq+" "+text+" "+eq, kindHeading)
	case len(c.lists) > 0:
		c.emit(string(c.lists)+" "+text, kindList)
	default:
		c.emit(text, kindPara)
	}
}

// emit writes a finished line, with a blank line before it unless it
// continues a list.
func (c *converter) emit(line string, kind int) {
	if c.started {
		c.out.WriteString("\n")
		if !(kind == kindList && c.lastKind == kindList) {
			c.out.WriteString("\n")
		}
	}
	c.out.WriteString(line)
	c.started, c.lastKind = true, kind
}
