package web

import (
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
)

// handleRollback reverts the latest edits by the user named in from= to
// the last revision by someone else: a confirmation form on GET, the
// rollback on POST with a valid token (action=rollback).
func (s *Server) handleRollback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	from := r.FormValue("from")
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	u := s.currentUser(r)
	if err := s.Wiki.CheckPermission(ctx, u, "rollback", t, p); err != nil {
		s.writeError(w, r, err)
		return
	}
	if from == "" {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "The rollback link does not name the user whose edits to revert."))
		return
	}
	v := s.actionView(r, "Roll back edits", t, p, "rollback")
	d := &confirmData{
		Action: s.actionURL(t, "rollback", "from", from), Button: "Roll back", ButtonID: "wpRollback",
		Intro: "Revert the latest consecutive edits by " + from + " to this page?", FormID: "mw-rollback-confirm",
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	res, err := s.Wiki.Rollback(ctx, u, s.clientIP(r), p, from)
	if err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	links := []link{{Href: titlePath(t), Text: t.PrefixedText()}}
	if res.Revision != nil {
		links = append(links, link{Href: s.actionURL(t, "", "diff", strconv.FormatInt(res.Revision.ID, 10), "oldid", strconv.FormatInt(res.OldRevID, 10)), Text: "Show the changes"})
	}
	s.showResult(w, r, s.actionView(r, "Rollback finished", t, res.Page, "rollback"),
		"The latest edits by "+from+" were reverted.", links...)
}
