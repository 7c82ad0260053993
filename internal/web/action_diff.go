package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/diff"
)

// diffData is a side-by-side diff table with a header for each side.
type diffData struct {
	Old, New diffSide
	Rows     template.HTML // rows from internal/diff; empty when equal
	// Between notes the revisions between Old and New, if any.
	Between string
}

// diffSide is the header of one column of a diff: a revision with its
// author and summary, or just a label.
type diffSide struct {
	ID       string // mw-diff-otitle or mw-diff-ntitle: the rows get ID1…ID4
	Label    string
	Rev      *folio.Revision
	User     template.HTML // user links of Rev's author
	URL      string        // permanent link of Rev
	EditURL  string
	UndoURL  string
	NavURL   string // previous or next edit
	NavText  string
	NavID    string
	Rollback *rollbackForm
	Patrol   *patrolForm // action_markpatrolled.go
}

// rollbackForm is the POST form behind a rollback link.
type rollbackForm struct {
	Action string
	Token  string
	From   string
	Edits  int // consecutive latest edits by From; 0 when not counted
}

// diffBox compares two texts that are not (both) saved revisions.
func (s *Server) diffBox(oldText, newText, oldLabel, newLabel string) *diffData {
	return &diffData{
		Old:  diffSide{Label: oldLabel},
		New:  diffSide{Label: newLabel},
		Rows: template.HTML(diff.Table(oldText, newText, diff.Options{})), // diff.Table escapes
	}
}

// diffPageData is what templates/diff.html shows.
type diffPageData struct {
	Diff *diffData
	// The new revision rendered below the diff, unless diffonly=1.
	Page *pageData
	// PageHeading introduces Page.
	PageHeading string
}

