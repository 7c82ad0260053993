package api

import (
	"sort"
	"strings"
)

// runParamInfo is action=paraminfo: which modules exist and what they do.
// The main and query modules list their parameters, including the module
// names each accepts, which is what clients such as pywikibot read to
// learn the available modules; other modules list none yet.
func (s *Server) runParamInfo(c *call) error {
	var out []any
	paths := c.multi("modules")
	for _, p := range []string{"querymodules", "mainmodule", "pagesetmodule", "formatmodules"} {
		for _, v := range c.multi(p) {
			paths = append(paths, legacyPath(p, v))
		}
	}
	for _, path := range paths {
		if path == "*" {
			for _, name := range sortedActionNames(s.actions) {
				out = append(out, s.moduleInfo(name))
			}
			continue
		}
		if info := s.moduleInfo(path); info != nil {
			out = append(out, info)
		} else {
			c.warn("badmodule", "There is no module "+path+".")
		}
	}
	c.str("helpformat")
	c.result.set("paraminfo", newObj().set("modules", orEmpty(out)))
	return nil
}

// legacyPath maps the deprecated paraminfo parameters to module paths.
func legacyPath(param, v string) string {
	switch param {
	case "querymodules":
		return "query+" + v
	case "mainmodule":
		return "main"
	case "pagesetmodule":
		return "pageset"
	}
	return v
}

// moduleInfo describes module path ("main", "edit", "query+revisions"),
// or returns nil.
func (s *Server) moduleInfo(path string) *obj {
	info := func(name, group, prefix, desc string) *obj {
		o := newObj().set("name", name).set("classname", "Folio").set("path", path)
		if group != "" {
			o.set("group", group)
		}
		return o.set("prefix", prefix).set("source", "Folio").set("sourcename", "Folio").
			set("licensetag", "Apache-2.0").set("description", desc).set("helpurls", []any{})
	}
	if path == "main" {
		return info("main", "", "", "The main module.").set("parameters", s.mainParamInfo())
	}
	if sub, ok := strings.CutPrefix(path, "query+"); ok {
		for g, table := range map[string]map[string]*queryModule{"prop": s.props, "list": s.lists, "meta": s.metas} {
			if m, ok := table[sub]; ok {
				return info(sub, g, m.prefix, m.desc).set("readrights", flag(true)).
					set("generator", flag(m.generator)).set("parameters", []any{})
			}
		}
		return nil
	}
	m, ok := s.actions[path]
	if !ok {
		return nil
	}
	o := info(path, "action", "", m.desc).set("mustbeposted", flag(m.post)).set("writerights", flag(m.write)).set("readrights", flag(m.read))
	if m.token != "" {
		o.set("needstoken", m.token)
	}
	params := []any{}
	if path == "query" {
		params = s.queryParamInfo()
	} else if p := writeModuleParams(path); p != nil {
		params = p
	}
	return o.set("parameters", params)
}

// param describes one parameter; typ is a type name or a list of values.
func param(index int, name string, typ any, multi bool) *obj {
	return newObj().set("index", index).set("name", name).set("type", typ).
		set("required", flag(false)).set("multi", flag(multi))
}

func (s *Server) mainParamInfo() []any {
	return []any{
		param(1, "action", sortedActionNames(s.actions), false).set("default", "help"),
		param(2, "format", []string{"json", "jsonfm"}, false).set("default", "jsonfm"),
		param(3, "maxlag", "integer", false),
		param(4, "smaxage", "integer", false),
		param(5, "maxage", "integer", false),
		param(6, "assert", []string{"anon", "bot", "user"}, false),
		param(7, "assertuser", "user", false),
		param(8, "requestid", "string", false),
		param(9, "servedby", "boolean", false),
		param(10, "curtimestamp", "boolean", false),
		param(11, "origin", "string", false),
		param(12, "errorformat", []string{"bc", "html", "none", "plaintext", "raw", "wikitext"}, false).set("default", "bc"),
	}
}

func (s *Server) queryParamInfo() []any {
	var gens []string
	for name, m := range s.lists {
		if m.generator {
			gens = append(gens, name)
		}
	}
	sort.Strings(gens)
	return []any{
		param(1, "prop", sortedKeys(s.props), true),
		param(2, "list", sortedKeys(s.lists), true),
		param(3, "meta", sortedKeys(s.metas), true),
		param(4, "indexpageids", "boolean", false),
		param(5, "continue", "string", false),
		param(6, "rawcontinue", "boolean", false),
		param(7, "titles", "string", true).set("limit", 50).set("lowlimit", 50).set("highlimit", 500),
		param(8, "pageids", "integer", true).set("limit", 50).set("lowlimit", 50).set("highlimit", 500),
		param(9, "revids", "integer", true).set("limit", 50).set("lowlimit", 50).set("highlimit", 500),
		param(10, "generator", gens, false).set("submoduleparamprefix", "g"),
		param(11, "redirects", "boolean", false),
		param(12, "converttitles", "boolean", false),
	}
}

func sortedActionNames(m map[string]*module) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
