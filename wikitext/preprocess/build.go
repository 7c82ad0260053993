package preprocess

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// piece is an open construct on the builder's stack: braces, brackets or
// a heading.
type piece struct {
	open       byte // '{', '[' or '\n'
	close      byte
	count      int
	parts      []*Part
	lineStart  bool
	startPos   int
	commentEnd int
	visualEnd  int
	srcStart   int // where a brace piece's opening run starts in the text
}

// plainText reports whether every part of p holds only text, so that the
// piece, when it breaks, is its source text unchanged.
func (p *piece) plainText() bool {
	for _, part := range p.parts {
		for _, n := range part.Out {
			if n.Kind != Text && n.Kind != Equals {
				return false
			}
		}
	}
	return true
}

func (p *piece) current() *Part { return p.parts[len(p.parts)-1] }

// breakSyntax returns the nodes for an unclosed piece: its opening
// characters as text, then its parts separated by '|'.
func (p *piece) breakSyntax(count int) []*Node {
	if p.open == '\n' {
		return p.parts[0].Out
	}
	out := []*Node{{Kind: Text, Text: strings.Repeat(string(p.open), count)}}
	for i, part := range p.parts {
		if i > 0 {
			out = append(out, &Node{Kind: Text, Text: "|"})
		}
		out = append(out, part.Out...)
	}
	return out
}

// builder holds the state of one Build call.
type builder struct {
	text         string
	i            int
	stack        []*piece
	root         []*Node
	headingIndex int
	forInclusion bool
	elements     *regexp.Regexp
	textSlab     []Node // text nodes not handed out yet
	arena        *nodeArena
	freeLinks    []*piece // pieces of plain links, for reuse
	ignoredTags  map[string]bool
	ignoredElems map[string]bool
	noMoreGT     bool
	noMoreClose  map[string]bool
	fakeLine     bool
	findOnly     bool
	enableOnly   bool
}

// Build parses text into preprocessor nodes. tags lists the extension tag
// names; forInclusion selects transclusion mode (noinclude content
// dropped, includeonly kept, onlyinclude honoured).
func Build(text string, tags []string, forInclusion bool) []*Node {
	return build(text, tags, forInclusion, nil)
}

// build is Build taking text nodes from arena (nil: the heap).
func build(text string, tags []string, forInclusion bool, arena *nodeArena) []*Node {
	b := &builder{text: text, headingIndex: 1, forInclusion: forInclusion,
		noMoreClose: map[string]bool{}, fakeLine: true, arena: arena}
	b.setup(tags)
	b.run()
	for _, p := range b.stack {
		b.root = appendNodes(b.root, p.breakSyntax(p.count))
	}
	return b.root
}

// Tags the builder ignores or drops, by whether the text is transcluded.
var (
	ignoredTagsIncluded  = map[string]bool{"includeonly": true, "/includeonly": true}
	ignoredElemsIncluded = map[string]bool{"noinclude": true}
	ignoredTagsPage      = map[string]bool{"noinclude": true, "/noinclude": true, "onlyinclude": true, "/onlyinclude": true}
	ignoredElemsPage     = map[string]bool{"includeonly": true}
)

// setupKey names a tag set and mode in setupCache.
type setupKey struct {
	tags         string // the tag names joined by NUL
	forInclusion bool
}

// setupCache holds the element pattern of each tag set and mode: a
// parser has one tag set, and Build runs for every page, template and
// extension tag content.
var setupCache sync.Map // setupKey → *regexp.Regexp

func (b *builder) setup(tags []string) {
	if b.forInclusion {
		b.ignoredTags, b.ignoredElems = ignoredTagsIncluded, ignoredElemsIncluded
		b.enableOnly = strings.Contains(b.text, "<onlyinclude>") && strings.Contains(b.text, "</onlyinclude>")
		b.findOnly = b.enableOnly
	} else {
		b.ignoredTags, b.ignoredElems = ignoredTagsPage, ignoredElemsPage
	}
	key := setupKey{strings.Join(tags, "\x00"), b.forInclusion}
	if re, ok := setupCache.Load(key); ok {
		b.elements = re.(*regexp.Regexp)
		return
	}
	elems := append([]string(nil), tags...)
	if b.forInclusion {
		elems = append(elems, "noinclude")
	} else {
		elems = append(elems, "includeonly")
	}
	for t := range b.ignoredTags {
		elems = append(elems, t)
	}
	// Longer names first so that a name never shadows a longer one; ties
	// in name order, so that equal sets give the same pattern.
	sort.Slice(elems, func(i, j int) bool {
		if len(elems[i]) != len(elems[j]) {
			return len(elems[i]) > len(elems[j])
		}
		return elems[i] < elems[j]
	})
	q := make([]string, len(elems))
	for i, e := range elems {
		q[i] = regexp.QuoteMeta(e)
	}
	b.elements = elementsRegex(`(?i)^(?:(` + strings.Join(q, "|") + `)(?:\s|/>|>)|!--)`)
	setupCache.Store(key, b.elements)
}

