package preprocess

// openBrace handles '{' and '['.
func (b *builder) openBrace(c byte) {
	count := 0
	for b.i+count < len(b.text) && b.text[b.i+count] == c {
		count++
	}
	if count >= 2 {
		closeChar := byte('}')
		if c == '[' {
			closeChar = ']'
		}
		b.stack = append(b.stack, &piece{open: c, close: closeChar, count: count, srcStart: b.i,
			parts:      []*Part{{EqPos: -1}},
			lineStart:  b.i > 0 && b.text[b.i-1] == '\n',
			commentEnd: -1})
	} else {
		b.addText(string(c))
	}
	b.i += count
}

// closeBrace handles '}' or ']' matching the open piece.
func (b *builder) closeBrace() {
	p := b.top()
	c := b.text[b.i]
	count := 0
	for count < p.count && b.i+count < len(b.text) && b.text[b.i+count] == c {
		count++
	}
	matching := count
	if p.open == '[' {
		if matching > 2 {
			matching = 2
		}
		if matching < 2 {
			matching = 0
		}
	} else if matching > 3 {
		matching = 3
	} else if matching < 2 {
		matching = 0
	}
	if matching <= 0 {
		b.addText(b.text[b.i : b.i+count])
		b.i += count
		return
	}
	var elem []*Node
	switch {
	case p.open == '[' && matching == p.count && p.plainText():
		// A link: its nodes would join to its source text, so one text
		// node stands for them.
		b.i += matching
		b.stack = b.stack[:len(b.stack)-1]
		b.addText(b.text[p.srcStart:b.i])
		return
	case p.open == '[':
		elem = append(p.breakSyntax(matching), &Node{Kind: Text, Text: b.text[b.i : b.i+matching]})
	default:
		elem = []*Node{b.braceNode(p, matching)}
	}
	b.i += matching
	b.stack = b.stack[:len(b.stack)-1]
	if matching < p.count {
		p.parts = []*Part{{EqPos: -1}}
		p.count -= matching
		if p.count >= 2 {
			b.stack = append(b.stack, p)
		} else {
			b.addText(string(p.open))
		}
	}
	*b.accum() = appendNodes(*b.accum(), elem)
}

// braceNode builds a Template (2 braces) or Arg (3 braces) node.
func (b *builder) braceNode(p *piece, matching int) *Node {
	n := &Node{Kind: Template, Title: p.parts[0].Out}
	if matching == 3 {
		n.Kind = Arg
	}
	n.LineStart = p.count == matching && p.lineStart
	idx := 1
	for _, part := range p.parts[1:] {
		if part.EqPos >= 0 {
			part.Name = part.Out[:part.EqPos]
			part.Value = part.Out[part.EqPos+1:]
		} else {
			part.Value = part.Out
			part.Index = idx
			idx++
		}
		n.Parts = append(n.Parts, part)
	}
	return n
}
