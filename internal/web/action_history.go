package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/folio-wiki/folio"
)

// historyData is what templates/history.html shows.
type historyData struct {
	Rows     []historyRow
	Pager    *pagerNav
	Title    string // the title parameter of the compare form
	Rollback *rollbackForm
}

// historyRow is one revision in a page history.
type historyRow struct {
	Rev       *folio.Revision
	URL       string // permanent link
	CurURL    string // diff to the latest revision, "" for the latest
	PrevURL   string // diff to the parent, "" for the first revision
	UndoURL   string // undo this edit, "" when not offered
	User      template.HTML
	SizeDiff  int
	Latest    bool
	CheckOld  bool // radio buttons preselected: the second row
	CheckDiff bool // and the first
}

// handleHistory lists the revisions of a page, newest first, paged by
// revision id (action=history&limit=&offset=&dir=prev).
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pg := parsePager(r, 50)
	revs, more, err := s.historyRevisions(ctx, p, pg)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.newView(r, t.PrefixedText()+": Revision history")
	v.Title, v.page, v.Action, v.Robots = &t, p, "history", "noindex,nofollow"
	d := &historyData{Title: t.PrefixedDBKey()}
	canEdit := s.Wiki.CheckPermission(ctx, s.currentUser(r), "edit", t, p) == nil
	if err := s.historyRows(ctx, t, p, revs, d, canEdit); err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(revs) > 0 {
		urlFor := func(q url.Values) string { q.Set("action", "history"); return s.titleURL(t, q) }
		d.Pager = pg.nav(urlFor, revs[0].ID, revs[len(revs)-1].ID, more)
		if revs[0].ID == p.Latest {
			d.Rollback = s.rollbackForm(w, r, t, p, revs[0])
		}
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "history", v)
}

// historyRevisions reads one page of revisions, newest first, and whether
// there are more in the direction read.
func (s *Server) historyRevisions(ctx context.Context, p *folio.Page, pg pager) ([]*folio.Revision, bool, error) {
	pid := p.ID
	revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{
		PageID: &pid, Before: pg.Before(), After: pg.After(), Reverse: pg.Newer(), Limit: pg.Limit + 1,
	})
	if err != nil {
		return nil, false, err
	}
	more := len(revs) > pg.Limit
	if more {
		revs = revs[:pg.Limit]
	}
	if pg.Newer() {
		slices.Reverse(revs)
	}
	return revs, more, nil
}

// historyRows builds the rows; the size change of the oldest row shown
// needs its parent, loaded separately.
func (s *Server) historyRows(ctx context.Context, t folio.Title, p *folio.Page, revs []*folio.Revision, d *historyData, canEdit bool) error {
	lens := map[int64]int{}
	for _, rev := range revs {
		lens[rev.ID] = rev.Len
	}
	if n := len(revs); n > 0 && revs[n-1].ParentID != 0 {
		parent, err := s.Store.FindRevisionByID(ctx, revs[n-1].ParentID)
		if err != nil && folio.ErrorCode(err) != folio.ENoSuchRevID {
			return err
		} else if err == nil {
			lens[parent.ID] = parent.Len
		}
	}
	actors := make([]folio.Actor, len(revs))
	for i, rev := range revs {
		actors[i] = rev.Actor
	}
	users := s.actorLinks(ctx, actors...)
	for i, rev := range revs {
		id := strconv.FormatInt(rev.ID, 10)
		row := historyRow{Rev: rev, URL: s.actionURL(t, "", "oldid", id), Latest: rev.ID == p.Latest,
			SizeDiff: rev.Len - lens[rev.ParentID], CheckDiff: i == 0, CheckOld: i == 1, User: users[rev.Actor.Name]}
		if !row.Latest {
			row.CurURL = s.actionURL(t, "", "diff", strconv.FormatInt(p.Latest, 10), "oldid", id)
		}
		if rev.ParentID != 0 {
			row.PrevURL = s.actionURL(t, "", "diff", "prev", "oldid", id)
			if canEdit {
				row.UndoURL = s.actionURL(t, "edit", "undoafter", strconv.FormatInt(rev.ParentID, 10), "undo", id)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return nil
}
