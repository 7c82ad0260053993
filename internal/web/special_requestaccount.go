package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// requestAccountData is what templates/special_requestaccount.html shows.
type requestAccountData struct {
	Action string
	Token  string
	In     wiki.AccountRequestInput
}

// handleRequestAccount serves Special:RequestAccount: the request form,
// its POST, and the confirmation link mailed to the requester
// (action=confirmemail&wpEmailToken=…).
func (s *Server) handleRequestAccount(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("action") == "confirmemail" {
		s.confirmRequestEmail(w, r)
		return
	}
	d := requestAccountData{In: wiki.AccountRequestInput{Name: r.FormValue("wpNewName"),
		RealName: r.FormValue("wpRealName"), Email: r.FormValue("wpEmail"), Bio: r.FormValue("wpBio"),
		AcceptTerms: r.FormValue("wpToS") != ""}}
	if r.Method != http.MethodPost {
		s.showRequestAccount(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showRequestAccount(w, r, errorStatusOf(err), d, err)
		return
	}
	req, err := s.Wiki.RequestAccount(r.Context(), d.In, s.clientIP(r))
	if err != nil {
		s.showRequestAccount(w, r, errorStatusOf(err), d, err)
		return
	}
	s.Logger.Info("account requested", "request_id", state(r).id, "request", req.ID)
	v := s.newView(r, "Request account")
	t := s.specialTitle("RequestAccount")
	v.Title = &t
	s.showResult(w, r, v, "Your request has been received. We have sent a mail to "+req.Email+
		": open the link in it to confirm your address. An administrator reviews the request after that.")
}

func (s *Server) confirmRequestEmail(w http.ResponseWriter, r *http.Request) {
	_, err := s.Wiki.ConfirmAccountRequestEmail(r.Context(), r.FormValue("wpEmailToken"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.newView(r, "Request account")
	t := s.specialTitle("RequestAccount")
	v.Title = &t
	s.showResult(w, r, v, "Your email address is confirmed. Your request now waits for an administrator; you will get a mail once it has been reviewed.")
}

func (s *Server) showRequestAccount(w http.ResponseWriter, r *http.Request, status int, d requestAccountData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action = tok, s.specialURL("RequestAccount")
	v := s.newView(r, "Request account")
	t := s.specialTitle("RequestAccount")
	v.Title, v.Robots = &t, "noindex,nofollow"
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if wait := retryAfterSeconds(err); wait != "" {
		w.Header().Set("Retry-After", wait)
	}
	v.Data = d
	s.render(w, r, status, "special_requestaccount", v)
}
