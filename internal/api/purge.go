package api

// runPurge is action=purge: cached copies of each page are dropped, and the
// answer reports each page as MediaWiki does.
func (s *Server) runPurge(c *call) error {
	q := &query{out: newObj(), pages: newPageSet()}
	if err := s.fillPageSet(c, q); err != nil {
		return err
	}
	if len(q.pages.normalized) > 0 {
		c.result.set("normalized", q.pages.normalized)
	}
	c.str("forcelinkupdate")
	c.str("forcerecursivelinkupdate")
	var out []any
	for _, e := range q.pages.entries {
		if e.invalid != "" {
			out = append(out, newObj().set("title", e.input).set("invalid", flag(true)))
			continue
		}
		o := newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText())
		if e.page == nil {
			o.set("missing", flag(true))
		} else if err := s.Wiki.Purge(c.ctx, c.user(), e.title); err != nil {
			return err
		} else {
			o.set("purged", flag(true))
		}
		out = append(out, o)
	}
	c.result.set("batchcomplete", flag(true))
	c.result.set("purge", orEmpty(out))
	return nil
}
