// Package preprocess expands wikitext before parsing: comments,
// <noinclude>/<includeonly>/<onlyinclude>, extension tags (replaced by
// strip markers), templates, template arguments, magic variables and
// parser functions.
//
// Build turns text into a small node tree (MediaWiki's preprocessor DOM);
// a Frame expands the tree with its template arguments.
package preprocess

import "strings"

// Kind is the type of a preprocessor node.
type Kind int

// Node kinds.
const (
	Text     Kind = iota
	Comment       // <!-- … -->, Text holds the source
	Ignore        // noinclude/includeonly tags or content, Text holds the source
	Ext           // extension tag
	Template      // {{…}}
	Arg           // {{{…}}}
	Heading       // == … == at line start
	Equals        // "=" separating a template part's name and value
)

// Node is a preprocessor node.
type Node struct {
	Kind     Kind
	Text     string  // Text, Comment, Ignore, Equals
	Children []*Node // Heading: content
	// Template and Arg.
	Title     []*Node
	Parts     []*Part
	LineStart bool // the {{ started a line
	// Ext.
	Name, Attrs, Close string
	Inner              *string // nil for <tag/>
	// Heading.
	Level, Index int
}

// Part is one |-separated part of a template or argument.
type Part struct {
	Name  []*Node // nil for positional parts
	Value []*Node
	Index int // 1-based position for positional parts, 0 for named
	Out   []*Node
	EqPos int // index of the Equals node in Out, or -1
}

// source writes nodes back as wikitext, for broken syntax and debugging.
func source(nodes []*Node) string {
	var b strings.Builder
	for _, n := range nodes {
		n.writeSource(&b)
	}
	return b.String()
}

func (n *Node) writeSource(b *strings.Builder) {
	switch n.Kind {
	case Text, Comment, Ignore, Equals:
		b.WriteString(n.Text)
	case Heading:
		b.WriteString(source(n.Children))
	case Ext:
		b.WriteString("<" + n.Name + n.Attrs)
		if n.Inner == nil {
			b.WriteString("/>")
			return
		}
		b.WriteString(">" + *n.Inner + n.Close)
	case Template, Arg:
		open, closing := "{{", "}}"
		if n.Kind == Arg {
			open, closing = "{{{", "}}}"
		}
		b.WriteString(open + source(n.Title))
		for _, p := range n.Parts {
			b.WriteString("|" + source(p.Out))
		}
		b.WriteString(closing)
	}
}
