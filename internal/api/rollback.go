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
	wr, err := s.watchlistParam(c, false)
	if err != nil {
		return err
	}
	res, err := s.Wiki.Rollback(c.ctx, c.user(), c.ip(), p, user)
	if err != nil {
		return err
	}
	if _, err := s.applyWatchlist(c, wr, t, false); err != nil {
		return err
	}
	target, err := s.restoredRevision(c, p.ID, res.OldRevID, user)
	if err != nil {
		return err
	}
	c.result.set("rollback", newObj().set("title", t.PrefixedText()).set("pageid", p.ID).
		set("summary", res.Revision.Comment).set("revid", res.Revision.ID).
		set("old_revid", res.OldRevID).set("last_revid", target))
	return nil
}

// restoredRevision finds the revision a rollback restored: the newest one
// before the rolled-back revision that user did not make.
func (s *Server) restoredRevision(c *call, pageID, rolledBack int64, user string) (int64, error) {
	f := folio.RevisionFilter{PageID: &pageID, Before: rolledBack + 1, Limit: 100}
	for {
		revs, err := s.Store.FindRevisions(c.ctx, f)
		if err != nil || len(revs) == 0 {
			return 0, err
		}
		for _, r := range revs {
			if r.Actor.Name != user {
				return r.ID, nil
			}
		}
		f.Before = revs[len(revs)-1].ID
	}
}
