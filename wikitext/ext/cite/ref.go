package cite

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// refArgs are the validated attributes of a <ref>.
type refArgs struct {
	name, group, follow, dir string
	hasGroup, hasFollow      bool
	hasDir                   bool
}

// parseRefArgs validates the attributes; it returns an error message
// (HTML) when they are invalid.
func parseRefArgs(attrText string) (refArgs, string) {
	attrs := html.DecodeTagAttributes(attrText)
	var a refArgs
	_, hasName := attrs.Get("name")
	a.follow, a.hasFollow = attrs.Get("follow")
	if hasName && a.hasFollow {
		return a, "Invalid " + refCode + " tag; invalid names, e.g. too many"
	}
	for _, at := range attrs {
		switch at.Name {
		case "name", "group", "follow", "extends", "dir", "details":
		default:
			return a, "The opening " + refCode + " tag is malformed or has a bad name"
		}
	}
	a.name, _ = attrs.Get("name")
	a.name = strings.TrimSpace(a.name)
	a.follow = strings.TrimSpace(a.follow)
	a.group, a.hasGroup = attrs.Get("group")
	if integerRegex.MatchString(a.name) || (a.hasFollow && integerRegex.MatchString(a.follow)) {
		return a, "Invalid " + refCode + " tag; name cannot be a simple integer. Use a descriptive title"
	}
	a.dir, a.hasDir = attrs.Get("dir")
	a.dir = strings.ToLower(a.dir)
	if a.hasDir && a.dir != "ltr" && a.dir != "rtl" {
		return a, `Invalid <code>dir="` + html.EscapeHTML(a.dir) + `"</code>, must be <code>ltr</code> or <code>rtl</code>`
	}
	return a, ""
}

// refTag renders <ref>: a numbered link to the note.
func (e *extension) refTag(f *preprocess.Frame, name, attrText string, content *string) string {
	s := stateOf(f)
	a, errMsg := parseRefArgs(attrText)
	if errMsg != "" {
		return errorSpan(errMsg)
	}
	if !a.hasGroup && s.inReferences {
		a.group = s.refsGroup
	}
	text := ""
	if content != nil {
		text = strings.TrimRight(f.Expander().RecursiveTagParse(f, *content), " \t\n\r")
		if strings.TrimSpace(text) == "" {
			text = ""
		}
	}
	if s.inReferences {
		return s.defineInReferences(a.name, a.group, a.hasGroup, text)
	}
	if a.name == "" && content == nil && !a.hasFollow {
		return errorSpan("The opening " + refCode + " tag is malformed or has a bad name")
	}
	if a.name == "" && text == "" {
		return errorSpan("Invalid " + refCode + " tag; refs with no name must have content")
	}
	g := s.group(a.group)
	if a.hasFollow {
		return g.follow(a.follow, text)
	}
	r := s.use(g, a, text)
	use := r.uses
	r.uses++
	return `<sup id="` + armorID(r.refID(use)) + `" class="reference"><a href="` + href(r.noteID()) +
		`">&#91;` + label(a.group, r.number) + `&#93;</a></sup>`
}

// use returns the note a <ref> points at, creating it or merging text
// into an existing named note.
func (s *state) use(g *group, a refArgs, text string) *ref {
	r := g.byName[a.name]
	if r == nil || a.name == "" {
		g.count++
		s.seq++
		r = &ref{name: a.name, text: text, number: g.count, key: s.seq, dir: a.dir, mode: s.mode}
		g.refs = append(g.refs, r)
		if a.name != "" {
			g.byName[a.name] = r
		}
		return r
	}
	if text == "" {
		return r
	}
	if a.hasDir {
		r.dir = a.dir
	}
	if r.text == "" {
		r.text = text
	} else if r.text != text {
		r.errs = appendOnce(r.errs, `Invalid `+refCode+` tag; name "`+html.EscapeHTML(a.name)+`" defined multiple times with different content`)
	}
	return r
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
