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
		f, err := backlinkFilter(c, l, t, kind, limit)
		if err != nil {
			return err
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

// backlinkFilter reads the namespace, redirect filter and continuation.
func backlinkFilter(c *call, l *listRun, t folio.Title, kind string, limit int) (folio.BacklinkFilter, error) {
	f := folio.BacklinkFilter{Target: folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}, Kind: kind, Limit: limit + 1}
	nss, err := c.namespaces(l.p("namespace"))
	if err != nil {
		return f, err
	}
	if kind == "link" {
		f.Kind = ""
		if c.str(l.p("filterredir")) == "nonredirects" {
			f.Kind = "link"
		}
	}
	if len(nss) == 1 {
		f.Namespace = &nss[0]
	}
	for _, p := range []string{"dir", "pageid", "redirect"} {
		c.str(l.p(p))
	}
	f.FromPageID, err = c.integer(l.p("continue"), 0)
	return f, err
}
