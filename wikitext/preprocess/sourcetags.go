package preprocess

// WithTagsAsSource returns a copy of r whose extension tags expand to their
// own source text instead of running their hooks, which is how MediaWiki's
// expandtemplates shows them. Functions and variables are shared with r.
func (r *Registry) WithTagsAsSource() *Registry {
	c := &Registry{funcs: r.funcs, funcsCase: r.funcsCase, vars: r.vars, nowiki: r.nowiki,
		tags: make(map[string]TagFunc, len(r.tags))}
	for name := range r.tags {
		c.tags[name] = tagSource
	}
	return c
}

// tagSource writes an extension tag back as wikitext.
func tagSource(_ *Frame, name, attrs string, content *string) string {
	if content == nil {
		return "<" + name + attrs + "/>"
	}
	return "<" + name + attrs + ">" + *content + "</" + name + ">"
}
