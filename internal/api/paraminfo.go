package api

import (
	"sort"
	"strings"
)

// runParamInfo is action=paraminfo: which modules exist and, briefly, what
// they do. Parameter lists are not described yet; clients that only check
// for a module's presence (pywikibot at start-up) get what they need.
func (s *Server) runParamInfo(c *call) error {
	var out []any
	for _, path := range c.multi("modules") {
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
	for _, p := range []string{"helpformat", "querymodules", "mainmodule", "pagesetmodule", "formatmodules"} {
		c.str(p)
	}
	c.result.set("paraminfo", newObj().set("modules", orEmpty(out)))
	return nil
}

// moduleInfo describes module path ("edit", "query+revisions"), or nil.
func (s *Server) moduleInfo(path string) *obj {
	group, desc, prefix, ok := "action", "", "", false
	name := path
	if sub, found := strings.CutPrefix(path, "query+"); found {
		name = sub
		for g, table := range map[string]map[string]*queryModule{"prop": s.props, "list": s.lists, "meta": s.metas} {
			if m, ok2 := table[sub]; ok2 {
				group, desc, prefix, ok = g, m.desc, m.prefix, true
			}
		}
	} else if m, found := s.actions[path]; found {
		return newObj().set("name", name).set("classname", "Folio").set("path", path).
			set("group", group).set("prefix", "").set("source", "Folio").
			set("licensetag", "Apache-2.0").set("description", m.desc).
			set("mustbeposted", flag(m.post)).set("writerights", flag(m.write)).
			set("helpurls", []any{}).set("parameters", []any{})
	}
	if !ok {
		return nil
	}
	return newObj().set("name", name).set("classname", "Folio").set("path", path).
		set("group", group).set("prefix", prefix).set("source", "Folio").
		set("licensetag", "Apache-2.0").set("description", desc).
		set("helpurls", []any{}).set("parameters", []any{})
}

func sortedActionNames(m map[string]*module) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
