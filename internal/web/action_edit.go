package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
)

// editData is what templates/edit.html shows: the edit form and what
// surrounds it (preview, changes, conflict).
type editData struct {
	Action    string
	Token     string
	Text      string
	Summary   string
	Minor     bool
	CanMinor  bool
	Watch     bool // wpWatchthis: watch the page and its talk page
	CanWatch  bool
	BaseRevID int64
	StartTime string
	EditTime  string
	UndidRev  int64
	Section   string // wpSection: a section number, "new", or "" for the whole page
	ReadOnly  bool   // "View source": the visitor may not edit
	CancelURL string

	Preview template.HTML // rendered preview
	Diff    *diffData     // "Show changes" or the undo comparison
	// Conflict holds the user's text when the save conflicted; Text then
	// holds the current text of the page.
	Conflict *conflictData
}

// conflictData is the lower half of MediaWiki's edit conflict page.
type conflictData struct {
	Yours string
	Diff  *diffData
}

// editState is the page being edited, as loaded for the form.
type editState struct {
	t    folio.Title
	page *folio.Page     // nil when the page does not exist
	cur  *folio.Revision // the latest revision with text, nil likewise
}

// loadEdit loads the page t for editing; a missing page is no error.
func (s *Server) loadEdit(ctx context.Context, t folio.Title) (*editState, error) {
	if t.Namespace < folio.NSMain {
		return nil, folio.Errorf(folio.EInvalidTitle, "Pages in the %s namespace cannot be edited.", t.Prefix)
	}
	st := &editState{t: t}
	p, rev, err := s.latest(ctx, t)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		return st, nil
	} else if err != nil {
		return nil, err
	}
	st.page, st.cur = p, rev
	return st, nil
}

// newEditData returns the form filled with the current text.
func (s *Server) newEditData(w http.ResponseWriter, r *http.Request, st *editState) (*editData, error) {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return nil, err
	}
	d := &editData{
		Action:    s.actionURL(st.t, "submit"),
		Token:     tok,
		StartTime: mwTimestamp(s.now()),
		CanMinor:  s.currentUser(r) != nil,
		CancelURL: titlePath(st.t),
	}
	if st.cur != nil {
		d.Text, d.BaseRevID, d.EditTime = st.cur.Text, st.cur.ID, mwTimestamp(st.cur.Timestamp)
	}
	d.CanWatch, d.Watch = s.editWatchDefault(r, st)
	return d, nil
}

