package api

import (
	"github.com/folio-wiki/folio"
)

// backlinkProp returns prop=linkshere (kind "link"), prop=transcludedin
// ("template") or prop=redirects ("redirect"): for each page, the pages
// that link to it, transclude it or redirect to it.
func (s *Server) backlinkProp(name, prefix, kind string) func(c *call, q *query) error {
	return func(c *call, q *query) error {
		limit, err := c.limit(prefix+"limit", 10, 500, 5000)
		if err != nil {
			return err
		}
		nss, err := c.namespaces(prefix + "namespace")
		if err != nil {
			return err
		}
		for _, p := range []string{"prop", "show", "continue"} {
			c.str(prefix + p)
		}
		for _, e := range q.pages.existing() {
			f := folio.BacklinkFilter{Target: folio.LinkTarget{Namespace: e.title.Namespace, DBKey: e.title.DBKey}, Kind: kind, Limit: limit}
			if len(nss) == 1 {
				f.Namespace = &nss[0]
			}
			pages, err := s.Store.FindBacklinks(c.ctx, f)
			if err != nil {
				return err
			}
			var out []any
			for _, p := range pages {
				o := newObj().set("pageid", p.ID).set("ns", p.Namespace).
					set("title", s.Namespaces.MakeTitle(p.Namespace, p.DBKey).PrefixedText())
				if kind != "redirect" {
					o.set("redirect", flag(p.IsRedirect))
				}
				out = append(out, o)
			}
			if len(out) > 0 {
				e.out.set(name, out)
			}
		}
		return nil
	}
}
