package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// Session data of a login that waits for a new password: the user logged
// in with an expired (temporary) password, and is logged in only once a
// new one is set, as MediaWiki's login does.
const (
	pendingUserKey     = "pendinguser"
	pendingSinceKey    = "pendingsince"
	pendingRememberKey = "pendingremember"
	pendingFor         = 15 * time.Minute
)

// changePasswordData is what templates/special_changepassword.html shows.
type changePasswordData struct {
	Action   string
	Token    string
	Name     string
	Forced   bool // a temporary password: no current password asked
	ReturnTo string
	// ReturnToQuery is the query string of the page to return to.
	ReturnToQuery string
}

// startPendingLogin keeps u, who logged in with an expired password, in a
// fresh anonymous session and shows the form for a new password.
func (s *Server) startPendingLogin(w http.ResponseWriter, r *http.Request, u *folio.User, d loginData) {
	if err := s.endSession(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.newSession(w, r, 0, false); err != nil {
		s.writeError(w, r, err)
		return
	}
	sess := state(r).session()
	sess.Data[pendingUserKey] = strconv.FormatInt(u.ID, 10)
	sess.Data[pendingSinceKey] = strconv.FormatInt(s.now().Unix(), 10)
	if d.Remember {
		sess.Data[pendingRememberKey] = "1"
	}
	if err := s.Sessions.Store.UpdateSession(r.Context(), sess); err != nil {
		s.writeError(w, r, err)
		return
	}
	cd := changePasswordData{Name: u.Name, Forced: true, ReturnTo: d.ReturnTo, ReturnToQuery: d.ReturnToQuery}
	s.showChangePassword(w, r, http.StatusOK, cd, nil)
}

// pendingUser returns the user of a login waiting for a new password, or
// nil.
func (s *Server) pendingUser(r *http.Request) *folio.User {
	sess := state(r).session()
	if sess == nil || sess.Data[pendingUserKey] == "" {
		return nil
	}
	since, err := strconv.ParseInt(sess.Data[pendingSinceKey], 10, 64)
	if err != nil || s.now().Sub(time.Unix(since, 0)) > pendingFor {
		return nil
	}
	id, err := strconv.ParseInt(sess.Data[pendingUserKey], 10, 64)
	if err != nil {
		return nil
	}
	u, err := s.Wiki.Store.FindUserByID(r.Context(), id)
	if err != nil {
		return nil
	}
	return u
}

// handleChangePassword serves Special:ChangePassword: logged-in users give
// their current password and a new one; a login with a temporary password
// sets a new one and is then completed.
func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) {
	d := changePasswordData{ReturnTo: r.FormValue("returnto"), ReturnToQuery: r.FormValue("returntoquery")}
	u, pending := s.currentUser(r), s.pendingUser(r)
	switch {
	case pending != nil:
		d.Name, d.Forced = pending.Name, true
	case u != nil:
		d.Name = u.Name
	default:
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to change your password."))
		return
	}
	if r.Method != http.MethodPost {
		s.showChangePassword(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showChangePassword(w, r, errorStatusOf(err), d, err)
		return
	}
	pw := r.PostFormValue("wpNewPassword")
	if pw != r.PostFormValue("wpRetype") {
		err := folio.Errorf(folio.EInvalidParameter, "The passwords you entered do not match.")
		s.showChangePassword(w, r, http.StatusBadRequest, d, err)
		return
	}
	if pending != nil {
		s.finishPendingLogin(w, r, pending, pw, d)
		return
	}
	if _, err := s.Wiki.ChangePassword(r.Context(), u, r.PostFormValue("wpPassword"), pw, s.clientIP(r)); err != nil {
		s.showChangePassword(w, r, errorStatusOf(err), d, err)
		return
	}
	s.Logger.Info("password changed", "request_id", state(r).id, "user_id", u.ID)
	v := s.newView(r, "Change password")
	t := s.specialTitle("ChangePassword")
	v.Title = &t
	s.showResult(w, r, v, "Your password has been changed.", link{Href: s.returnTo(d.ReturnTo, d.ReturnToQuery), Text: "Continue"})
}

// finishPendingLogin sets the new password of a temporary-password login
// and logs the user in with a new session.
func (s *Server) finishPendingLogin(w http.ResponseWriter, r *http.Request, u *folio.User, pw string, d changePasswordData) {
	if _, err := s.Wiki.ResetExpiredPassword(r.Context(), u, pw); err != nil {
		s.showChangePassword(w, r, errorStatusOf(err), d, err)
		return
	}
	remember := state(r).session().Data[pendingRememberKey] != ""
	if err := s.endSession(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.newSession(w, r, u.ID, remember); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("login", "request_id", state(r).id, "user_id", u.ID, "new_password", true)
	http.Redirect(w, r, s.returnTo(d.ReturnTo, d.ReturnToQuery), http.StatusSeeOther)
}

func (s *Server) showChangePassword(w http.ResponseWriter, r *http.Request, status int, d changePasswordData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action = tok, s.specialURL("ChangePassword")
	v := s.newView(r, "Change password")
	t := s.specialTitle("ChangePassword")
	v.Title, v.Robots = &t, "noindex,nofollow"
	if d.Forced {
		v.addNotice("warning", "You logged in with a temporary password. To finish logging in, choose a new password.")
	}
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if wait := retryAfterSeconds(err); wait != "" {
		w.Header().Set("Retry-After", wait)
	}
	v.Data = d
	s.render(w, r, status, "special_changepassword", v)
}

// retryAfterSeconds is the Retry-After value of a throttled error, or "".
func retryAfterSeconds(err error) string {
	d := wiki.RetryAfter(err)
	if d <= 0 {
		return ""
	}
	return strconv.Itoa(int((d + time.Second - 1) / time.Second))
}
