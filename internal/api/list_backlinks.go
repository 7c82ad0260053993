package api

import (
	"strconv"

	"github.com/folio-wiki/folio"
)

// backlinkList returns list=backlinks (kind "link") or list=embeddedin
// (kind "template"): the pages that link to or transclude a title.
func (s *Server) backlinkList(name, prefix, kind string) func(c *call, q *query) error {
	return func(c *call, q *query) error {
		l := q.listFor(name, prefix)
		v, err := c.required(l.p("title"))
		if err != nil {
			return err
		}
		t, err := c.title(s, v)
		if err != nil {
			return err
		}
		limit, err := c.limit(l.p("limit"), 10, 500, 5000)
		if err != nil {
			return err
		}
		nss, err := c.namespaces(l.p("namespace"))
		if err != nil {
			return err
		}
		f := folio.BacklinkFilter{Target: folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}, Kind: kind, Limit: limit + 1}
		if kind == "link" {
			f.Kind = ""
			if c.str(l.p("filterredir")) == "nonredirects" {
				f.Kind = "link"
			}
		}
		if len(nss) == 1 {
			f.Namespace = &nss[0]
		}
		if f.FromPageID, err = c.integer(l.p("continue"), 0); err != nil {
			return err
		}
		for _, p := range []string{"dir", "pageid", "redirect", "filterredir"} {
			c.str(l.p(p))
		}
		pages, err := s.Store.FindBacklinks(c.ctx, f)
		if err != nil {
			return err
		}
		for i, p := range pages {
			if i == limit {
				c.moreResults(l, strconv.FormatInt(pages[i-1].ID, 10))
				break
			}
			pt := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
			o := newObj().set("pageid", p.ID).set("ns", p.Namespace).set("title", pt.PrefixedText())
			if p.IsRedirect && kind == "link" {
				o.set("redirect", flag(true))
			}
			l.emit(o, pt)
		}
		if !l.generator {
			q.out.set(name, orEmpty(l.items))
		}
		return nil
	}
}
