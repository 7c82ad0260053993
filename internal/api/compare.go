package api

import (
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/diff"
)

// compareSide is one side of action=compare.
type compareSide struct {
	rev   *folio.Revision
	title folio.Title
	text  string
}

// runCompare is action=compare: the diff table between two revisions,
// pages or texts.
func (s *Server) runCompare(c *call) error {
	from, err := s.compareSide(c, "from", nil)
	if err != nil {
		return err
	}
	to, err := s.compareSide(c, "to", from)
	if err != nil {
		return err
	}
	c.str("prop")
	c.str("slots")
	o := newObj()
	for _, side := range []struct {
		p string
		v *compareSide
	}{{"from", from}, {"to", to}} {
		if side.v.rev != nil {
			o.set(side.p+"id", side.v.rev.PageID).set(side.p+"revid", side.v.rev.ID)
		}
		if side.v.title.DBKey != "" {
			o.set(side.p+"ns", side.v.title.Namespace).set(side.p+"title", side.v.title.PrefixedText())
		}
	}
	o.set(bcKey("body"), diff.Table(from.text, to.text, diff.Options{}))
	c.result.set("compare", o)
	return nil
}

// compareSide reads <p>title, <p>id, <p>rev, <p>text or torelative.
func (s *Server) compareSide(c *call, p string, from *compareSide) (*compareSide, error) {
	if c.has(p + "text") {
		side := &compareSide{text: c.str(p + "text")}
		if v := c.str(p + "title"); v != "" {
			t, err := c.title(s, v)
			if err != nil {
				return nil, err
			}
			side.title = t
		}
		return side, nil
	}
	id, err := s.compareRevID(c, p, from)
	if err != nil {
		return nil, err
	}
	if id == 0 {
		if p == "to" && from != nil && c.str("torelative") == "prev" {
			return &compareSide{title: from.title}, nil
		}
		return nil, usageError("missingparam", fmt.Sprintf("One of the %[1]qtitle, %[1]qid, %[1]qrev and %[1]qtext parameters is required.", p))
	}
	rev, err := s.Store.FindRevisionByID(c.ctx, id)
	if folio.ErrorCode(err) == folio.ENoSuchRevID {
		return nil, usageError("nosuchrevid", fmt.Sprintf("There is no revision %d.", id))
	} else if err != nil {
		return nil, err
	}
	pg, err := s.Store.FindPageByID(c.ctx, rev.PageID)
	if err != nil {
		return nil, err
	}
	t := s.Namespaces.MakeTitle(pg.Namespace, pg.DBKey)
	if err := s.Wiki.CheckPermission(c.ctx, c.user(), "read", t, pg); err != nil {
		return nil, err
	}
	return &compareSide{rev: rev, title: t, text: rev.Text}, nil
}

// compareRevID finds the revision id of one side.
func (s *Server) compareRevID(c *call, p string, from *compareSide) (int64, error) {
	if c.has(p + "rev") {
		return c.integer(p+"rev", 0)
	}
	if p == "to" && from != nil && from.rev != nil {
		switch c.str("torelative") {
		case "prev":
			return from.rev.ParentID, nil
		case "cur":
			pg, err := s.Store.FindPageByID(c.ctx, from.rev.PageID)
			if err != nil {
				return 0, err
			}
			return pg.Latest, nil
		case "next":
			pid := from.rev.PageID
			revs, err := s.Store.FindRevisions(c.ctx, folio.RevisionFilter{PageID: &pid, After: from.rev.ID, Reverse: true, Limit: 1})
			if err != nil || len(revs) == 0 {
				return 0, err
			}
			return revs[0].ID, nil
		}
	}
	if c.has(p + "id") {
		id, err := c.integer(p+"id", 0)
		if err != nil {
			return 0, err
		}
		pg, err := s.Store.FindPageByID(c.ctx, id)
		if err != nil {
			return 0, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		}
		return pg.Latest, nil
	}
	if v := c.str(p + "title"); v != "" {
		t, err := c.title(s, v)
		if err != nil {
			return 0, err
		}
		pg, err := s.findPage(c, t)
		if err != nil {
			return 0, err
		}
		if pg == nil {
			return 0, usageError(folio.EMissingTitle, fmt.Sprintf("The page %q does not exist.", t.PrefixedText()))
		}
		return pg.Latest, nil
	}
	return 0, nil
}
