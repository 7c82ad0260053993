package api

import (
	"fmt"
	"strings"
)

// runHelp is action=help: a plain summary of the modules, in the result
// object as MediaWiki returns help for format=json.
func (s *Server) runHelp(c *call) error {
	c.str("modules")
	c.str("submodules")
	c.str("recursivesubmodules")
	c.str("wrap")
	c.str("toc")
	var b strings.Builder
	b.WriteString("<h1>Folio action API</h1>\n<p>This wiki speaks the MediaWiki 1.39 action API. Modules:</p>\n<dl>\n")
	for _, name := range sortedActionNames(s.actions) {
		fmt.Fprintf(&b, "<dt>action=%s</dt><dd>%s</dd>\n", name, htmlEscape(s.actions[name].desc))
	}
	for _, g := range []struct {
		group string
		table map[string]*queryModule
	}{{"prop", s.props}, {"list", s.lists}, {"meta", s.metas}} {
		for _, name := range sortedKeys(g.table) {
			fmt.Fprintf(&b, "<dt>%s=%s</dt><dd>%s</dd>\n", g.group, name, htmlEscape(g.table[name].desc))
		}
	}
	b.WriteString("</dl>\n")
	c.result.set("help", newObj().set(bcKey("help"), b.String()))
	return nil
}
