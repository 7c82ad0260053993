package api

import (
	"fmt"

	"github.com/folio-wiki/folio"
)

// pageParam reads title or pageid and returns the existing page, or
// missingtitle.
func (s *Server) pageParam(c *call) (folio.Title, *folio.Page, error) {
	if c.has("pageid") {
		id, err := c.integer("pageid", 0)
		if err != nil {
			return folio.Title{}, nil, err
		}
		p, err := s.Store.FindPageByID(c.ctx, id)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return folio.Title{}, nil, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		} else if err != nil {
			return folio.Title{}, nil, err
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), p, nil
	}
	v, err := c.required("title")
	if err != nil {
		return folio.Title{}, nil, err
	}
	t, err := c.title(s, v)
	if err != nil {
		return folio.Title{}, nil, err
	}
	t = s.Namespaces.MakeTitle(t.Namespace, t.DBKey)
	p, err := s.findPage(c, t)
	if err != nil {
		return t, nil, err
	}
	if p == nil {
		return t, nil, usageError(folio.EMissingTitle, fmt.Sprintf("The page %q does not exist.", t.PrefixedText()))
	}
	return t, p, nil
}
