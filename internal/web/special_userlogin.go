package web

import (
	"net/http"
	"net/url"

	"github.com/folio-wiki/folio"
)

// loginData is what templates/userlogin.html shows.
type loginData struct {
	Action   string
	Token    string
	Name     string
	Remember bool
	ReturnTo string
	// ReturnToQuery is the query string of the page to return to.
	ReturnToQuery string
	// RequestAccount links to Special:RequestAccount: visitors cannot
	// create accounts themselves (account request mode).
	RequestAccount bool
}

// handleUserLogin serves Special:UserLogin: the form on GET, the login on
// POST. A successful login starts a new session (a new cookie secret) and
// redirects to returnto when it names a local page.
func (s *Server) handleUserLogin(w http.ResponseWriter, r *http.Request) {
	d := loginData{Action: s.specialURL("UserLogin"), Name: r.FormValue("wpName"),
		ReturnTo: r.FormValue("returnto"), ReturnToQuery: r.FormValue("returntoquery")}
	if r.Method != http.MethodPost {
		s.showLogin(w, r, http.StatusOK, d, nil)
		return
	}
	d.Remember = r.PostFormValue("wpRemember") != ""
	if err := s.checkToken(r); err != nil {
		s.showLogin(w, r, errorStatusOf(err), d, err)
		return
	}
	u, err := s.Wiki.LoginFrom(r.Context(), d.Name, r.PostFormValue("wpPassword"), s.clientIP(r))
	if err != nil {
		s.Logger.Info("login failed", "request_id", state(r).id, "code", folio.ErrorCode(err), "ip", s.clientIP(r))
		s.showLogin(w, r, errorStatusOf(err), d, err)
		return
	}
	if u.PasswordExpired(s.now()) {
		s.startPendingLogin(w, r, u, d)
		return
	}
	if err := s.endSession(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.newSession(w, r, u.ID, d.Remember); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("login", "request_id", state(r).id, "user_id", u.ID)
	http.Redirect(w, r, s.returnTo(d.ReturnTo, d.ReturnToQuery), http.StatusSeeOther)
}

// returnTo is the URL of returnto and returntoquery parameters, the main
// page by default. Only local titles are accepted, and the query cannot
// name another title.
func (s *Server) returnTo(text, query string) string {
	t, ok := s.localReturnTo(text)
	if !ok {
		return titlePath(s.mainPage())
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		q = nil
	}
	q.Del("title")
	return s.titleURL(t, q)
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, d loginData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token = tok
	d.RequestAccount = !s.Wiki.Allowed(nil, "createaccount")
	v := s.newView(r, "Log in")
	t := s.specialTitle("UserLogin")
	v.Title, v.Robots = &t, "noindex,nofollow"
	if u := s.currentUser(r); u != nil && err == nil {
		v.addNotice("warning", "You are already logged in as "+u.Name+". Log in below to switch to another account.")
	}
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if wait := retryAfterSeconds(err); wait != "" {
		w.Header().Set("Retry-After", wait)
	}
	v.Data = d
	s.render(w, r, status, "userlogin", v)
}

// logoutData is what templates/userlogout.html shows.
type logoutData struct {
	Action   string
	Token    string
	Done     bool
	ReturnTo string
}

// handleUserLogout serves Special:UserLogout: a confirmation form on GET,
// the logout on POST with a valid token.
func (s *Server) handleUserLogout(w http.ResponseWriter, r *http.Request) {
	d := logoutData{Action: s.specialURL("UserLogout"), ReturnTo: s.returnTo(r.FormValue("returnto"), r.FormValue("returntoquery"))}
	v := s.newView(r, "Log out")
	t := s.specialTitle("UserLogout")
	v.Title, v.Robots = &t, "noindex,nofollow"
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := s.checkToken(r); err != nil {
			v.addNotice("error", folio.ErrorMessage(err))
			status = errorStatusOf(err)
		} else if err := s.endSession(w, r); err != nil {
			s.writeError(w, r, err)
			return
		} else {
			d.Done = true
		}
	}
	if !d.Done {
		tok, err := s.csrfToken(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		d.Token = tok
	}
	v.Data = d
	s.render(w, r, status, "userlogout", v)
}
