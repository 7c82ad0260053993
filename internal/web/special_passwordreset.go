package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// passwordResetData is what templates/special_passwordreset.html shows.
type passwordResetData struct {
	Action   string
	Token    string
	Username string
	Email    string
}

// passwordResetSent is the one answer to every accepted request, so that
// it does not tell whether an account exists.
const passwordResetSent = "If an account matches what you entered and has an email address, a temporary password has been sent to that address. It stays valid for 7 days; your current password keeps working."

// handlePasswordReset serves Special:PasswordReset: a form for a username
// or an email address; a POST mails a temporary password.
func (s *Server) handlePasswordReset(w http.ResponseWriter, r *http.Request) {
	d := passwordResetData{Username: r.FormValue("wpUsername"), Email: r.FormValue("wpEmail")}
	if r.Method != http.MethodPost {
		s.showPasswordReset(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showPasswordReset(w, r, errorStatusOf(err), d, err)
		return
	}
	if err := s.Wiki.RequestPasswordReset(r.Context(), d.Username, d.Email, s.clientIP(r)); err != nil {
		s.Logger.Info("password reset refused", "request_id", state(r).id, "code", folio.ErrorCode(err))
		s.showPasswordReset(w, r, errorStatusOf(err), d, err)
		return
	}
	v := s.newView(r, "Reset password")
	t := s.specialTitle("PasswordReset")
	v.Title = &t
	s.showResult(w, r, v, passwordResetSent, link{Href: s.specialURL("UserLogin"), Text: "Log in"})
}

func (s *Server) showPasswordReset(w http.ResponseWriter, r *http.Request, status int, d passwordResetData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action = tok, s.specialURL("PasswordReset")
	v := s.newView(r, "Reset password")
	t := s.specialTitle("PasswordReset")
	v.Title, v.Robots = &t, "noindex,nofollow"
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if wait := retryAfterSeconds(err); wait != "" {
		w.Header().Set("Retry-After", wait)
	}
	v.Data = d
	s.render(w, r, status, "special_passwordreset", v)
}
