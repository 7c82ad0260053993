package preprocess

import "strings"

// expandPreSave expands the nodes whose meaning differs in the pre-save
// transform (MediaWiki's OT_WIKI output type) and reports whether it
// handled n. Comments and extension tags are kept as written behind strip
// markers, so signatures inside them stay untouched; <includeonly> and
// similar sections are kept at the page level and dropped in substituted
// templates; headings get no section markers.
func (f *Frame) expandPreSave(b *strings.Builder, n *Node) bool {
	switch n.Kind {
	case Comment:
		b.WriteString(f.exp.Strip("general", "comment", n.Text))
	case Ignore:
		if !f.IsTemplate() {
			b.WriteString(n.Text)
		}
	case Ext:
		kind := "general"
		if f.exp.Registry.nowiki[strings.ToLower(n.Name)] {
			kind = "nowiki"
		}
		b.WriteString(f.exp.Strip(kind, "presave", source([]*Node{n})))
	case Heading:
		b.WriteString(f.Expand(n.Children))
	case Arg:
		// A template's own {{{parameters}}} stay as written when the
		// template is saved (MediaWiki expands with NO_ARGS); only inside
		// a substituted template do they take the call's values.
		if f.IsTemplate() {
			return false
		}
		b.WriteString(source([]*Node{n}))
	default:
		return false
	}
	return true
}

// trimSubst removes a leading subst: or safesubst: from a template name.
// ok is false when there is none: in the pre-save transform such a call
// stays as written.
func trimSubst(part1 string) (string, bool) {
	for _, p := range []string{"subst:", "safesubst:"} {
		if hasPrefixFold(part1, p) {
			return strings.TrimSpace(part1[len(p):]), true
		}
	}
	return part1, false
}
