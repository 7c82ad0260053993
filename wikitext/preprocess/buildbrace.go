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
		b.stack = append(b.stack, b.newPiece(c, closeChar, count))
	} else {
		b.addText(string(c))
	}
	b.i += count
}

// newPiece returns a piece for an opening run of braces or brackets at
// b.i, reusing the piece of a link that ended as plain text.
func (b *builder) newPiece(c, closeChar byte, count int) *piece {
	lineStart := b.i > 0 && b.text[b.i-1] == '\n'
	if n := len(b.freeLinks); n > 0 {
		p := b.freeLinks[n-1]
		b.freeLinks = b.freeLinks[:n-1]
		part := p.parts[0]
		*part = Part{EqPos: -1, Out: part.Out[:0]}
		*p = piece{open: c, close: closeChar, count: count, srcStart: b.i, parts: p.parts[:1],
			lineStart: lineStart, commentEnd: -1}
		return p
	}
	return &piece{open: c, close: closeChar, count: count, srcStart: b.i,
		parts: []*Part{{EqPos: -1}}, lineStart: lineStart, commentEnd: -1}
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
		if len(p.parts) == 1 {
			b.freeLinks = append(b.freeLinks, p)
		}
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
