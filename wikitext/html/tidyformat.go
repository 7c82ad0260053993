package html

// formatting elements are reopened after a block closes them, as the
// HTML5 tree builder's "active formatting elements" do.
var formattingSet = words("a b big code em font i nobr s small strike strong tt u")

// maxActive bounds the list of active formatting elements.
const maxActive = 64

func (t *tidier) inStack(n *tnode) bool {
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i] == n {
			return true
		}
	}
	return false
}

// pushActive adds a formatting element, keeping at most three equal
// entries after the last marker (the "Noah's Ark" rule).
func (t *tidier) pushActive(n *tnode) {
	same, first := 0, -1
	for i := len(t.active) - 1; i >= 0 && t.active[i] != nil; i-- {
		if t.active[i].tag == n.tag {
			same++
			first = i
		}
	}
	if same >= 3 {
		t.active = append(t.active[:first], t.active[first+1:]...)
	}
	if len(t.active) >= maxActive {
		t.active = t.active[1:]
	}
	t.active = append(t.active, n)
}

// activeAfterMarker reports whether a formatting element named name is
// active since the last marker.
func (t *tidier) activeAfterMarker(name string) bool {
	for i := len(t.active) - 1; i >= 0 && t.active[i] != nil; i-- {
		if t.active[i].name == name {
			return true
		}
	}
	return false
}

func (t *tidier) pushMarker() { t.active = append(t.active, nil) }

func (t *tidier) clearToMarker() {
	for len(t.active) > 0 {
		last := t.active[len(t.active)-1]
		t.active = t.active[:len(t.active)-1]
		if last == nil {
			return
		}
	}
}

// reconstruct reopens formatting elements that a block closed.
func (t *tidier) reconstruct() {
	n := len(t.active)
	if n == 0 || t.active[n-1] == nil || t.inStack(t.active[n-1]) {
		return
	}
	i := n - 1
	for i > 0 && t.active[i-1] != nil && !t.inStack(t.active[i-1]) {
		i--
	}
	for ; i < n; i++ {
		e := t.active[i]
		t.insertElement(e.name, e.tag)
		t.active[i] = t.stack[len(t.stack)-1]
	}
}

// endFormatting handles the end tag of a formatting element. It is a
// simplified adoption agency: when a block sits inside the element, the
// element just stops being reopened.
func (t *tidier) endFormatting(name string) {
	ai := -1
	for i := len(t.active) - 1; i >= 0 && t.active[i] != nil; i-- {
		if t.active[i].name == name {
			ai = i
			break
		}
	}
	if ai < 0 {
		t.endInline(name)
		return
	}
	fe := t.active[ai]
	t.active = append(t.active[:ai], t.active[ai+1:]...)
	si := -1
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i] == fe {
			si = i
			break
		}
	}
	if si < 0 {
		return
	}
	for _, n := range t.stack[si+1:] {
		if n.bits&special != 0 {
			return
		}
	}
	for len(t.stack) > si {
		t.pop()
	}
}
