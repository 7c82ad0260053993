package api

import (
	"github.com/folio-wiki/folio"
)

// listAllUsers is list=allusers.
func (s *Server) listAllUsers(c *call, q *query) error {
	l := q.listFor("allusers", "au")
	props := c.set(l.p("prop"), nil, "blockinfo", "groups", "implicitgroups", "rights", "editcount", "registration", "centralids")
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	f := folio.UserFilter{From: c.str(l.p("from")), Limit: limit + 1}
	if g := c.str(l.p("group")); g != "" {
		f.Group = &g
	}
	for _, p := range []string{"to", "prefix", "dir", "excludegroup", "rights", "witheditsonly", "activeusers", "attachedwiki"} {
		c.str(l.p(p))
	}
	users, err := s.Store.FindUsers(c.ctx, f)
	if err != nil {
		return err
	}
	for i, u := range users {
		if i == limit {
			c.moreResultsIn(l, "from", u.Name)
			break
		}
		o := newObj().set("userid", u.ID).set("name", u.Name)
		if props["editcount"] {
			o.set("editcount", u.EditCount)
		}
		if props["registration"] {
			o.set("registration", timestamp(u.Registration))
		}
		if props["groups"] {
			o.set("groups", folio.EffectiveGroups(u))
		}
		if props["implicitgroups"] {
			o.set("implicitgroups", implicitGroups(u))
		}
		if props["rights"] {
			o.set("rights", s.Wiki.UserRights(u))
		}
		l.emit(o, s.Namespaces.MakeTitle(folio.NSUser, u.Name))
	}
	q.out.set("allusers", orEmpty(l.items))
	return nil
}
