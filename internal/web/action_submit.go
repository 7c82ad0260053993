package web

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/wiki"
)

// handleSubmit handles the edit form (action=submit): preview, show
// changes or save. Nothing the user typed is lost on any failure: the
// form comes back with the text.
func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.handleEdit(w, r)
		return
	}
	ctx := r.Context()
	st, err := s.loadEdit(ctx, requestTitle(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.submittedEditData(w, r, st)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.editView(r, st, d)
	if err := s.checkToken(r); err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
		s.renderEdit(w, r, errorStatusOf(err), v, st)
		return
	}
	switch {
	case r.PostForm["wpTextbox1"] == nil:
		// A truncated or foreign form: never save it as an empty page.
		s.refuse(w, r, v, st, folio.Errorf(folio.EInvalidParameter, "The form arrived without the page text, so nothing was saved."))
	case r.PostFormValue("wpPreview") != "":
		s.preview(w, r, v, st)
	case r.PostFormValue("wpDiff") != "":
		s.showChanges(w, r, v, st)
	default:
		s.save(w, r, v, st)
	}
}

// submittedEditData reads the form fields back into editData.
func (s *Server) submittedEditData(w http.ResponseWriter, r *http.Request, st *editState) (*editData, error) {
	d, err := s.newEditData(w, r, st)
	if err != nil {
		return nil, err
	}
	d.Text = r.PostFormValue("wpTextbox1")
	d.Summary = r.PostFormValue("wpSummary")
	d.Minor = r.PostFormValue("wpMinoredit") != ""
	d.Watch = r.PostFormValue("wpWatchthis") != ""
	d.BaseRevID, _ = idParam(r, "baseRevId")
	d.UndidRev, _ = idParam(r, "wpUndidRevision")
	d.Section = r.PostFormValue("wpSection")
	if yours := r.PostFormValue("wpTextbox2"); yours != "" {
		// Previewing on the conflict page: keep the user's own text.
		d.Conflict = &conflictData{Yours: yours, Diff: s.diffBox(d.Text, yours, "Text above", "Your text")}
	}
	if ts := r.PostFormValue("wpStarttime"); ts != "" {
		d.StartTime = ts
	}
	d.EditTime = r.PostFormValue("wpEdittime")
	if r.PostFormValue("baseRevId") == "" && d.EditTime != "" && st.page != nil {
		// Older clients send only the timestamp of the revision they loaded.
		d.BaseRevID = s.revisionAt(r.Context(), st.page, d.EditTime)
	}
	return d, nil
}

// revisionAt returns the id of the revision of p that was current at the
// 14-digit timestamp ts, or 0 when it cannot be found. Of several
// revisions saved in that second it takes the oldest: a base that is too
// old only makes the merge see some changes on both sides, while one that
// is too new would overwrite a change silently.
func (s *Server) revisionAt(ctx context.Context, p *folio.Page, ts string) int64 {
	at, err := time.Parse("20060102150405", ts)
	if err != nil {
		return 0
	}
	revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &p.ID, Limit: maxCounted})
	if err != nil {
		return 0
	}
	var id int64
	for _, rev := range revs {
		if rev.Timestamp.Before(at.Add(-time.Second)) && id != 0 {
			break
		}
		if !rev.Timestamp.After(at.Add(time.Second - 1)) {
			id = rev.ID
		}
	}
	return id
}

// preview renders the submitted text above the form.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, v *view, st *editState) {
	d := v.Data.(*editData)
	text := d.Text
	if d.Section == "new" {
		text = appendSection("", d.Summary, d.Text)
	}
	out, err := s.Renderer.Render(r.Context(), st.t, text, render.Options{Preview: true, NoEditSections: true})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Preview = template.HTML(out.HTML) // the renderer sanitises its output
	s.renderEdit(w, r, http.StatusOK, v, st)
}

// save saves the edit and redirects to the page (303). A conflict shows
// the conflict page; other refusals show the form again with the message.
func (s *Server) save(w http.ResponseWriter, r *http.Request, v *view, st *editState) {
	d := v.Data.(*editData)
	text, summary, err := s.fullText(r.Context(), st, d)
	if err != nil {
		s.refuse(w, r, v, st, err)
		return
	}
	out, err := s.Wiki.Edit(r.Context(), wiki.EditRequest{
		Title: st.t, Text: text, Summary: summary, Minor: d.Minor,
		BaseRevID: d.BaseRevID, User: s.currentUser(r), IP: s.clientIP(r),
	})
	switch {
	case wiki.IsConflict(err) && out != nil:
		s.showConflict(w, r, v, st, out)
	case err == nil:
		s.logSave(r, st, out)
		s.applyEditWatch(r, st.t, d)
		http.Redirect(w, r, titlePath(st.t)+sectionFragment(d), http.StatusSeeOther)
	case folio.ErrorCode(err) == folio.EInternal:
		s.writeError(w, r, err)
	case folio.ErrorCode(err) == folio.EMissingTitle && d.BaseRevID != 0:
		// Deleted while the user was editing: offer to re-create it.
		d.BaseRevID, d.EditTime = 0, ""
		v.addNotice("warning", "This page was deleted after you started editing it. Publish again to re-create it with your text.")
		s.renderEdit(w, r, http.StatusConflict, v, st)
	default:
		s.refuse(w, r, v, st, err)
	}
}