// handleDiff shows the differences between two revisions (diff= with
// oldid=; diff may be prev, next or cur).
func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	old, cur, err := s.diffPair(ctx, r, requestTitle(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := s.Store.FindPageByID(ctx, cur.PageID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := s.pageTitle(p)
	v := s.pageView(r, t, p, cur)
	v.Heading, v.Robots, v.Canonical = t.PrefixedText()+": Difference between revisions", "noindex,nofollow", ""
	d := &diffPageData{Diff: s.revisionDiff(w, r, t, p, old, cur)}
	if r.FormValue("diffonly") != "1" {
		pv := s.pageView(r, t, p, cur)
		if err := s.fillPage(ctx, pv, t, cur); err != nil {
			s.writeError(w, r, err)
			return
		}
		d.Page, d.PageHeading = pv.Data.(*pageData), "Revision as of "+formatDate(cur.Timestamp)
		if cur.ID == p.Latest {
			d.PageHeading = "Latest revision as of " + formatDate(cur.Timestamp)
		}
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "diff", v)
}

// diffPair resolves diff= and oldid= into the old (nil for a page's first
// revision) and new revisions, older first.
func (s *Server) diffPair(ctx context.Context, r *http.Request, t folio.Title) (old, cur *folio.Revision, err error) {
	dp := r.FormValue("diff")
	oldid, hasOld := idParam(r, "oldid")
	diffID, numeric := idParam(r, "diff")
	switch {
	case hasOld && numeric:
		old, cur, err = s.twoRevisions(ctx, oldid, diffID)
	case hasOld && dp == "prev":
		cur, err = s.Store.FindRevisionByID(ctx, oldid)
	case hasOld && dp == "next":
		if old, err = s.Store.FindRevisionByID(ctx, oldid); err == nil {
			cur, err = s.nextOrSelf(ctx, old)
		}
	case hasOld:
		if old, err = s.Store.FindRevisionByID(ctx, oldid); err == nil {
			cur, err = s.latestOf(ctx, old.PageID)
		}
	case numeric:
		cur, err = s.Store.FindRevisionByID(ctx, diffID)
	default:
		_, cur, err = s.latest(ctx, t)
	}
	if err != nil {
		return nil, nil, err
	}
	if old == nil && cur.ParentID != 0 && !(hasOld && dp == "next") {
		old, err = s.Store.FindRevisionByID(ctx, cur.ParentID)
	}
	if old != nil && old.ID > cur.ID {
		old, cur = cur, old
	}
	return old, cur, err
}

func (s *Server) twoRevisions(ctx context.Context, a, b int64) (*folio.Revision, *folio.Revision, error) {
	ra, err := s.Store.FindRevisionByID(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	rb, err := s.Store.FindRevisionByID(ctx, b)
	return ra, rb, err
}

func (s *Server) nextOrSelf(ctx context.Context, rev *folio.Revision) (*folio.Revision, error) {
	next, err := s.nextRevisionID(ctx, rev)
	if err != nil || next == 0 {
		return rev, err
	}
	return s.Store.FindRevisionByID(ctx, next)
}

func (s *Server) latestOf(ctx context.Context, pageID int64) (*folio.Revision, error) {
	p, err := s.Store.FindPageByID(ctx, pageID)
	if err != nil {
		return nil, err
	}
	return s.Store.FindRevisionByID(ctx, p.Latest)
}

// revisionDiff builds the diff table of two revisions with their headers.
func (s *Server) revisionDiff(w http.ResponseWriter, r *http.Request, t folio.Title, p *folio.Page, old, cur *folio.Revision) *diffData {
	oldText := ""
	d := &diffData{New: s.revSide(t, p, cur)}
	if old != nil {
		oldText, d.Old = old.Text, s.revSide(t, p, old)
		if old.PageID != cur.PageID { // a diff across pages
			if op, err := s.Store.FindPageByID(r.Context(), old.PageID); err == nil {
				d.Old = s.revSide(s.pageTitle(op), op, old)
			}
		}
		if old.ParentID != 0 {
			d.Old.NavURL, d.Old.NavText, d.Old.NavID = s.actionURL(t, "", "diff", "prev", "oldid", strconv.FormatInt(old.ID, 10)), "← Previous edit", "differences-prevlink"
		}
		if old.PageID == cur.PageID && old.ID != cur.ID {
			d.New.UndoURL = s.actionURL(t, "edit", "undoafter", strconv.FormatInt(old.ID, 10), "undo", strconv.FormatInt(cur.ID, 10))
			d.Between = s.between(r.Context(), old, cur)
		}
	}
	if cur.ID != p.Latest {
		d.New.NavURL, d.New.NavText, d.New.NavID = s.actionURL(t, "", "diff", "next", "oldid", strconv.FormatInt(cur.ID, 10)), "Next edit →", "differences-nextlink"
	} else {
		d.New.Rollback = s.rollbackForm(w, r, t, p, cur)
	}
	d.New.Patrol = s.patrolLink(w, r, t, cur)
	d.Rows = template.HTML(diff.Table(oldText, cur.Text, diff.Options{})) // diff.Table escapes
	d.Old.ID, d.New.ID = "mw-diff-otitle", "mw-diff-ntitle"
	actors := []folio.Actor{cur.Actor}
	if old != nil {
		actors = append(actors, old.Actor)
	}
	users := s.actorLinks(r.Context(), actors...)
	d.New.User = users[cur.Actor.Name]
	if old != nil {
		d.Old.User = users[old.Actor.Name]
	}
	return d
}

// revSide is the header of a revision in a diff.
func (s *Server) revSide(t folio.Title, p *folio.Page, rev *folio.Revision) diffSide {
	id := strconv.FormatInt(rev.ID, 10)
	side := diffSide{Rev: rev, URL: s.actionURL(t, "", "oldid", id), EditURL: s.actionURL(t, "edit", "oldid", id)}
	side.Label = "Revision as of " + formatDate(rev.Timestamp)
	if rev.ID == p.Latest {
		side.Label, side.EditURL = "Latest revision as of "+formatDate(rev.Timestamp), s.actionURL(t, "edit")
	}
	return side
}

// rollbackForm returns the rollback button for the latest revision when
// the visitor has the right; nil otherwise.
func (s *Server) rollbackForm(w http.ResponseWriter, r *http.Request, t folio.Title, p *folio.Page, latest *folio.Revision) *rollbackForm {
	if latest.ID != p.Latest || !s.Wiki.Allowed(s.currentUser(r), "rollback") {
		return nil
	}
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return nil
	}
	return &rollbackForm{Action: s.actionURL(t, "rollback", "from", latest.Actor.Name), Token: tok, From: latest.Actor.Name,
		Edits: s.countLatestEdits(r.Context(), p, latest.Actor.Name)}
}

// maxCounted caps the revisions counted for notes in diffs and rollbacks.
const maxCounted = 100

// countLatestEdits counts the consecutive latest edits of p by name.
func (s *Server) countLatestEdits(ctx context.Context, p *folio.Page, name string) int {
	revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &p.ID, Limit: maxCounted})
	if err != nil {
		return 0
	}
	n := 0
	for n < len(revs) && revs[n].Actor.Name == name {
		n++
	}
	return n
}

// between describes the revisions of a page between old and cur, which
// the diff does not show one by one; "" when they are adjacent.
func (s *Server) between(ctx context.Context, old, cur *folio.Revision) string {
	revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &cur.PageID, After: old.ID, Before: cur.ID, Limit: maxCounted + 1})
	if err != nil || len(revs) == 0 {
		return ""
	}
	users := map[string]bool{}
	for _, r := range revs {
		users[r.Actor.Name] = true
	}
	n := strconv.Itoa(len(revs))
	if len(revs) > maxCounted {
		n = "More than " + strconv.Itoa(maxCounted)
	}
	return "(" + plural(n, len(revs), "revision", "revisions") + " by " +
		plural(strconv.Itoa(len(users)), len(users), "user", "users") + " in between not shown)"
}

// plural joins a number and the singular or plural noun.
func plural(num string, n int, one, many string) string {
	if n == 1 {
		return num + " " + one
	}
	return num + " " + many
}
