package api

import (
	"github.com/folio-wiki/folio"
)

// listImageUsage is list=imageusage: the pages that use a file.
func (s *Server) listImageUsage(c *call, q *query) error {
	l := q.listFor("imageusage", "iu")
	v, err := c.required(l.p("title"))
	if err != nil {
		return err
	}
	t, err := c.title(s, v)
	if err != nil {
		return err
	}
	if t.Namespace != folio.NSFile {
		return usageError("imageusage_bad_title", "The title for list=imageusage must be a file.")
	}
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	for _, p := range []string{"namespace", "dir", "filterredir", "redirect", "continue", "pageid"} {
		c.str(l.p(p))
	}
	var pages []*folio.Page
	if s.Files != nil {
		if pages, err = s.Files.Files.FileUsage(c.ctx, t.DBKey, limit); err != nil {
			return err
		}
	}
	for _, p := range pages {
		pt := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		l.emit(newObj().set("pageid", p.ID).set("ns", p.Namespace).set("title", pt.PrefixedText()), pt)
	}
	if !l.generator {
		q.out.set("imageusage", orEmpty(l.items))
	}
	return nil
}