// refuse shows the form again with the reason a save was refused.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, v *view, st *editState, err error) {
	if folio.ErrorCode(err) == folio.EInternal {
		s.writeError(w, r, err)
		return
	}
	v.addNotice("error", folio.ErrorMessage(err))
	s.renderEdit(w, r, errorStatusOf(err), v, st)
}

// showChanges shows the differences the save would make to the page.
func (s *Server) showChanges(w http.ResponseWriter, r *http.Request, v *view, st *editState) {
	d := v.Data.(*editData)
	text, _, err := s.fullText(r.Context(), st, d)
	if err != nil {
		s.refuse(w, r, v, st, err)
		return
	}
	cur := ""
	if st.cur != nil {
		cur = st.cur.Text
	}
	d.Diff = s.diffBox(cur, text, "Latest revision", "Your text")
	s.renderEdit(w, r, http.StatusOK, v, st)
}

// fullText returns the page text and summary a submission saves. A section
// edit is applied to the revision the editor started from, so that the
// save merges with later changes like any other edit; a new section is
// added to the latest text and never conflicts (d.BaseRevID moves there).
func (s *Server) fullText(ctx context.Context, st *editState, d *editData) (text, summary string, err error) {
	if d.Section == "" {
		return d.Text, d.Summary, nil
	}
	n, isNew, err := parseSection(d.Section)
	if err != nil {
		return "", "", err
	}
	if isNew {
		return s.newSectionText(st, d)
	}
	base := ""
	if d.BaseRevID != 0 {
		rev, err := s.Store.FindRevisionByID(ctx, d.BaseRevID)
		if err != nil {
			return "", "", err
		}
		base = rev.Text
	}
	text, ok := replaceSection(base, n, d.Text)
	if !ok {
		return "", "", missingSection(n)
	}
	return text, d.Summary, nil
}

func (s *Server) logSave(r *http.Request, st *editState, out *wiki.EditOutcome) {
	if out.Result == nil || out.Result.Revision == nil {
		return
	}
	s.Logger.Info("page saved", "request_id", state(r).id, "page_id", out.Result.Page.ID,
		"rev_id", out.Result.Revision.ID, "merged", out.Merged)
}

// showConflict shows MediaWiki's edit conflict page with status 409: the
// current text in the upper box (wpTextbox1), to be edited and saved on
// top of the latest revision, and the user's text below (wpTextbox2),
// with the differences between them.
func (s *Server) showConflict(w http.ResponseWriter, r *http.Request, v *view, st *editState, out *wiki.EditOutcome) {
	d := v.Data.(*editData)
	yours := d.Text
	if out.SubmittedText != "" {
		yours = out.SubmittedText
	}
	d.Conflict = &conflictData{Yours: yours, Diff: s.diffBox(out.CurrentText, yours, "Latest revision", "Your text")}
	d.Text, d.BaseRevID, d.Section = out.CurrentText, out.CurrentRevID, ""
	if p, rev, err := s.latest(r.Context(), st.t); err == nil {
		st.page, st.cur = p, rev
		v.page = p
		d.EditTime = mwTimestamp(rev.Timestamp)
	}
	v.Heading = "Edit conflict: " + st.t.PrefixedText()
	v.addNotice("warning", "Someone else changed this page after you started editing it. "+
		"The upper box holds the page as it is now; your text is in the lower box. "+
		"Move your changes into the upper box, then publish. Only the text in the upper box is saved.")
	s.renderEdit(w, r, http.StatusConflict, v, st)
}

func (s *Server) newSectionText(st *editState, d *editData) (text, summary string, err error) {
	cur := ""
	d.BaseRevID = 0
	if st.cur != nil {
		cur, d.BaseRevID = st.cur.Text, st.cur.ID
	}
	if d.Summary != "" {
		summary = "/* " + d.Summary + " */ new section"
	}
	return appendSection(cur, d.Summary, d.Text), summary, nil
}
