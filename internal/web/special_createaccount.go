package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// createAccountData is what templates/special_createaccount.html shows.
type createAccountData struct {
	Action string
	Token  string
	In     wiki.CreateAccountInput
	// ReturnTo and ReturnToQuery name the page to go to afterwards.
	ReturnTo, ReturnToQuery string
	// Closed is set when the visitor may not create accounts (account
	// request mode): the page points to Special:RequestAccount instead.
	Closed bool
	// ForOther is set for a logged-in creator, who makes an account for
	// someone else and stays logged in.
	ForOther bool
}

// handleCreateAccount serves Special:CreateAccount, open self-registration:
// username, password, retype and an optional email address. It needs the
// createaccount right, which account request mode takes away; the page
// then points to Special:RequestAccount. A visitor who creates an account
// is logged in to it with a new session; a logged-in creator (an
// administrator) stays who they are. Creations are throttled per client
// address (wiki.Service.CreateAccount).
func (s *Server) handleCreateAccount(w http.ResponseWriter, r *http.Request) {
	user := s.currentUser(r)
	d := createAccountData{In: wiki.CreateAccountInput{Name: r.FormValue("wpName"), Email: r.FormValue("email"),
		RealName: r.FormValue("realname"), Reason: r.FormValue("reason")},
		ReturnTo: r.FormValue("returnto"), ReturnToQuery: r.FormValue("returntoquery"), ForOther: user != nil}
	if !s.Wiki.Allowed(user, "createaccount") {
		d.Closed = true
		s.showCreateAccount(w, r, http.StatusForbidden, d, nil)
		return
	}
	if r.Method != http.MethodPost {
		s.showCreateAccount(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showCreateAccount(w, r, errorStatusOf(err), d, err)
		return
	}
	in := d.In
	in.Password, in.Retype, in.CheckRetype = r.PostFormValue("wpPassword"), r.PostFormValue("retype"), true
	u, err := s.Wiki.CreateAccount(r.Context(), user, in, s.clientIP(r))
	if err != nil {
		s.Logger.Info("account creation refused", "request_id", state(r).id, "code", folio.ErrorCode(err), "ip", s.clientIP(r))
		s.showCreateAccount(w, r, errorStatusOf(err), d, err)
		return
	}
	if user != nil {
		v := s.newView(r, "Create account")
		t := s.specialTitle("CreateAccount")
		v.Title = &t
		s.showResult(w, r, v, "The account "+u.Name+" has been created.")
		return
	}
	if err := s.endSession(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.newSession(w, r, u.ID, false); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("login", "request_id", state(r).id, "user_id", u.ID, "new_account", true)
	http.Redirect(w, r, s.returnTo(d.ReturnTo, d.ReturnToQuery), http.StatusSeeOther)
}

func (s *Server) showCreateAccount(w http.ResponseWriter, r *http.Request, status int, d createAccountData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	if !d.Closed {
		tok, terr := s.csrfToken(w, r)
		if terr != nil {
			s.writeError(w, r, terr)
			return
		}
		d.Token = tok
	}
	d.Action = s.specialURL("CreateAccount")
	v := s.newView(r, "Create account")
	t := s.specialTitle("CreateAccount")
	v.Title, v.Robots = &t, "noindex,nofollow"
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if wait := retryAfterSeconds(err); wait != "" {
		w.Header().Set("Retry-After", wait)
	}
	v.Data = d
	s.render(w, r, status, "special_createaccount", v)
}
