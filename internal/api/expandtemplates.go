package api

import (
	"fmt"

	"github.com/folio-wiki/folio"
)

// expandProps are the values of expandtemplates' prop parameter.
var expandProps = []string{"wikitext", "categories", "properties", "volatile", "ttl", "modules",
	"jsconfigvars", "encodedjsconfigvars", "parsetree"}

// runExpandTemplates is action=expandtemplates: text expanded as if on
// page title (or the page of revid), without rendering. Without prop the
// legacy shape is used: the text as the object's content.
func (s *Server) runExpandTemplates(c *call) error {
	text, ok := c.form["text"]
	c.used["text"] = true
	if !ok {
		return usageError("missingparam", "The \"text\" parameter must be set.")
	}
	t, err := s.expandTitle(c)
	if err != nil {
		return err
	}
	legacy := !c.has("prop")
	props := c.set("prop", nil, expandProps...)
	for _, x := range []string{"includecomments", "showstrategykeys", "generatexml"} {
		c.str(x)
	}
	if props["parsetree"] {
		c.warn("parsetree", "prop=parsetree is not supported; no parse tree is returned.")
	}
	if s.Renderer == nil {
		return fmt.Errorf("expandtemplates: no renderer configured")
	}
	exp, err := s.Renderer.ExpandTemplates(c.ctx, t, text[0])
	if err != nil {
		return err
	}
	out := newObj()
	if legacy {
		c.warn("deprecation", "Because no values have been given for \"prop\", the legacy output format is used; set prop (for example prop=wikitext).")
		out.set(bcKey("wikitext"), exp.Text)
		c.result.set("expandtemplates", out)
		return nil
	}
	if props["categories"] && len(exp.Categories) > 0 {
		cats := []any{}
		for _, cat := range exp.Categories {
			cats = append(cats, newObj().set("sortkey", "").set(bcKey("category"), cat))
		}
		out.set("categories", cats)
	}
	if props["volatile"] {
		out.set("volatile", flag(false))
	}
	if props["modules"] {
		out.set("modules", []any{}).set("modulescripts", []any{}).set("modulestyles", []any{})
	}
	if props["jsconfigvars"] {
		out.set("jsconfigvars", newObj())
	}
	if props["encodedjsconfigvars"] {
		out.set("encodedjsconfigvars", "{}")
	}
	if props["wikitext"] {
		out.set("wikitext", exp.Text)
	}
	c.result.set("expandtemplates", out)
	return nil
}

// expandTitle is the page the text is expanded on: revid's page, title,
// or "API".
func (s *Server) expandTitle(c *call) (folio.Title, error) {
	if c.has("revid") {
		id, err := c.integer("revid", 0)
		if err != nil {
			return folio.Title{}, err
		}
		r, err := s.Store.FindRevisionByID(c.ctx, id)
		if folio.ErrorCode(err) == folio.ENoSuchRevID {
			return folio.Title{}, usageError("nosuchrevid", fmt.Sprintf("There is no revision with ID %d.", id))
		} else if err != nil {
			return folio.Title{}, err
		}
		return s.Namespaces.MakeTitle(r.Namespace, r.DBKey), nil
	}
	t, err := c.title(s, c.strDefault("title", "API"))
	if err != nil {
		return folio.Title{}, err
	}
	return s.Namespaces.MakeTitle(t.Namespace, t.DBKey), nil
}
