package web

import "net/http"

// handlePurge asks for confirmation on GET and, on POST with a valid
// token, drops cached renderings of the page and returns to it
// (action=purge).
func (s *Server) handlePurge(w http.ResponseWriter, r *http.Request) {
	t := requestTitle(r)
	v := s.actionView(r, "Purge \""+t.PrefixedText()+"\"", t, nil, "purge")
	d := &confirmData{
		Action: s.actionURL(t, "purge"), Intro: "Clear the cached copy of this page and render it again?",
		Button: "OK", ButtonID: "wpPurge", FormID: "mw-purge-form",
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if err := s.Wiki.Purge(r.Context(), s.currentUser(r), t); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	s.Logger.Info("purge", "request_id", state(r).id, "title", t.PrefixedDBKey())
	http.Redirect(w, r, titlePath(t), http.StatusSeeOther)
}
