package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
)

// revisionNav is the bar above an old revision: who made it and links to
// the older, newer and latest revisions and their diffs.
type revisionNav struct {
	Rev           *folio.Revision
	User          template.HTML
	Current       bool
	PermalinkURL  string
	OlderURL      string
	OlderDiffURL  string
	NewerURL      string
	NewerDiffURL  string
	LatestURL     string
	LatestDiffURL string
}

// handleOldRevision shows the revision named by oldid= (action=view).
func (s *Server) handleOldRevision(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := idParam(r, "oldid")
	if !ok {
		s.writeError(w, r, folio.Errorf(folio.ENoSuchRevID, "There is no revision with the id %q.", r.FormValue("oldid")))
		return
	}
	rev, p, err := s.revisionWithPage(ctx, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := s.pageTitle(p)
	v := s.pageView(r, t, p, rev)
	v.Robots, v.revID = "noindex,nofollow", rev.ID
	nav, err := s.revisionNav(ctx, t, p, rev)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.fillPage(ctx, v, t, rev); err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data.(*pageData).Revision = nav
	s.render(w, r, http.StatusOK, "view", v)
}

// revisionWithPage loads a revision with its text and the page it belongs
// to.
func (s *Server) revisionWithPage(ctx context.Context, id int64) (*folio.Revision, *folio.Page, error) {
	rev, err := s.Store.FindRevisionByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.Store.FindPageByID(ctx, rev.PageID)
	if err != nil {
		return nil, nil, err
	}
	return rev, p, nil
}

// nextRevisionID returns the revision of the page after rev, 0 if none.
func (s *Server) nextRevisionID(ctx context.Context, rev *folio.Revision) (int64, error) {
	pid := rev.PageID
	revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pid, After: rev.ID, Reverse: true, Limit: 1})
	if err != nil || len(revs) == 0 {
		return 0, err
	}
	return revs[0].ID, nil
}

func (s *Server) revisionNav(ctx context.Context, t folio.Title, p *folio.Page, rev *folio.Revision) (*revisionNav, error) {
	id := strconv.FormatInt(rev.ID, 10)
	nav := &revisionNav{Rev: rev, Current: rev.ID == p.Latest, PermalinkURL: s.actionURL(t, "", "oldid", id),
		User: s.actorLinks(ctx, rev.Actor)[rev.Actor.Name]}
	if rev.ParentID != 0 {
		nav.OlderURL = s.actionURL(t, "", "oldid", strconv.FormatInt(rev.ParentID, 10))
		nav.OlderDiffURL = s.actionURL(t, "", "diff", "prev", "oldid", id)
	}
	if nav.Current {
		return nav, nil
	}
	next, err := s.nextRevisionID(ctx, rev)
	if err != nil {
		return nil, err
	}
	if next != 0 {
		nav.NewerURL = s.actionURL(t, "", "oldid", strconv.FormatInt(next, 10))
		nav.NewerDiffURL = s.actionURL(t, "", "diff", "next", "oldid", id)
	}
	nav.LatestURL = titlePath(t)
	nav.LatestDiffURL = s.actionURL(t, "", "diff", "cur", "oldid", id)
	return nav, nil
}
