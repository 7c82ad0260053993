package html

import (
	"strings"
	"sync"
)

// Tidy balances the final HTML the way MediaWiki's HTML5 tidying (RemexHtml)
// does for the structures wikitext produces: missing end tags are added,
// stray end tags dropped, <tbody> inserted, paragraphs closed before
// blocks. It also applies French spacing to text nodes.
func Tidy(s string) string {
	t := tidierPool.Get().(*tidier)
	defer t.release()
	t.root = t.newNode("", "", 0)
	size := len(s)
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			t.text(s)
			break
		}
		if i > 0 {
			t.text(s[:i])
			s = s[i:]
		}
		n := t.markup(s)
		s = s[n:]
		if t.skipNewline {
			t.skipNewline = false
			s = strings.TrimPrefix(s, "\n")
		}
	}
	var b strings.Builder
	b.Grow(size + size/8 + 64)
	t.root.serializeChildren(&b)
	return b.String()
}

type tidier struct {
	root  *tnode
	stack []*tnode
	open  map[string]int // open elements by name, to skip hopeless scope scans
	// active lists the open formatting elements; nil marks a table cell.
	active []*tnode
	raw    string   // open script or style element
	slab   []tnode  // nodes not handed out yet
	kids   []*tnode // child slots not handed out yet
	// nodeSlabs and kidSlabs are every slab the tidier has allocated, the
	// first usedNodes and usedKids of them handed out in this Tidy; they
	// are cleared and reused by the next Tidy (tidierPool).
	nodeSlabs           [][]tnode
	kidSlabs            [][]*tnode
	usedNodes, usedKids int
	// skipNewline drops a newline right after <pre>, as HTML5 does.
	skipNewline bool
}

// markup handles s starting with '<' and returns how much it consumed.
func (t *tidier) markup(s string) int {
	if strings.HasPrefix(s, "<!--") {
		end := strings.Index(s, "-->")
		if end < 0 {
			t.insertRaw(s)
			return len(s)
		}
		t.insertRaw(s[:end+3])
		return end + 3
	}
	end := strings.IndexByte(s, '>')
	name, closing := tagName(s)
	if end < 0 || name == "" {
		t.text("<")
		return 1
	}
	tag := s[:end+1]
	if t.raw != "" {
		if closing && name == t.raw {
			t.raw = ""
			t.endTag(name)
		} else {
			t.insertRaw(tag)
		}
		return end + 1
	}
	if closing {
		t.endTag(name)
	} else {
		t.startTag(name, tag)
	}
	return end + 1
}

// tagName returns the lower-case element name of a tag.
func tagName(s string) (string, bool) {
	i := 1
	closing := false
	if len(s) > 1 && s[1] == '/' {
		closing = true
		i = 2
	}
	j := i
	for j < len(s) && (isAlnum(s[j]) || s[j] == ':' || s[j] == '-' || s[j] >= 0x80) {
		j++
	}
	if j == i || !isAlpha(s[i]) {
		return "", false
	}
	return strings.ToLower(s[i:j]), closing
}

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isAlnum(c byte) bool { return isAlpha(c) || (c >= '0' && c <= '9') }

func (t *tidier) text(s string) {
	if t.raw != "" {
		t.insertRaw(s)
		return
	}
	s = strings.ReplaceAll(frenchSpaces(s), "\u00a0", "&#160;")
	t.reconstruct()
	t.insertText(strings.ReplaceAll(s, ">", "&gt;"))
}

func (t *tidier) current() string {
	if len(t.stack) == 0 {
		return ""
	}
	return t.stack[len(t.stack)-1].name
}

// currentBits returns the element bits of the current element.
func (t *tidier) currentBits() elemBits {
	if len(t.stack) == 0 {
		return 0
	}
	return t.stack[len(t.stack)-1].bits
}

func (t *tidier) pop() {
	name := t.current()
	t.open[name]--
	t.stack = t.stack[:len(t.stack)-1]
	if name == "td" || name == "th" || name == "caption" {
		t.clearToMarker()
	}
}

