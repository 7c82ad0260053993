// Package etherpad converts the HTML export of an Etherpad pad
// (<pad URL>/export/html) to wikitext, without external tools.
//
// Headings h1…h6 become == … == to ======= … ======= (one level down, as
// the page title is the wiki's h1); bold, italic, underline, strike,
// code, sup and sub keep their meaning; Etherpad's bullet, numbered and
// indent lists, nested or not, become *, # and : lines; links become
// [url text]; every pad line becomes its own paragraph. Text that wikitext
// would read as markup ([[, {{, ”, ~~~, __, list or heading signs at the
// start of a line…) is escaped, so the page shows what the pad showed.
package etherpad

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds how deep elements are followed; deeper markup keeps
// only its text.
const maxDepth = 200

// Convert reads an Etherpad HTML export and returns its wikitext.
func Convert(r io.Reader) (string, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", fmt.Errorf("parse pad HTML: %w", err)
	}
	c := &converter{}
	body := find(doc, atom.Body)
	if body == nil {
		body = doc
	}
	c.children(body, 0)
	c.flush()
	return c.String(), nil
}

// ConvertString converts an export held in a string.
func ConvertString(s string) (string, error) { return Convert(strings.NewReader(s)) }

// find returns the first element a in the tree, or nil.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if f := find(ch, a); f != nil {
			return f
		}
	}
	return nil
}

// line kinds, which decide the blank lines between output lines.
const (
	kindPara = iota
	kindList
	kindHeading
	kindRule
)

// format is an open inline format such as bold.
type format struct {
	open, close string
	emitted     bool // opened on the current line
}

// converter walks the tree and collects output lines.
type converter struct {
	out      strings.Builder
	lastKind int
	started  bool

	cur     strings.Builder // the current line's inline text
	lists   []byte          // list markers of the enclosing lists
	heading int             // heading level of the current line, 0 for none
	formats []*format
	inLink  int
	lineNo  int // incremented by every flush, to notice breaks inside links
}

// String returns the wikitext collected so far.
func (c *converter) String() string { return c.out.String() }

// children converts the children of n.
func (c *converter) children(n *html.Node, depth int) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch, depth+1)
	}
}

// node converts one node.
func (c *converter) node(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		c.text(n.Data)
		return
	case html.ElementNode:
	default:
		if n.Type == html.DocumentNode {
			c.children(n, depth)
		}
		return
	}
	if depth > maxDepth {
		c.text(textOf(n))
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Iframe, atom.Object:
		return
	case atom.Br:
		c.flush()
	case atom.Hr:
		c.flush()
		c.emit("----", kindRule)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.headingNode(n, depth)
	case atom.Ul, atom.Ol:
		c.listNode(n, depth)
	case atom.Li:
		c.flush()
		c.children(n, depth)
		c.flush()
	case atom.A:
		c.link(n, depth)
	case atom.P, atom.Div, atom.Blockquote, atom.Pre, atom.Tr, atom.Table, atom.Dl, atom.Dt, atom.Dd:
		c.flush()
		c.children(n, depth)
		c.flush()
	case atom.Td, atom.Th:
		c.children(n, depth)
		c.text(" ")
	default:
		c.inline(n, depth)
	}
}

// inlineMarkup maps formatting elements to wikitext.
var inlineMarkup = map[atom.Atom][2]string{
	atom.B: {"'''", "'''"}, atom.Strong: {"'''", "'''"},
	atom.I: {"''", "''"}, atom.Em: {"''", "''"},
	atom.U: {"<u>", "</u>"}, atom.Ins: {"<u>", "</u>"},
	atom.S: {"<s>", "</s>"}, atom.Del: {"<s>", "</s>"}, atom.Strike: {"<s>", "</s>"},
	atom.Code: {"<code>", "</code>"}, atom.Tt: {"<code>", "</code>"},
	atom.Sup: {"<sup>", "</sup>"}, atom.Sub: {"<sub>", "</sub>"},
}

// inline converts a formatting element, or the text of any other one.
func (c *converter) inline(n *html.Node, depth int) {
	m, ok := inlineMarkup[n.DataAtom]
	if !ok || c.hasFormat(m[0]) {
		c.children(n, depth)
		return
	}
	f := &format{open: m[0], close: m[1]}
	c.formats = append(c.formats, f)
	c.children(n, depth)
	c.formats = c.formats[:len(c.formats)-1]
	if f.emitted {
		c.cur.WriteString(f.close)
	}
}

// hasFormat tells whether a format is already open, so that <b><b>x</b></b>
// does not toggle bold off.
func (c *converter) hasFormat(open string) bool {
	for _, f := range c.formats {
		if f.open == open {
			return true
		}
	}
	return false
}

// headingNode converts h1…h6 to a heading one level lower.
func (c *converter) headingNode(n *html.Node, depth int) {
	c.flush()
	level := int(n.Data[1]-'0') + 1
	if level > 6 {
		level = 6
	}
	saved := c.lists
	c.lists, c.heading = nil, level
	c.children(n, depth)
	c.flush()
	c.lists, c.heading = saved, 0
}

// listNode converts ul and ol; Etherpad marks indented text as
// <ul class="indent">.
func (c *converter) listNode(n *html.Node, depth int) {
	c.flush()
	marker := byte('*')
	if n.DataAtom == atom.Ol {
		marker = '#'
	}
	if hasClass(n, "indent") {
		marker = ':'
	}
	c.lists = append(c.lists, marker)
	c.children(n, depth)
	c.flush()
	c.lists = c.lists[:len(c.lists)-1]
}

// hasClass tells whether n has the class name.
func hasClass(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, f := range strings.Fields(a.Val) {
				if f == name {
					return true
				}
			}
		}
	}
	return false
}

// textOf returns the text content of n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(textOf(ch))
	}
	return b.String()
}
