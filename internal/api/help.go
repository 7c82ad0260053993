package api

import (
	"fmt"
	"strings"
)

// runHelp is action=help: an HTML page summarising the modules, or with
// wrap, the same HTML inside the result as {"help": {"mime", "help"}}.
func (s *Server) runHelp(c *call) error {
	c.str("modules")
	c.str("submodules")
	c.str("recursivesubmodules")
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
	if c.boolean("wrap") {
		c.result.set("help", newObj().set("mime", "text/html").set("help", b.String()))
		return nil
	}
	c.html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>API help - " +
		htmlEscape(s.Site.Name) + "</title></head><body>\n" + b.String() + "</body></html>\n"
	return nil
}