// popThrough pops elements up to and including the topmost name.
func (t *tidier) popThrough(name string) {
	for len(t.stack) > 0 {
		n := t.current()
		t.pop()
		if n == name {
			return
		}
	}
}

// inScope reports whether name is open without crossing a boundary.
func (t *tidier) inScope(name string, boundary elemBits) bool {
	if t.open[name] == 0 {
		return false
	}
	for i := len(t.stack) - 1; i >= 0; i-- {
		n := t.stack[i]
		if n.name == name {
			return true
		}
		if n.bits&boundary != 0 {
			return false
		}
	}
	return false
}

var (
	defaultScopeSet = words("applet caption html table td th marquee object template")
	listScopeSet    = words("applet caption html table td th marquee object template ol ul")
	buttonScopeSet  = words("applet caption html table td th marquee object template button")
	tableScopeSet   = words("html table template")
	voidElementsSet = words("area base br col embed hr img input link meta param source track wbr")
	closesPSet      = words(`address article aside blockquote center details dialog dir div dl fieldset
		figcaption figure footer header hgroup main menu nav ol p section summary ul
		h1 h2 h3 h4 h5 h6 pre listing form table hr`)
	impliedEndSet = words("dd dt li optgroup option p rb rp rt rtc")
	specialSet    = words(`address applet area article aside base basefont bgsound blockquote body br button
		caption center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer
		form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input li link
		listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre
		script section select source style summary table tbody td template textarea tfoot th thead
		title tr track ul wbr`)
	headingsSet = words("h1 h2 h3 h4 h5 h6")
)

// generateImpliedEnd closes dd, dt, li, p… except the one named.
func (t *tidier) generateImpliedEnd(except string) {
	for t.currentBits()&impliedEnd != 0 && t.current() != except {
		t.pop()
	}
}

func (t *tidier) closeP() {
	if t.inScope("p", buttonScope) {
		t.generateImpliedEnd("p")
		t.popThrough("p")
	}
}

// tidierPool keeps tidiers and their slabs between calls of Tidy: the tree
// never leaves Tidy, so its nodes can be cleared and handed out again,
// which spares the garbage collector about 200 KB per 30 KB page.
var tidierPool = sync.Pool{New: func() any { return &tidier{open: map[string]int{}} }}

// maxPooledSlabs bounds what a pooled tidier keeps (about 1.3 MB of nodes);
// one that grew larger on a huge page is left to the garbage collector.
const maxPooledSlabs = 100

// nodeSlab returns a cleared slab of nodes, reused when there is one.
func (t *tidier) nextNodeSlab() []tnode {
	if t.usedNodes < len(t.nodeSlabs) {
		t.usedNodes++
		return t.nodeSlabs[t.usedNodes-1]
	}
	s := make([]tnode, nodeSlab)
	t.nodeSlabs = append(t.nodeSlabs, s)
	t.usedNodes++
	return s
}

// nextKidSlab returns a cleared slab of child slots, reused when there is
// one.
func (t *tidier) nextKidSlab() []*tnode {
	if t.usedKids < len(t.kidSlabs) {
		t.usedKids++
		return t.kidSlabs[t.usedKids-1]
	}
	s := make([]*tnode, kidSlab)
	t.kidSlabs = append(t.kidSlabs, s)
	t.usedKids++
	return s
}

// release clears the tidier (so that it holds no text of the page) and
// puts it back in the pool.
func (t *tidier) release() {
	if len(t.nodeSlabs) > maxPooledSlabs || len(t.kidSlabs) > maxPooledSlabs {
		return
	}
	for _, s := range t.nodeSlabs[:t.usedNodes] {
		clear(s)
	}
	for _, s := range t.kidSlabs[:t.usedKids] {
		clear(s)
	}
	t.usedNodes, t.usedKids = 0, 0
	t.slab, t.kids, t.root = nil, nil, nil
	clear(t.stack)
	t.stack = t.stack[:0]
	clear(t.active)
	t.active = t.active[:0]
	clear(t.open)
	t.raw, t.skipNewline = "", false
	tidierPool.Put(t)
}
