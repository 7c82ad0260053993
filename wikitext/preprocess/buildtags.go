package preprocess

import (
	"regexp"
	"strings"
)

// lineEnd closes an open heading piece at a line break (or the end).
func (b *builder) lineEnd() {
	p := b.top()
	part := p.current()
	ws := 0
	for b.i-ws-1 >= 0 && (b.text[b.i-ws-1] == ' ' || b.text[b.i-ws-1] == '\t') {
		ws++
	}
	searchStart := b.i - ws
	if p.commentEnd >= 0 && searchStart-1 == p.commentEnd {
		searchStart = p.visualEnd
		for searchStart > 0 && (b.text[searchStart-1] == ' ' || b.text[searchStart-1] == '\t') {
			searchStart--
		}
	}
	eqLen := 0
	for searchStart-eqLen-1 >= 0 && b.text[searchStart-eqLen-1] == '=' {
		eqLen++
	}
	count := 0
	if eqLen > 0 {
		if searchStart-eqLen == p.startPos {
			count = eqLen
			if count < 3 {
				count = 0
			} else {
				count = min(6, (count-1)/2)
			}
		} else {
			count = min(eqLen, p.count)
		}
	}
	b.stack = b.stack[:len(b.stack)-1]
	if count > 0 {
		b.add(&Node{Kind: Heading, Level: count, Index: b.headingIndex, Children: part.Out})
		b.headingIndex++
		return
	}
	*b.accum() = appendNodes(*b.accum(), part.Out)
}

var closeTagCache = map[string]*regexp.Regexp{}

// angle handles '<': comments, extension tags and include tags.
func (b *builder) angle() {
	if b.enableOnly && strings.HasPrefix(b.text[b.i:], "</onlyinclude>") {
		b.findOnly = true
		return
	}
	m := b.elements.FindStringSubmatch(b.text[b.i+1:])
	if m == nil {
		b.addText("<")
		b.i++
		return
	}
	if m[1] == "" {
		b.comment()
		return
	}
	b.tag(m[1])
}

// comment handles "<!--". A comment alone on a line (spaces aside) takes
// the line's trailing newline with it.
func (b *builder) comment() {
	i := b.i
	end := strings.Index(b.text[i+4:], "-->")
	if end < 0 {
		b.add(&Node{Kind: Comment, Text: b.text[i:]})
		b.i = len(b.text)
		return
	}
	endPos := i + 4 + end // index of "-->"
	wsStart := i
	for wsStart > 0 && (b.text[wsStart-1] == ' ' || b.text[wsStart-1] == '\t') {
		wsStart--
	}
	wsEnd := endPos + 2 + spaces(b.text, endPos+3)
	comments := [][2]int{{wsStart, wsEnd}}
	for strings.HasPrefix(b.text[min(wsEnd+1, len(b.text)):], "<!--") {
		c := strings.Index(b.text[wsEnd+4:], "-->")
		if c < 0 {
			break
		}
		c = wsEnd + 4 + c
		c = c + 2 + spaces(b.text, c+3)
		comments = append(comments, [2]int{wsEnd + 1, c})
		wsEnd = c
	}
	startPos := i
	if wsStart > 0 && b.text[wsStart-1] == '\n' && wsEnd+1 < len(b.text) && b.text[wsEnd+1] == '\n' {
		b.trimAccum(i - wsStart)
		for _, com := range comments[:len(comments)-1] {
			b.add(&Node{Kind: Comment, Text: b.text[com[0] : com[1]+1]})
		}
		last := comments[len(comments)-1]
		startPos, endPos = last[0], last[1]+1
		b.fakeLine = true
	} else {
		endPos += 2
	}
	if p := b.top(); p != nil {
		if p.commentEnd < 0 || p.commentEnd != wsStart-1 {
			p.visualEnd = wsStart
		}
		p.commentEnd = endPos
	}
	b.i = endPos + 1
	b.add(&Node{Kind: Comment, Text: b.text[startPos:min(endPos+1, len(b.text))]})
}

func spaces(s string, from int) int {
	n := 0
	for from+n < len(s) && (s[from+n] == ' ' || s[from+n] == '\t') {
		n++
	}
	return n
}

// trimAccum removes n trailing spaces or tabs from the last text node.
func (b *builder) trimAccum(n int) {
	acc := b.accum()
	l := len(*acc)
	if n == 0 || l == 0 || (*acc)[l-1].Kind != Text {
		return
	}
	t := (*acc)[l-1].Text
	if len(t) >= n && strings.Trim(t[len(t)-n:], " \t") == "" {
		(*acc)[l-1] = &Node{Kind: Text, Text: t[:len(t)-n]}
	}
}

// tag handles an extension or include tag named name at b.i.
func (b *builder) tag(name string) {
	lower := strings.ToLower(name)
	attrStart := b.i + len(name) + 1
	tagEnd := -1
	if !b.noMoreGT {
		if j := strings.IndexByte(b.text[attrStart:], '>'); j >= 0 {
			tagEnd = attrStart + j
		}
	}
	if tagEnd < 0 {
		b.noMoreGT = true
		b.addText("<")
		b.i++
		return
	}
	if b.ignoredTags[lower] {
		b.add(&Node{Kind: Ignore, Text: b.text[b.i : tagEnd+1]})
		b.i = tagEnd + 1
		return
	}
	start := b.i
	n := &Node{Kind: Ext, Name: name}
	attrEnd := tagEnd
	if b.text[tagEnd-1] == '/' {
		attrEnd = tagEnd - 1
		b.i = tagEnd + 1
	} else if !b.findClose(n, name, lower, tagEnd, start) {
		return
	}
	if b.ignoredElems[lower] {
		b.add(&Node{Kind: Ignore, Text: b.text[start:b.i]})
		return
	}
	if attrEnd > attrStart {
		n.Attrs = b.text[attrStart:attrEnd]
	}
	b.add(n)
}

// findClose finds the closing tag of an element and fills n. It returns
// false when the opening tag was output as text instead.
func (b *builder) findClose(n *Node, name, lower string, tagEnd, start int) bool {
	if !b.noMoreClose[lower] {
		re := closeTagRegex(lower)
		if m := re.FindStringIndex(b.text[tagEnd+1:]); m != nil {
			inner := b.text[tagEnd+1 : tagEnd+1+m[0]]
			n.Inner = &inner
			n.Close = b.text[tagEnd+1+m[0] : tagEnd+1+m[1]]
			b.i = tagEnd + 1 + m[1]
			return true
		}
	}
	switch lower {
	case "includeonly", "noinclude", "onlyinclude":
		inner := b.text[tagEnd+1:]
		n.Inner = &inner
		b.i = len(b.text)
		return true
	}
	b.i = tagEnd + 1
	b.addText(b.text[start : tagEnd+1])
	b.noMoreClose[lower] = true
	return false
}

var closeTagMu = make(chan struct{}, 1)

func closeTagRegex(name string) *regexp.Regexp {
	closeTagMu <- struct{}{}
	defer func() { <-closeTagMu }()
	re, ok := closeTagCache[name]
	if !ok {
		re = regexp.MustCompile(`(?i)</` + regexp.QuoteMeta(name) + `\s*>`)
		closeTagCache[name] = re
	}
	return re
}
