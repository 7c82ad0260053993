package web

import (
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// patrolForm is the POST form behind a "mark as patrolled" link.
type patrolForm struct {
	Action string
	Token  string
}

// handleMarkPatrolled marks the recent change rcid= patrolled: a
// confirmation form on GET, the mark on POST with a valid token
// (action=markpatrolled).
func (s *Server) handleMarkPatrolled(w http.ResponseWriter, r *http.Request) {
	t := requestTitle(r)
	u := s.currentUser(r)
	if !s.Wiki.Allowed(u, "patrol") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to mark changes patrolled."))
		return
	}
	rcid, err := strconv.ParseInt(r.FormValue("rcid"), 10, 64)
	if err != nil || rcid <= 0 {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "The link does not name a recent change (rcid)."))
		return
	}
	v := s.actionView(r, "Mark as patrolled", t, nil, "markpatrolled")
	d := &confirmData{
		Action: s.actionURL(t, "markpatrolled", "rcid", strconv.FormatInt(rcid, 10)), Button: "Mark as patrolled",
		ButtonID: "wpMarkPatrolled", Intro: "Mark this change to " + t.PrefixedText() + " as patrolled?", FormID: "mw-markpatrolled-confirm",
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if _, err := s.Wiki.Patrol(r.Context(), wiki.PatrolRequest{RCID: rcid, User: u, IP: s.clientIP(r)}); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	s.showResult(w, r, s.actionView(r, "Marked as patrolled", t, nil, "markpatrolled"),
		"The change has been marked as patrolled.", link{Href: titlePath(t), Text: t.PrefixedText()})
}

// patrolLink returns the form that marks the change that made rev
// patrolled, or nil when the user may not patrol or it needs no patrol.
func (s *Server) patrolLink(w http.ResponseWriter, r *http.Request, t folio.Title, rev *folio.Revision) *patrolForm {
	u := s.currentUser(r)
	ps, ok := s.Store.(folio.PatrolStore)
	if !ok || !s.Wiki.Allowed(u, "patrol") || (rev.Actor.UserID == u.ID && !s.Wiki.Allowed(u, "autopatrol")) {
		return nil
	}
	rc, state, err := ps.FindRecentChangeByRevID(r.Context(), rev.ID)
	if err != nil || state != folio.PatrolledNot {
		return nil
	}
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return nil
	}
	return &patrolForm{Action: s.actionURL(t, "markpatrolled", "rcid", strconv.FormatInt(rc.ID, 10)), Token: tok}
}
