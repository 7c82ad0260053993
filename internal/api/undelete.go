package api

import (
	"github.com/folio-wiki/folio"
)

// runUndelete is action=undelete.
func (s *Server) runUndelete(c *call) error {
	v, err := c.required("title")
	if err != nil {
		return err
	}
	t, err := c.title(s, v)
	if err != nil {
		return err
	}
	t = s.Namespaces.MakeTitle(t.Namespace, t.DBKey)
	archived, err := s.Store.FindArchivedRevisions(c.ctx, t.Namespace, t.DBKey)
	if err != nil {
		return err
	}
	if len(archived) == 0 {
		return usageError(folio.ECantUndelete, "There are no deleted revisions of this page to restore.")
	}
	for _, x := range []string{"tags", "timestamps", "fileids", "undeletetalk", "watchlist", "watchlistexpiry"} {
		c.str(x)
	}
	reason := c.str("reason")
	wr, err := s.watchlistParam(c, false)
	if err != nil {
		return err
	}
	if _, err := s.Wiki.Undelete(c.ctx, c.user(), c.ip(), t, nil, reason); err != nil {
		return err
	}
	if _, err := s.applyWatchlist(c, wr, t, false); err != nil {
		return err
	}
	c.result.set("undelete", newObj().set("title", t.PrefixedText()).set("revisions", len(archived)).
		set("fileversions", 0).set("reason", reason))
	return nil
}
