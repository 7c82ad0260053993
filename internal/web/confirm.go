package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// confirmData is a one-button POST form (templates/confirm.html), used by
// purge, delete and rollback.
type confirmData struct {
	Action      string
	Token       string
	Intro       string
	Reason      bool // show the reason field (wpReason)
	ReasonValue string
	Button      string
	ButtonID    string
	Destructive bool
	FormID      string
	Watch       *watchBox // the "Watch this page" box, nil for none
}

// resultData reports a finished action (templates/result.html).
type resultData struct {
	Message string
	Links   []link
}

// showConfirm renders a confirmation form for the request's title with a
// fresh CSRF token.
func (s *Server) showConfirm(w http.ResponseWriter, r *http.Request, status int, v *view, d *confirmData) {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Token = tok
	v.Robots, v.Data = "noindex,nofollow", d
	s.render(w, r, status, "confirm", v)
}

// showResult renders the outcome of an action.
func (s *Server) showResult(w http.ResponseWriter, r *http.Request, v *view, msg string, links ...link) {
	v.Robots, v.Data = "noindex,nofollow", &resultData{Message: msg, Links: links}
	s.render(w, r, http.StatusOK, "result", v)
}

// actionView returns a view for an action on title t.
func (s *Server) actionView(r *http.Request, heading string, t folio.Title, p *folio.Page, action string) *view {
	v := s.newView(r, heading)
	v.Title, v.page, v.Action = &t, p, action
	return v
}

// formError shows a confirmation form again with the error of a POST,
// or the error page for internal errors.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, v *view, d *confirmData, err error) {
	if folio.ErrorCode(err) == folio.EInternal {
		s.writeError(w, r, err)
		return
	}
	v.addNotice("error", folio.ErrorMessage(err))
	d.ReasonValue = r.PostFormValue("wpReason")
	s.showConfirm(w, r, errorStatusOf(err), v, d)
}
