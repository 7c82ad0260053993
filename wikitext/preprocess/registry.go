package preprocess

import (
	"fmt"
	"strings"
)

// Func is a parser function such as {{#if:…}} or {{lc:…}}. args.Expand(0)
// is the text after the colon.
type Func func(f *Frame, args *Args) string

// Variable is a magic variable such as {{PAGENAME}}.
type Variable func(f *Frame) string

// TagFunc renders an extension tag. attrs is the raw attribute text;
// content is nil for a self-closed tag. It returns HTML, which is hidden
// behind a strip marker.
type TagFunc func(f *Frame, name, attrs string, content *string) string

// Registry holds the parser functions, variables and tags. It is built
// once and then only read, so it is safe for concurrent parses.
type Registry struct {
	funcs     map[string]Func // by name; case-insensitive names are stored lower-cased
	funcsCase map[string]bool // names that must match case exactly
	vars      map[string]Variable
	tags      map[string]TagFunc
	nowiki    map[string]bool // tags whose output is restored after block formatting
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{funcs: map[string]Func{}, funcsCase: map[string]bool{},
		vars: map[string]Variable{}, tags: map[string]TagFunc{}, nowiki: map[string]bool{}}
}

// AddFunction registers a case-insensitive parser function. Names of
// hash functions include the '#'.
func (r *Registry) AddFunction(name string, fn Func) error {
	key := strings.ToLower(name)
	if _, ok := r.funcs[key]; ok {
		return fmt.Errorf("parser function %q already registered", name)
	}
	r.funcs[key] = fn
	return nil
}

// AddCaseFunction registers a parser function whose name is matched case
// sensitively, such as PAGENAME:.
func (r *Registry) AddCaseFunction(name string, fn Func) error {
	if _, ok := r.funcs[name]; ok {
		return fmt.Errorf("parser function %q already registered", name)
	}
	r.funcs[name] = fn
	r.funcsCase[name] = true
	return nil
}

// AddVariable registers a magic variable (matched case sensitively).
func (r *Registry) AddVariable(name string, v Variable) error {
	if _, ok := r.vars[name]; ok {
		return fmt.Errorf("variable %q already registered", name)
	}
	r.vars[name] = v
	return nil
}

// AddTag registers an extension tag.
func (r *Registry) AddTag(name string, fn TagFunc) error {
	key := strings.ToLower(name)
	if _, ok := r.tags[key]; ok {
		return fmt.Errorf("tag <%s> already registered", name)
	}
	r.tags[key] = fn
	return nil
}

// SetNowiki marks a tag whose output is unstripped only after block
// formatting (like <nowiki>).
func (r *Registry) SetNowiki(name string) { r.nowiki[strings.ToLower(name)] = true }

// TagNames returns the registered tag names.
func (r *Registry) TagNames() []string {
	out := make([]string, 0, len(r.tags))
	for n := range r.tags {
		out = append(out, n)
	}
	return out
}

// HasFunction reports whether a parser function is registered.
func (r *Registry) HasFunction(name string) bool {
	_, ok := r.lookupFunc(name)
	return ok
}

// HasTag reports whether a tag is registered.
func (r *Registry) HasTag(name string) bool {
	_, ok := r.tags[strings.ToLower(name)]
	return ok
}

func (r *Registry) lookupFunc(name string) (Func, bool) {
	if fn, ok := r.funcs[name]; ok && r.funcsCase[name] {
		return fn, true
	}
	key := strings.ToLower(name)
	if r.funcsCase[key] {
		return nil, false
	}
	fn, ok := r.funcs[key]
	return fn, ok
}
