package web

import "net/http"

// handleDelete shows the deletion form (GET) and deletes the page (POST
// with a valid token) for users with the delete right (action=delete).
func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	u := s.currentUser(r)
	if err := s.Wiki.CheckPermission(ctx, u, "delete", t, p); err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.actionView(r, "Delete \""+t.PrefixedText()+"\"", t, p, "delete")
	d := &confirmData{
		Action: s.actionURL(t, "delete"), Reason: true, Button: "Delete page", ButtonID: "wpConfirmB",
		Destructive: true, FormID: "deleteconfirm",
		Intro: "You are about to delete this page and all of its history. Administrators can restore it later. Please give a reason.",
		Watch: s.watchBoxFor(r, t, "wpWatch"),
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if _, err := s.Wiki.Delete(ctx, u, s.clientIP(r), p, r.PostFormValue("wpReason")); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if err := s.deleteFileOf(ctx, t, s.Wiki.Actor(u, s.clientIP(r)), r.PostFormValue("wpReason")); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.applyWatchBox(r, t, d.Watch)
	s.Logger.Info("page deleted", "request_id", state(r).id, "page_id", p.ID)
	v = s.actionView(r, "Action complete", t, nil, "delete")
	s.showResult(w, r, v, "“"+t.PrefixedText()+"” has been deleted.",
		link{Href: s.specialURL("Log/delete"), Text: "Deletion log"},
		link{Href: titlePath(s.mainPage()), Text: "Return to " + s.mainPage().PrefixedText()})
}
