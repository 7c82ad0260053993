package api

import (
	"github.com/folio-wiki/folio/internal/wiki"
)

// runPatrol is action=patrol: rcid or revid, with a patrol token.
func (s *Server) runPatrol(c *call) error {
	if c.has("rcid") == c.has("revid") {
		return usageError("invalidparammix", "Exactly one of the parameters \"rcid\" and \"revid\" is required.")
	}
	rcid, err := c.integer("rcid", 0)
	if err != nil {
		return err
	}
	revid, err := c.integer("revid", 0)
	if err != nil {
		return err
	}
	c.str("tags")
	rc, err := s.Wiki.Patrol(c.ctx, wiki.PatrolRequest{RCID: rcid, RevID: revid, User: c.user(), IP: c.ip()})
	if err != nil {
		return err
	}
	t := s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
	c.result.set("patrol", newObj().set("rcid", rc.ID).set("ns", rc.Namespace).set("title", t.PrefixedText()))
	return nil
}
