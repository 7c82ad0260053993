package api

// runDelete is action=delete.
func (s *Server) runDelete(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	for _, x := range []string{"tags", "watch", "watchlist", "watchlistexpiry", "unwatch", "oldimage", "deletetalk"} {
		c.str(x)
	}
	reason := c.str("reason")
	wr, err := s.watchlistParam(c, false)
	if err != nil {
		return err
	}
	le, err := s.Wiki.Delete(c.ctx, c.user(), c.ip(), p, reason)
	if err != nil {
		return err
	}
	if _, err := s.applyWatchlist(c, wr, t, false); err != nil {
		return err
	}
	c.result.set("delete", newObj().set("title", t.PrefixedText()).set("reason", reason).set("logid", le.ID))
	return nil
}
