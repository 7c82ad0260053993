package cite

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// refTag renders <ref>: a numbered link to the note.
func (e *extension) refTag(f *preprocess.Frame, name, attrText string, content *string) string {
	s := stateOf(f)
	attrs := html.DecodeTagAttributes(attrText)
	_, hasName := attrs.Get("name")
	follow, hasFollow := attrs.Get("follow")
	if hasName && hasFollow {
		return errorSpan("Invalid " + refCode + " tag; invalid names, e.g. too many")
	}
	for _, a := range attrs {
		switch a.Name {
		case "name", "group", "follow", "extends", "dir", "details":
		default:
			return errorSpan("The opening " + refCode + " tag is malformed or has a bad name")
		}
	}
	refName, _ := attrs.Get("name")
	refName = strings.TrimSpace(refName)
	groupName, hasGroup := attrs.Get("group")
	if !hasGroup && s.inReferences {
		groupName = s.refsGroup
	}
	if integerRegex.MatchString(refName) || (hasFollow && integerRegex.MatchString(strings.TrimSpace(follow))) {
		return errorSpan("Invalid " + refCode + " tag; name cannot be a simple integer. Use a descriptive title")
	}
	dir, hasDir := attrs.Get("dir")
	dir = strings.ToLower(dir)
	if hasDir && dir != "ltr" && dir != "rtl" {
		return errorSpan(`Invalid <code>dir="` + html.EscapeHTML(dir) + `"</code>, must be <code>ltr</code> or <code>rtl</code>`)
	}
	text := ""
	if content != nil {
		text = strings.TrimRight(f.Expander().RecursiveTagParse(f, *content), " \t\n\r")
		if strings.TrimSpace(text) == "" {
			text = ""
		}
	}
	if s.inReferences {
		return s.defineInReferences(refName, groupName, hasGroup, text)
	}
	if refName == "" && content == nil && !hasFollow {
		return errorSpan("The opening " + refCode + " tag is malformed or has a bad name")
	}
	if refName == "" && text == "" {
		return errorSpan("Invalid " + refCode + " tag; refs with no name must have content")
	}
	g := s.group(groupName)
	if hasFollow {
		return g.follow(strings.TrimSpace(follow), text)
	}
	r := g.byName[refName]
	if r == nil || refName == "" {
		g.count++
		s.seq++
		r = &ref{name: refName, text: text, number: g.count, key: s.seq, dir: dir, mode: s.mode}
		g.refs = append(g.refs, r)
		if refName != "" {
			g.byName[refName] = r
		}
	} else if text != "" {
		if hasDir {
			r.dir = dir
		}
		if r.text == "" {
			r.text = text
		} else if r.text != text {
			r.errs = appendOnce(r.errs, `Invalid `+refCode+` tag; name "`+html.EscapeHTML(refName)+`" defined multiple times with different content`)
		}
	}
	use := r.uses
	r.uses++
	return `<sup id="` + armorID(r.refID(use)) + `" class="reference"><a href="` + href(r.noteID()) +
		`">&#91;` + label(groupName, r.number) + `&#93;</a></sup>`
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// defineInReferences records the text of a named ref written inside
// <references>…</references>.
func (s *state) defineInReferences(name, groupName string, hasGroup bool, text string) string {
	if name == "" {
		return errorSpan(refCode + " tag defined in <code>&lt;references&gt;</code> has no name attribute.")
	}
	if hasGroup && groupName != s.refsGroup {
		return errorSpan(refCode + ` tag in <code>&lt;references&gt;</code> has conflicting group attribute "` + html.EscapeHTML(groupName) + `".`)
	}
	g := s.group(s.refsGroup)
	r := g.byName[name]
	if r == nil {
		return errorSpan(refCode + ` tag with name "` + html.EscapeHTML(name) + `" defined in <code>&lt;references&gt;</code> is not used in prior text.`)
	}
	if r.text == "" {
		r.text = text
	} else if text != "" && r.text != text {
		r.errs = appendOnce(r.errs, `Invalid `+refCode+` tag; name "`+html.EscapeHTML(name)+`" defined multiple times with different content`)
	}
	return ""
}

// follow appends text to the named parent note, or lists it on its own
// when the parent is not defined yet.
func (g *group) follow(parent, text string) string {
	if r := g.byName[parent]; r != nil {
		if r.text == "" {
			r.text = text
		} else {
			r.text += " " + text
		}
		return ""
	}
	g.followers = append(g.followers, &ref{name: parent, text: text})
	return ""
}
