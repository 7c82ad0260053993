package preprocess

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
)

// Frame is one level of expansion: the page itself, or a template with its
// arguments.
type Frame struct {
	exp    *Expander
	Title  env.Title
	Parent *Frame
	Depth  int
	// Arguments of a template frame, as written; values are expanded in
	// the parent frame on first use.
	numbered map[int]*Part
	named    map[string]*Part
	argCache map[string]string
	// recover makes extension tags expand to their source text.
	recover bool
}

// Expander returns the expansion state the frame belongs to.
func (f *Frame) Expander() *Expander { return f.exp }

// IsTemplate reports whether the frame expands a template.
func (f *Frame) IsTemplate() bool { return f.Parent != nil }

// Expand expands nodes in this frame.
func (f *Frame) Expand(nodes []*Node) string {
	f.exp.enter()
	defer f.exp.leave()
	var b strings.Builder
	if len(nodes) > 16 {
		size := 0
		for _, n := range nodes {
			size += len(n.Text)
		}
		b.Grow(size + size/4)
	}
	for _, n := range nodes {
		f.exp.nodeCount++
		if f.exp.nodeCount&4095 == 0 && f.exp.Ctx != nil && f.exp.Ctx.Err() != nil {
			f.exp.limitHit = true
			return b.String()
		}
		if f.exp.nodeCount > f.exp.Limits.MaxNodes {
			f.exp.limitHit = true
			b.WriteString(`<span class="error">Node-count limit exceeded</span>`)
			return b.String()
		}
		f.expandNode(&b, n)
	}
	return b.String()
}

func (f *Frame) expandNode(b *strings.Builder, n *Node) {
	if f.exp.PreSave && f.expandPreSave(b, n) {
		return
	}
	switch n.Kind {
	case Text, Equals:
		b.WriteString(n.Text)
	case Comment, Ignore:
	case Ext:
		if f.recover {
			b.WriteString(source([]*Node{n}))
			return
		}
		b.WriteString(f.expandTag(n))
	case Heading:
		b.WriteString(f.expandHeading(n))
	case Template:
		b.WriteString(f.expandTemplate(n))
	case Arg:
		b.WriteString(f.expandArg(n))
	}
}

// expandHeading expands a heading and puts a marker after its opening
// '=' signs, so the parser knows where the heading came from.
func (f *Frame) expandHeading(n *Node) string {
	s := f.Expand(n.Children)
	f.exp.Headings = append(f.exp.Headings, HeadingInfo{Title: f.Title, Index: n.Index})
	marker := HeadingMarker(len(f.exp.Headings) - 1)
	if n.Level > len(s) {
		return s + marker
	}
	return s[:n.Level] + marker + s[n.Level:]
}

// HeadingMarker returns the marker for heading serial i.
func HeadingMarker(i int) string {
	return "\x7f'\"`UNIQ--h-" + strconv.Itoa(i) + "--QINU`\"'\x7f"
}

// expandTag renders an extension tag through its hook into a strip marker.
func (f *Frame) expandTag(n *Node) string {
	lower := strings.ToLower(n.Name)
	fn, ok := f.exp.Registry.tags[lower]
	if !ok {
		return source([]*Node{n})
	}
	out := fn(f, lower, n.Attrs, n.Inner)
	kind := "general"
	if f.exp.Registry.nowiki[lower] {
		kind = "nowiki"
	}
	return f.exp.Strip(kind, lower, out)
}

// Argument returns the expanded value of a template argument.
func (f *Frame) Argument(name string) (string, bool) {
	if v, ok := f.argCache[name]; ok {
		return v, true
	}
	var v string
	if i, err := strconv.Atoi(name); err == nil && strconv.Itoa(i) == name {
		if p, ok := f.numbered[i]; ok {
			v = f.Parent.Expand(p.Value)
		} else if p, ok := f.named[name]; ok {
			v = strings.TrimSpace(f.Parent.Expand(p.Value))
		} else {
			return "", false
		}
	} else if p, ok := f.named[name]; ok {
		v = strings.TrimSpace(f.Parent.Expand(p.Value))
	} else {
		return "", false
	}
	if f.argCache == nil {
		f.argCache = map[string]string{}
	}
	f.argCache[name] = v
	return v, true
}

// expandArg expands {{{name|default}}}.
func (f *Frame) expandArg(n *Node) string {
	nameWithSpaces := f.Expand(n.Title)
	name := strings.TrimSpace(nameWithSpaces)
	if f.IsTemplate() {
		if v, ok := f.Argument(name); ok {
			if !f.exp.incrementArgSize(len(v)) {
				f.exp.AddTracking("Pages_where_template_include_size_is_exceeded")
				return "<!-- WARNING: argument omitted, expansion size too large -->"
			}
			return v
		}
	}
	if len(n.Parts) > 0 {
		return f.Expand(n.Parts[0].Out)
	}
	var b strings.Builder
	b.WriteString("{{{" + nameWithSpaces)
	for _, p := range n.Parts {
		b.WriteString("|" + f.Expand(p.Out))
	}
	b.WriteString("}}}")
	return b.String()
}

// newChild creates the frame for a template call.
func (f *Frame) newChild(title env.Title, parts []*Part) *Frame {
	c := &Frame{exp: f.exp, Title: title, Parent: f, Depth: f.Depth + 1,
		numbered: map[int]*Part{}, named: map[string]*Part{}}
	for _, p := range parts {
		if p.Index > 0 {
			c.numbered[p.Index] = p
			delete(c.named, strconv.Itoa(p.Index))
			continue
		}
		name := strings.TrimSpace(f.Expand(p.Name))
		c.named[name] = p
		if i, err := strconv.Atoi(name); err == nil && strconv.Itoa(i) == name {
			delete(c.numbered, i)
		}
	}
	return c
}

// NumberedArgs returns the positional arguments of a template frame.
func (f *Frame) NumberedArgs() map[int]string {
	out := map[int]string{}
	for i := range f.numbered {
		out[i], _ = f.Argument(strconv.Itoa(i))
	}
	return out
}

// inLoop reports whether title is already being expanded in this frame's
// ancestry.
func (f *Frame) inLoop(title env.Title) bool {
	for a := f; a != nil; a = a.Parent {
		if a.Title.Page() == title.Page() && a.IsTemplate() {
			return true
		}
	}
	return false
}

// Tag renders an extension tag by name, as {{#tag:…}} does, and returns
// its strip marker.
func (e *Expander) Tag(f *Frame, name, attrs string, content *string) string {
	return f.expandTag(&Node{Kind: Ext, Name: name, Attrs: attrs, Inner: content})
}
