package api

import (
	"strconv"

	"github.com/folio-wiki/folio"
)

// listAllImages is list=allimages, by name or by date.
func (s *Server) listAllImages(c *call, q *query) error {
	l := q.listFor("allimages", "ai")
	props := c.set(l.p("prop"), []string{"timestamp", "url"}, imageInfoProps...)
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	f, err := fileFilter(c, l, limit)
	if err != nil {
		return err
	}
	offset := f.Offset
	if s.Files == nil {
		q.out.set("allimages", []any{})
		return nil
	}
	files, err := s.Files.Files.FindFiles(c.ctx, f)
	if err != nil {
		return err
	}
	for i, file := range files {
		if i == limit {
			c.moreResults(l, strconv.Itoa(offset+limit))
			break
		}
		t := s.Namespaces.MakeTitle(folio.NSFile, file.Name)
		o := newObj().set("name", file.Name)
		info := s.imageInfo(file, props, 0)
		for _, k := range info.keys {
			o.set(k, info.get(k))
		}
		l.emit(o.set("ns", folio.NSFile).set("title", t.PrefixedText()), t)
	}
	if !l.generator {
		q.out.set("allimages", orEmpty(l.items))
	}
	return nil
}

// fileFilter reads the sort order, direction and continuation.
func fileFilter(c *call, l *listRun, limit int) (folio.FileFilter, error) {
	var f folio.FileFilter
	sortBy, err := c.enum(l.p("sort"), "name", "name", "timestamp")
	if err != nil {
		return f, err
	}
	dir, err := c.enum(l.p("dir"), "ascending", "ascending", "descending", "newer", "older")
	if err != nil {
		return f, err
	}
	offset, err := c.integer(l.p("continue"), 0)
	if err != nil {
		return f, err
	}
	for _, p := range []string{"from", "to", "start", "end", "prefix", "minsize", "maxsize", "sha1", "sha1base36", "user", "filterbots", "mime"} {
		c.str(l.p(p))
	}
	f = folio.FileFilter{Sort: "name", Ascending: dir == "ascending" || dir == "newer", Offset: int(offset), Limit: limit + 1}
	if sortBy == "timestamp" {
		f.Sort = "date"
	}
	return f, nil
}