// handleEdit shows the edit form (action=edit), prefilled for undo= or
// oldid= when asked.
func (s *Server) handleEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st, err := s.loadEdit(ctx, requestTitle(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if st.page != nil && r.FormValue("redlink") == "1" {
		// A red link went stale: the page exists now.
		http.Redirect(w, r, titlePath(st.t), http.StatusFound)
		return
	}
	d, err := s.newEditData(w, r, st)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.editView(r, st, d)
	if sec := r.FormValue("section"); sec != "" {
		if err := s.prefillSection(v, st, d, sec); err != nil {
			s.writeError(w, r, err)
			return
		}
	} else if undo, ok := idParam(r, "undo"); ok && st.page != nil {
		undoAfter, _ := idParam(r, "undoafter")
		s.prefillUndo(ctx, v, st, d, undo, undoAfter)
	} else if oldid, ok := idParam(r, "oldid"); ok && st.page != nil {
		if err := s.prefillOld(ctx, v, st, d, oldid); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if st.page == nil {
		s.noteDeletion(ctx, v, st.t)
	}
	s.renderEdit(w, r, http.StatusOK, v, st)
}

// noteDeletion warns that a page being created was deleted before, with
// the latest deletion from the log.
func (s *Server) noteDeletion(ctx context.Context, v *view, t folio.Title) {
	ns := t.Namespace
	entries, err := s.Store.FindLogEntries(ctx, folio.LogFilter{Type: "delete", Namespace: &ns, DBKey: t.DBKey, Limit: 1})
	if err != nil || len(entries) == 0 || entries[0].Action != "delete" {
		return
	}
	e := entries[0]
	text := "This page was deleted on " + formatDate(e.Timestamp) + " by " + e.Actor.Name
	if e.Comment != "" {
		text += " (" + e.Comment + ")"
	}
	v.Notices = append(v.Notices, notice{Class: "warning", ID: "mw-recreate-deleted-warn",
		Text: text + ". Check that creating it again is appropriate."})
}

// editView returns the view around the edit form.
func (s *Server) editView(r *http.Request, st *editState, d *editData) *view {
	heading := "Editing " + st.t.PrefixedText()
	if st.page == nil {
		heading = "Creating " + st.t.PrefixedText()
	}
	v := s.newView(r, heading)
	v.Title, v.page, v.Action, v.Robots, v.Data = &st.t, st.page, "edit", "noindex,nofollow", d
	return v
}

// renderEdit checks the permission to edit and renders the form, read-only
// ("View source") with status 403 when the visitor may not edit.
func (s *Server) renderEdit(w http.ResponseWriter, r *http.Request, status int, v *view, st *editState) {
	d := v.Data.(*editData)
	err := s.Wiki.CheckPermission(r.Context(), s.currentUser(r), "edit", st.t, st.page)
	if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" && err == nil {
		err = folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode, so no edits can be saved now: %s", reason)
	}
	if err != nil {
		d.ReadOnly = true
		v.Heading = "View source for " + st.t.PrefixedText()
		v.addNotice("error", folio.ErrorMessage(err))
		status = errorStatusOf(err)
	} else if st.page != nil {
		if level := st.page.ProtectionLevel("edit", s.now()); level != "" {
			v.addNotice("warning", "This page is protected: only users with the "+level+" level may edit it.")
		}
	}
	if s.currentUser(r) == nil && !d.ReadOnly {
		v.Notices = append(v.Notices, notice{Class: "warning", ID: "mw-anon-edit-warning",
			Text: "You are not logged in. Your edit will be credited to your IP address, " + s.clientIP(r) +
				", which everyone can see. Log in to have it credited to your user name."})
	}
	s.render(w, r, status, "edit", v)
}

// prefillUndo fills the form with the current text minus revision undo.
func (s *Server) prefillUndo(ctx context.Context, v *view, st *editState, d *editData, undo, undoAfter int64) {
	undone, err := s.Store.FindRevisionByID(ctx, undo)
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
		return
	}
	text, err := s.Wiki.UndoText(ctx, st.page, undo, undoAfter)
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
		return
	}
	d.Diff = s.diffBox(st.cur.Text, text, "Latest revision", "Your text")
	d.Text, d.UndidRev = text, undo
	d.Summary = fmt.Sprintf("Undid revision %d by %s", undo, undone.Actor.Name)
	v.addNotice("success", "The edit can be undone. Check the comparison below, then publish the changes to finish undoing it.")
}

// prefillOld fills the form with the text of an old revision.
func (s *Server) prefillOld(ctx context.Context, v *view, st *editState, d *editData, oldid int64) error {
	rev, err := s.Store.FindRevisionByID(ctx, oldid)
	if err != nil {
		return err
	}
	if rev.PageID != st.page.ID {
		return folio.Errorf(folio.ENoSuchRevID, "Revision %d does not belong to %s.", oldid, st.t.PrefixedText())
	}
	if rev.ID != st.page.Latest {
		d.Text = rev.Text
		v.addNotice("warning", "You are editing an old revision of this page ("+formatDate(rev.Timestamp)+
			"). Publishing it replaces every change made since then.")
	}
	return nil
}

// revLabel names a revision in diff headers.
func revLabel(rev *folio.Revision) string {
	return "Revision " + strconv.FormatInt(rev.ID, 10) + " as of " + formatDate(rev.Timestamp)
}

// prefillSection fills the form with one section of the page, or empty for
// a new section (section=new).
func (s *Server) prefillSection(v *view, st *editState, d *editData, sec string) error {
	n, isNew, err := parseSection(sec)
	if err != nil {
		return err
	}
	d.Section, d.Text = sec, ""
	if isNew {
		v.Heading += " (new section)"
		return nil
	}
	if st.cur == nil {
		return missingSection(n)
	}
	_, _, h, ok := sectionBounds(st.cur.Text, n)
	if !ok {
		return missingSection(n)
	}
	d.Text, _ = sectionText(st.cur.Text, n)
	if n > 0 {
		d.Summary = "/* " + h.text + " */ "
	}
	v.Heading += " (section)"
	return nil
}
