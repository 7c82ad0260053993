package api

import (
	"github.com/folio-wiki/folio"
)

// runRollback is action=rollback.
func (s *Server) runRollback(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	user, err := c.required("user")
	if err != nil {
		return err
	}
	if ut, err := s.Namespaces.ParseTitle(user, folio.NSUser); err == nil && ut.Namespace == folio.NSUser {
		user = ut.Text()
	}
	for _, x := range []string{"summary", "markbot", "tags", "watchlist", "watchlistexpiry"} {
		c.str(x)
	}
	res, err := s.Wiki.Rollback(c.ctx, c.user(), c.ip(), p, user)
	if err != nil {
		return err
	}
	c.result.set("rollback", newObj().set("title", t.PrefixedText()).set("pageid", p.ID).
		set("summary", res.Revision.Comment).set("revid", res.Revision.ID).
		set("old_revid", res.OldRevID).set("last_revid", res.Revision.ParentID))
	return nil
}
