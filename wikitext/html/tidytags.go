package html

import "strings"

// startTag handles an opening tag.
func (t *tidier) startTag(name, tag string) {
	if voidElements[name] {
		if closesP[name] {
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
	if !phrasing[name] {
		t.breakPWrap()
	}
	if closesP[name] {
		t.closeP()
	}
	if headings[name] && headings[t.current()] {
		t.pop()
	}
	if strings.HasSuffix(tag, "/>") {
		// HTML5 ignores the slash on non-void elements.
		tag = strings.TrimRight(strings.TrimSuffix(tag, "/>"), " ") + ">"
	}
	if phrasing[name] {
		t.reconstruct()
	}
	t.insertElement(name, tag)
	switch {
	case formatting[name]:
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
		if special[n] && n != "address" && n != "div" && n != "p" {
			return
		}
	}
}

// endTag handles a closing tag.
func (t *tidier) endTag(name string) {
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
	case voidElements[name]:
	case name == "table" || name == "tbody" || name == "tr" || name == "td" || name == "th" || name == "thead" || name == "tfoot":
		if t.inScope(name, tableScope) {
			t.popThrough(name)
		}
	case name == "li":
		if t.inScope("li", listScope) {
			t.generateImpliedEnd("li")
			t.popThrough("li")
		}
	case special[name] || headings[name]:
		t.endBlock(name)
	case formatting[name]:
		t.endFormatting(name)
	default:
		t.endInline(name)
	}
}

func (t *tidier) endBlock(name string) {
	if headings[name] {
		for i := len(t.stack) - 1; i >= 0; i-- {
			if n := t.stack[i].name; headings[n] {
				t.generateImpliedEnd("")
				t.popThrough(n)
				return
			}
			if defaultScope[t.stack[i].name] {
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
		n := t.stack[i].name
		if n == name {
			t.popThrough(name)
			return
		}
		if special[n] {
			return
		}
	}
}
