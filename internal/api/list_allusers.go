package api

import (
	"strings"

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
	f, keep := allUsersFilter(c, l)
	users, err := s.findUsers(c, f, keep, limit+1)
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

// allUsersFilter reads aufrom, auprefix, auto, augroup, auexcludegroup and
// auwitheditsonly; keep reports whether a user is wanted and whether the
// listing is past auto or the prefix.
func allUsersFilter(c *call, l *listRun) (folio.UserFilter, func(*folio.User) (bool, bool)) {
	prefix, to := c.str(l.p("prefix")), c.str(l.p("to"))
	f := folio.UserFilter{From: c.strDefault(l.p("from"), prefix)}
	if g := c.str(l.p("group")); g != "" {
		f.Group = &g
	}
	exclude := c.multi(l.p("excludegroup"))
	withEdits := c.boolean(l.p("witheditsonly"))
	for _, p := range []string{"dir", "rights", "activeusers", "attachedwiki"} {
		c.str(l.p(p))
	}
	keep := func(u *folio.User) (bool, bool) {
		if (to != "" && u.Name > to) || !strings.HasPrefix(u.Name, prefix) {
			return false, true
		}
		for _, g := range exclude {
			if contains(u.Groups, g) {
				return false, false
			}
		}
		return !withEdits || u.EditCount > 0, false
	}
	return f, keep
}

// findUsers pages through the users until n pass keep.
func (s *Server) findUsers(c *call, f folio.UserFilter, keep func(*folio.User) (bool, bool), n int) ([]*folio.User, error) {
	f.Limit = 500
	var out []*folio.User
	skip := ""
	for {
		users, err := s.Store.FindUsers(c.ctx, f)
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			ok, stop := keep(u)
			switch {
			case u.Name == skip:
			case stop || len(out) == n:
				return out, nil
			case ok:
				out = append(out, u)
			}
		}
		if len(users) < f.Limit {
			return out, nil
		}
		f.From, skip = users[len(users)-1].Name, users[len(users)-1].Name
	}
}
