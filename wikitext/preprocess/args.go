package preprocess

import "strings"

// Args are the arguments of a parser function call, expanded lazily in
// the caller's frame. Argument 0 is the text after the colon.
type Args struct {
	frame *Frame
	first string
	parts []*Part
	cache map[int]string
}

// Len returns the number of arguments.
func (a *Args) Len() int { return len(a.parts) + 1 }

// Expand returns argument i expanded and trimmed, or "" if absent.
func (a *Args) Expand(i int) string {
	if i == 0 {
		return a.first
	}
	if i >= a.Len() {
		return ""
	}
	if v, ok := a.cache[i]; ok {
		return v
	}
	v := strings.TrimSpace(a.frame.Expand(a.parts[i-1].Out))
	if a.cache == nil {
		a.cache = map[int]string{}
	}
	a.cache[i] = v
	return v
}

// Raw returns argument i expanded but not trimmed.
func (a *Args) Raw(i int) string {
	if i == 0 {
		return a.first
	}
	if i >= a.Len() {
		return ""
	}
	return a.frame.Expand(a.parts[i-1].Out)
}

// NameValue splits argument i (i ≥ 1) at its first top-level '=' and
// returns the trimmed, expanded name and value. ok is false when there is
// no '='.
func (a *Args) NameValue(i int) (name, value string, ok bool) {
	if i < 1 || i >= a.Len() {
		return "", "", false
	}
	p := a.parts[i-1]
	if p.EqPos < 0 {
		return "", "", false
	}
	name = strings.TrimSpace(a.frame.Expand(p.Out[:p.EqPos]))
	value = strings.TrimSpace(a.frame.Expand(p.Out[p.EqPos+1:]))
	return name, value, true
}

// Frame returns the frame the call was made in.
func (a *Args) Frame() *Frame { return a.frame }

// Source returns argument i (i ≥ 1) expanded, but with extension tags left
// as their source text, for functions such as {{#tag:…}} that hand the
// text to another tag.
func (a *Args) Source(i int) string {
	if i < 1 || i >= a.Len() {
		return ""
	}
	f := *a.frame
	f.recover = true
	return f.Expand(a.parts[i-1].Out)
}