// elementsCache holds the compiled element patterns by source: a parser
// has one tag set, so compiling once per pattern instead of once per
// page and template saves most of a small parse.
var elementsCache sync.Map // pattern → *regexp.Regexp

func elementsRegex(pattern string) *regexp.Regexp {
	if re, ok := elementsCache.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(pattern)
	elementsCache.Store(pattern, re)
	return re
}

func (b *builder) top() *piece {
	if len(b.stack) == 0 {
		return nil
	}
	return b.stack[len(b.stack)-1]
}

// accum returns the node list new nodes go to.
func (b *builder) accum() *[]*Node {
	if p := b.top(); p != nil {
		return &p.current().Out
	}
	return &b.root
}

func (b *builder) add(n *Node) { *b.accum() = append(*b.accum(), n) }

// addText appends a text node. Adjacent text nodes are not merged:
// merging would make building quadratic on long inputs.
func (b *builder) addText(s string) {
	if s == "" {
		return
	}
	var n *Node
	if b.arena != nil {
		n = b.arena.node()
	} else {
		if len(b.textSlab) == 0 {
			b.textSlab = make([]Node, textSlab)
		}
		n = &b.textSlab[0]
		b.textSlab = b.textSlab[1:]
	}
	n.Kind, n.Text = Text, s
	acc := b.accum()
	*acc = append(*acc, n)
}

// textSlab is how many text nodes the builder allocates at once.
const textSlab = 32

func appendNodes(dst, src []*Node) []*Node { return append(dst, src...) }

// flags derived from the stack top.
func (b *builder) flags() (findPipe, findEquals, inHeading bool) {
	p := b.top()
	if p == nil {
		return false, false, false
	}
	findPipe = p.open != '\n' && p.open != '['
	findEquals = findPipe && len(p.parts) > 1 && p.current().EqPos < 0
	return findPipe, findEquals, p.open == '\n'
}

// run is the main scanning loop. It is long because it is one state
// machine, mirroring MediaWiki's preprocessor.
func (b *builder) run() {
	for {
		if b.findOnly && !b.skipToOnlyinclude() {
			return
		}
		if b.fakeLine {
			b.lineStart(true)
			continue
		}
		findPipe, findEquals, inHeading := b.flags()
		var stop [256]bool // the bytes that end a run of text
		stop['['], stop['{'], stop['<'], stop['\n'] = true, true, true, true
		if p := b.top(); p != nil && p.open != '\n' {
			stop[p.close] = true
		}
		stop['|'], stop['='] = findPipe, findEquals
		n := textRun(b.text[b.i:], &stop)
		b.addText(b.text[b.i : b.i+n])
		b.i += n
		if b.i >= len(b.text) {
			if p := b.top(); p != nil && p.open == '\n' {
				b.lineEnd()
				continue
			}
			return
		}
		c := b.text[b.i]
		switch {
		case c == '|':
			b.pipe()
		case c == '=':
			b.equals()
		case c == '<':
			b.angle()
		case c == '\n':
			if inHeading {
				b.lineEnd()
			} else {
				b.lineStart(false)
			}
		case b.top() != nil && c == b.top().close:
			b.closeBrace()
		case c == '{' || c == '[':
			b.openBrace(c)
		default:
			b.addText(string(c))
			b.i++
		}
	}
}

// textRun returns the length of the run of bytes at the start of s that
// are not in stop.
func textRun(s string, stop *[256]bool) int {
	for i := 0; i < len(s); i++ {
		if stop[s[i]] {
			return i
		}
	}
	return len(s)
}

func (b *builder) skipToOnlyinclude() bool {
	start := strings.Index(b.text[b.i:], "<onlyinclude>")
	if start < 0 {
		b.add(&Node{Kind: Ignore, Text: b.text[b.i:]})
		b.i = len(b.text)
		return false
	}
	end := b.i + start + len("<onlyinclude>")
	b.add(&Node{Kind: Ignore, Text: b.text[b.i:end]})
	b.i = end
	b.findOnly = false
	return true
}

func (b *builder) pipe() {
	p := b.top()
	p.parts = append(p.parts, &Part{EqPos: -1})
	b.i++
}

func (b *builder) equals() {
	b.add(&Node{Kind: Equals, Text: "="})
	acc := b.accum()
	b.top().current().EqPos = len(*acc) - 1
	b.i++
}

// lineStart handles a line break outside headings: it may open a heading.
func (b *builder) lineStart(fake bool) {
	if fake {
		b.fakeLine = false
	} else {
		b.addText("\n")
		b.i++
	}
	count := 0
	for count < 6 && b.i+count < len(b.text) && b.text[b.i+count] == '=' {
		count++
	}
	_, findEquals, _ := b.flags()
	if count == 0 || (count == 1 && findEquals) {
		return
	}
	b.stack = append(b.stack, &piece{open: '\n', close: '\n', count: count, startPos: b.i,
		parts:      []*Part{{EqPos: -1, Out: []*Node{{Kind: Text, Text: strings.Repeat("=", count)}}}},
		commentEnd: -1})
	b.i += count
}
