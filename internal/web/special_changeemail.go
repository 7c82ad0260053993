package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// changeEmailData is what templates/special_changeemail.html shows.
type changeEmailData struct {
	Action    string
	Token     string
	Current   string
	Confirmed bool
	Email     string
}

// handleChangeEmail serves Special:ChangeEmail: the new address and the
// password; a link sent to the new address confirms it.
func (s *Server) handleChangeEmail(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if u == nil {
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to change your email address."))
		return
	}
	d := changeEmailData{Current: u.Email, Confirmed: u.EmailAuthenticated != nil, Email: r.FormValue("wpNewEmail")}
	v := s.newView(r, "Change or remove email address")
	t := s.specialTitle("ChangeEmail")
	v.Title, v.Robots = &t, "noindex,nofollow"
	status := http.StatusOK
	if r.Method == http.MethodPost {
		err := s.checkToken(r)
		if err == nil {
			err = s.Wiki.ChangeEmail(r.Context(), u, r.PostFormValue("wpPassword"), d.Email, s.clientIP(r))
		}
		if err == nil {
			msg := "Your email address has been removed."
			if d.Email != "" {
				msg = "Your email address has been changed. We have sent a link to " + d.Email + ": open it to confirm the address."
			}
			s.showResult(w, r, v, msg, link{Href: s.specialURL("Preferences"), Text: "Back to preferences"})
			return
		}
		if status = errorStatusOf(err); status >= http.StatusInternalServerError {
			s.writeError(w, r, err)
			return
		}
		v.addNotice("error", folio.ErrorMessage(err))
		if wait := retryAfterSeconds(err); wait != "" {
			w.Header().Set("Retry-After", wait)
		}
	}
	tok, err := s.csrfToken(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Token, d.Action = tok, s.specialURL("ChangeEmail")
	v.Data = d
	s.render(w, r, status, "special_changeemail", v)
}

// handleConfirmEmail serves Special:ConfirmEmail/TOKEN, the link of the
// mail that confirms an address.
func (s *Server) handleConfirmEmail(w http.ResponseWriter, r *http.Request) {
	u, err := s.Wiki.ConfirmEmail(r.Context(), specialSubpage(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.newView(r, "Confirm email address")
	t := s.specialTitle("ConfirmEmail")
	v.Title, v.Robots = &t, "noindex,nofollow"
	s.showResult(w, r, v, "The email address "+u.Email+" of "+u.Name+" is confirmed.")
}
