package html

import "strings"

// tnode is a node of the tidy tree. Text nodes have an empty name.
type tnode struct {
	name     string
	tag      string // start tag as written, or the text
	children []*tnode
	parent   *tnode
	bits     elemBits  // what the tidier needs to know about the element
	pwrap    bool      // a paragraph added around inline content
	nonblank int       // non-blank children of a pwrap
	kids     [2]*tnode // first children, without a separate allocation
}

// kidSlab is how many child pointers the tidier allocates at once.
const kidSlab = 512

// nodeSlab is how many nodes the tidier allocates at once.
const nodeSlab = 128

// newNode returns a node from the tidier's current slab.
func (t *tidier) newNode(name, tag string, bits elemBits) *tnode {
	if len(t.slab) == 0 {
		t.slab = t.nextNodeSlab()
	}
	n := &t.slab[0]
	t.slab = t.slab[1:]
	n.name, n.tag, n.bits = name, tag, bits
	if name != "" {
		n.children = n.kids[:0:len(n.kids)]
	}
	return n
}

var phrasingSet = words(`a abbr b bdi bdo big br cite code data del dfn em font i img ins kbd
	mark q rb rp rt rtc ruby s samp small span strike strong sub sup time tt u var wbr
	meta link audio video`)

var fosterParentsSet = words("table tbody thead tfoot tr")

var emptyMarkedSet = words("p li tr")

func (t *tidier) currentNode() *tnode {
	if len(t.stack) == 0 {
		return t.root
	}
	return t.stack[len(t.stack)-1]
}

func (t *tidier) appendChild(n, c *tnode) {
	c.parent = n
	if len(n.children) == cap(n.children) && len(n.children) < kidSlab/4 {
		// Grow from the tidier's slab instead of the heap.
		if len(t.kids) < 2*len(n.children)+4 {
			t.kids = t.nextKidSlab()
		}
		m := 2*len(n.children) + 4
		grown := t.kids[:len(n.children):m]
		t.kids = t.kids[m:]
		copy(grown, n.children)
		n.children = grown
	}
	n.children = append(n.children, c)
	if n.pwrap && !c.blank() {
		n.nonblank++
	}
}

func (n *tnode) blank() bool {
	return n.name == "" && strings.Trim(n.tag, " \t\n\r\f") == ""
}

// insertRaw adds text that is neither wrapped nor fostered (comments,
// script content).
func (t *tidier) insertRaw(s string) {
	t.appendChild(t.currentNode(), t.newNode("", s, 0))
}

// insertText adds text, wrapping non-blank top-level text in a paragraph
// and moving text that sits directly in a table before the table.
func (t *tidier) insertText(s string) {
	if s == "" {
		return
	}
	n := t.newNode("", s, 0)
	cur := t.currentNode()
	if cur.bits&fosterParents != 0 && !n.blank() {
		t.foster(n)
		return
	}
	if (cur == t.root || cur.name == "blockquote") && !n.blank() {
		cur = t.openPWrap()
	}
	t.appendChild(cur, n)
}

// insertElement adds an element and pushes it on the stack.
func (t *tidier) insertElement(name, tag string) {
	n := t.newNode(name, tag, bitsOf(name))
	cur := t.currentNode()
	switch {
	case cur.bits&fosterParents != 0 && n.bits&tableContent == 0:
		t.foster(n)
	case (cur == t.root || cur.name == "blockquote") && n.bits&phrasing != 0:
		t.appendChild(t.openPWrap(), n)
	case n.bits&phrasing == 0:
		cur = t.breakPWrap()
		t.appendChild(cur, n)
	default:
		t.appendChild(cur, n)
	}
	t.stack = append(t.stack, n)
	t.open[name]++
}

var tableContentSet = words("caption colgroup col tbody thead tfoot tr td th table script style template")

// openPWrap starts a paragraph wrapper at the top level.
func (t *tidier) openPWrap() *tnode {
	p := t.newNode("p", "<p>", pBits)
	p.pwrap = true
	t.appendChild(t.currentNode(), p)
	t.stack = append(t.stack, p)
	t.open["p"]++
	return p
}

// breakPWrap ends an open paragraph wrapper before a block element. When
// the block sits inside inline elements of the wrapper, those elements
// move out of the paragraph.
func (t *tidier) breakPWrap() *tnode {
	if t.open["p"] == 0 {
		return t.currentNode()
	}
	for i := len(t.stack) - 1; i >= 0; i-- {
		p := t.stack[i]
		if !p.pwrap {
			continue
		}
		if i == len(t.stack)-1 {
			t.pop()
			return t.currentNode()
		}
		inline := t.stack[i+1]
		p.children = p.children[:len(p.children)-1]
		if !inline.blank() {
			p.nonblank--
		}
		t.appendChild(p.parent, inline)
		t.stack = append(t.stack[:i], t.stack[i+1:]...)
		t.open["p"]--
		return t.currentNode()
	}
	return t.currentNode()
}

// foster inserts n before the innermost open table.
func (t *tidier) foster(n *tnode) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i].name != "table" {
			continue
		}
		table := t.stack[i]
		parent := table.parent
		for j, c := range parent.children {
			if c == table {
				n.parent = parent
				parent.children = append(parent.children[:j], append([]*tnode{n}, parent.children[j:]...)...)
				if parent.pwrap && !n.blank() {
					parent.nonblank++
				}
				return
			}
		}
	}
	t.appendChild(t.currentNode(), n)
}

func (n *tnode) serializeChildren(b *strings.Builder) {
	for _, c := range n.children {
		c.serialize(b)
	}
}

func (n *tnode) serialize(b *strings.Builder) {
	switch {
	case n.name == "":
		b.WriteString(n.tag)
	case n.pwrap && n.nonblank == 0:
		n.serializeChildren(b)
	case n.bits&voidElements != 0:
		b.WriteString(n.tag)
	default:
		tag := n.tag
		if n.bits&emptyMarked != 0 && len(tag) == len(n.name)+2 && tag[1:len(tag)-1] == n.name && n.blankContent() {
			tag = "<" + n.name + ` class="mw-empty-elt">`
		}
		b.WriteString(tag)
		n.serializeChildren(b)
		b.WriteString("</")
		b.WriteString(n.name)
		b.WriteByte('>')
	}
}

// blankContent reports whether the element serializes to whitespace only.
func (n *tnode) blankContent() bool {
	for _, c := range n.children {
		switch {
		case c.name == "" && c.blank():
		case c.pwrap && c.nonblank == 0 && c.blankContent():
		default:
			return false
		}
	}
	return true
}
