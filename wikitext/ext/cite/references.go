package cite

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// referencesTag renders <references/>: the list of a group's notes.
func (e *extension) referencesTag(f *preprocess.Frame, name, attrText string, content *string) string {
	s := stateOf(f)
	attrs := html.DecodeTagAttributes(attrText)
	responsive := e.responsive
	for _, a := range attrs {
		switch a.Name {
		case "group":
		case "responsive":
			responsive = a.Value != "0"
		default:
			return errorSpan("Invalid parameter in <code>&lt;references&gt;</code> tag")
		}
	}
	groupName, _ := attrs.Get("group")
	if content != nil && strings.TrimSpace(*content) != "" {
		s.inReferences, s.refsGroup = true, groupName
		_ = f.Expander().RecursiveTagParse(f, *content)
		s.inReferences, s.refsGroup = false, ""
	}
	return s.render(groupName, responsive)
}

// render outputs a group's list and empties the group.
func (s *state) render(groupName string, responsive bool) string {
	g := s.groups[groupName]
	if g == nil || len(g.refs)+len(g.followers) == 0 {
		return ""
	}
	delete(s.groups, groupName)
	for i, n := range s.order {
		if n == groupName {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	wrap := "mw-references-wrap"
	if responsive && len(g.refs) > 10 {
		wrap += " mw-references-columns"
	}
	var b strings.Builder
	b.WriteString(`<div class="` + wrap + `"><ol class="references">` + "\n")
	for _, r := range g.followers {
		b.WriteString(`<p id="` + armorID("cite_note-"+idPart(r.name, r.mode)) + `"><span class="reference-text">` + r.text + "</span>\n</p>\n")
	}
	for _, r := range g.refs {
		b.WriteString(r.listItem())
	}
	b.WriteString("</ol></div>")
	return b.String()
}

// listItem renders one note with its back links.
func (r *ref) listItem() string {
	var b strings.Builder
	b.WriteString(`<li id="` + armorID(r.noteID()) + `"`)
	if r.dir != "" {
		b.WriteString(` class="mw-cite-dir-` + r.dir + `"`)
	}
	b.WriteString(`><span class="mw-cite-backlink">`)
	if r.uses <= 1 {
		b.WriteString(`<a href="` + href(r.refID(0)) + `">↑</a>`)
	} else {
		b.WriteString("↑")
		width := len(strconv.Itoa(r.uses - 1))
		for i := 0; i < r.uses; i++ {
			idx := strconv.Itoa(i)
			idx = strings.Repeat("0", width-len(idx)) + idx
			b.WriteString(` <sup><a href="` + href(r.refID(i)) + `">` + strconv.Itoa(r.number) + "." + idx + `</a></sup>`)
		}
	}
	if r.text == "" {
		b.WriteString(`</span> ` + errorSpan("Invalid "+refCode+" tag; no text was provided for refs named <code>"+
			html.EscapeHTML(r.name)+"</code>") + "</li>\n")
		return b.String()
	}
	b.WriteString(`</span> <span class="reference-text">`)
	b.WriteString(r.text)
	for _, e := range r.errs {
		b.WriteString(" " + errorSpan(e))
	}
	b.WriteString("</span>\n</li>\n")
	return b.String()
}

// leftovers renders the groups that no <references/> printed, at the end
// of the page.
func (e *extension) leftovers(x *preprocess.Expander, s *state) string {
	var b strings.Builder
	for _, g := range append([]string(nil), s.order...) {
		if out := s.render(g, e.responsive); out != "" {
			b.WriteString("\n" + out)
		}
	}
	return b.String()
}
