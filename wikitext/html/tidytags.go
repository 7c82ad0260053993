package html

import "strings"

// startTag handles an opening tag.
func (t *tidier) startTag(name, tag string) {
	nb := bitsOf(name)
	if nb&voidElements != 0 {
		if nb&closesP != 0 {
			t.closeP()
		} else {
			t.reconstruct()
		}
		t.insertElement(name, voidTag(tag))
		t.pop()
		return
	}
	switch name {
	case "tr":
		t.startRow()
	case "td", "th":
		t.startCell()
	case "tbody", "thead", "tfoot":
		t.clearToTable()
	case "caption":
		t.clearToTable()
	case "li":
		t.closeListItem([]string{"li"})
	case "dd", "dt":
		t.closeListItem([]string{"dd", "dt"})
	case "script", "style":
		t.raw = name
	}
	if nb&phrasing == 0 {
		t.breakPWrap()
	}
	if nb&closesP != 0 {
		t.closeP()
	}
	if nb&headings != 0 && t.currentBits()&headings != 0 {
		t.pop()
	}
	if strings.HasSuffix(tag, "/>") {
		// HTML5 ignores the slash on non-void elements.
		tag = strings.TrimRight(strings.TrimSuffix(tag, "/>"), " ") + ">"
	}
	if name == "a" && t.activeAfterMarker("a") {
		// An <a> inside an <a> closes the first one (HTML5).
		t.endFormatting("a")
	}
	if nb&phrasing != 0 {
		t.reconstruct()
	}
	t.insertElement(name, tag)
	switch {
	case nb&formatting != 0:
		t.pushActive(t.stack[len(t.stack)-1])
	case name == "td" || name == "th" || name == "caption":
		t.pushMarker()
	}
	if name == "pre" || name == "textarea" || name == "listing" {
		t.skipNewline = true
	}
}

func voidTag(tag string) string {
	if strings.HasSuffix(tag, "/>") {
		if !strings.HasSuffix(tag, " />") {
			return tag[:len(tag)-2] + " />"
		}
		return tag
	}
	return tag[:len(tag)-1] + " />"
}

// startRow opens a row, adding <tbody> when it sits directly in a table.
func (t *tidier) startRow() {
	if !t.inScope("table", tableScope) {
		return
	}
	for {
		switch t.current() {
		case "table":
			t.insertElement("tbody", "<tbody>")
			return
		case "tbody", "thead", "tfoot":
			return
		}
		t.pop()
	}
}

// startCell makes sure a row is open for a cell, closing any open cell.
func (t *tidier) startCell() {
	if !t.inScope("table", tableScope) {
		return
	}
	for {
		switch t.current() {
		case "tr":
			return
		case "table", "tbody", "thead", "tfoot":
			t.startRow()
			t.insertElement("tr", "<tr>")
			return
		}
		t.pop()
	}
}

func (t *tidier) clearToTable() {
	if !t.inScope("table", tableScope) {
		return
	}
	for t.current() != "table" {
		t.pop()
	}
}

// closeListItem closes an open li (or dd/dt) before a new one.
func (t *tidier) closeListItem(names []string) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		n := t.stack[i].name
		for _, want := range names {
			if n == want {
				t.generateImpliedEnd(n)
				t.popThrough(n)
				return
			}
		}
		if t.stack[i].bits&special != 0 && n != "address" && n != "div" && n != "p" {
			return
		}
	}
}

// endTag handles a closing tag.
func (t *tidier) endTag(name string) {
	nb := bitsOf(name)
	switch {
	case name == "p":
		if !t.inScope("p", buttonScope) {
			t.insertElement("p", "<p>")
			t.pop()
			return
		}
		t.closeP()
	case name == "br":
		t.insertElement("br", "<br />")
		t.pop()
	case nb&voidElements != 0:
	case name == "table" || name == "tbody" || name == "tr" || name == "td" || name == "th" || name == "thead" || name == "tfoot":
		if t.inScope(name, tableScope) {
			t.popThrough(name)
		}
	case name == "li":
		if t.inScope("li", listScope) {
			t.generateImpliedEnd("li")
			t.popThrough("li")
		}
	case nb&(special|headings) != 0:
		t.endBlock(name)
	case nb&formatting != 0:
		t.endFormatting(name)
	default:
		t.endInline(name)
	}
}

func (t *tidier) endBlock(name string) {
	if bitsOf(name)&headings != 0 {
		for i := len(t.stack) - 1; i >= 0; i-- {
			if n := t.stack[i]; n.bits&headings != 0 {
				t.generateImpliedEnd("")
				t.popThrough(n.name)
				return
			}
			if t.stack[i].bits&defaultScope != 0 {
				return
			}
		}
		return
	}
	if !t.inScope(name, defaultScope) {
		return
	}
	t.generateImpliedEnd(name)
	t.popThrough(name)
}

// endInline closes a formatting or other element if it is open before any
// special element.
func (t *tidier) endInline(name string) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		n := t.stack[i]
		if n.name == name {
			t.popThrough(name)
			return
		}
		if n.bits&special != 0 {
			return
		}
	}
}
