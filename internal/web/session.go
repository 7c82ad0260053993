package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
)

// Session cookie and lifetimes.
const (
	sessionCookie   = "folio_session"
	sessionLifetime = 24 * time.Hour      // a browser session
	rememberFor     = 30 * 24 * time.Hour // "keep me logged in"
	csrfKey         = "csrf"
	rememberKey     = "remember"
	pruneEvery      = 200 // one new session in this many deletes expired ones
)

// requestState is what the middleware learns about a request.
type requestState struct {
	id      string
	session *folio.Session // nil without a valid session
	user    *folio.User
	renew   *http.Cookie // a refreshed persistent cookie to send
}

type stateKey struct{}

func state(r *http.Request) *requestState {
	if st, ok := r.Context().Value(stateKey{}).(*requestState); ok {
		return st
	}
	return &requestState{}
}

// loadSession finds the session named by the request's cookie and its user.
func (s *Server) loadSession(ctx context.Context, r *http.Request, st *requestState) error {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	sess, err := s.Store.FindSession(ctx, hashSecret(c.Value))
	if err != nil && folio.ErrorCode(err) == folio.EInternal {
		return fmt.Errorf("find session: %w", err)
	}
	if err != nil || !sess.Expires.After(time.Now()) {
		return nil // an unknown or expired session is no session
	}
	st.session = sess
	s.refreshSession(ctx, r, c.Value, sess)
	if sess.UserID == 0 {
		return nil
	}
	u, err := s.Store.FindUserByID(ctx, sess.UserID)
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		return nil
	} else if err != nil {
		return fmt.Errorf("load session user: %w", err)
	}
	st.user = u
	return nil
}

// refreshSession extends a session that is past half its lifetime, so that
// active visitors stay logged in; a remembered session's cookie is renewed.
func (s *Server) refreshSession(ctx context.Context, r *http.Request, secret string, sess *folio.Session) {
	life := sessionLifetime
	if sess.Data[rememberKey] != "" {
		life = rememberFor
	}
	if time.Until(sess.Expires) > life/2 {
		return
	}
	sess.Expires = time.Now().Add(life).UTC().Truncate(time.Second)
	if err := s.Store.UpdateSession(ctx, sess); err != nil {
		s.Logger.Warn("extend session", "request_id", state(r).id, "err", err)
		return
	}
	if sess.Data[rememberKey] != "" {
		state(r).renew = s.persistentCookie(secret, sess.Expires)
	}
}

// currentUser returns the logged-in user, nil for anonymous visitors.
func (s *Server) currentUser(r *http.Request) *folio.User {
	return state(r).user
}

// clientIP returns the address anonymous edits are credited to.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// newSession creates a session for user (0 for anonymous) and sets its
// cookie; a long-lived cookie when remember is set.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, userID int64, remember bool) (*folio.Session, error) {
	secret := randomString(32)
	life := sessionLifetime
	if remember {
		life = rememberFor
	}
	sess := &folio.Session{
		ID:      hashSecret(secret),
		UserID:  userID,
		Data:    map[string]string{csrfKey: randomString(24)},
		Expires: time.Now().Add(life).UTC().Truncate(time.Second),
	}
	c := s.cookie(secret)
	if remember {
		sess.Data[rememberKey] = "1"
		c = s.persistentCookie(secret, sess.Expires)
	}
	if err := s.Store.CreateSession(r.Context(), sess); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	http.SetCookie(w, c)
	if mrand.IntN(pruneEvery) == 0 {
		if _, err := s.Store.DeleteExpiredSessions(r.Context(), time.Now()); err != nil {
			s.Logger.Warn("delete expired sessions", "request_id", state(r).id, "err", err)
		}
	}
	st := state(r)
	st.session = sess
	return sess, nil
}

// endSession deletes the request's session and expires its cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) error {
	st := state(r)
	if st.session != nil {
		if err := s.Store.DeleteSession(r.Context(), st.session.ID); err != nil && folio.ErrorCode(err) != folio.ENotLoggedIn {
			return fmt.Errorf("delete session: %w", err)
		}
	}
	c := s.cookie("")
	c.MaxAge = -1
	http.SetCookie(w, c)
	st.session, st.user = nil, nil
	return nil
}

// persistentCookie is the cookie of a remembered session.
func (s *Server) persistentCookie(secret string, expires time.Time) *http.Cookie {
	c := s.cookie(secret)
	c.MaxAge = int(time.Until(expires) / time.Second)
	c.Expires = expires
	return c
}

func (s *Server) cookie(value string) *http.Cookie {
	return &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     "/",
		HttpOnly: true,
		Secure:   s.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	}
}

// csrfToken returns the session's CSRF token, starting a session for an
// anonymous visitor who has none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) (string, error) {
	st := state(r)
	if st.session == nil {
		if _, err := s.newSession(w, r, 0, false); err != nil {
			return "", err
		}
	}
	if tok := st.session.Data[csrfKey]; tok != "" {
		return tok, nil
	}
	if st.session.Data == nil {
		st.session.Data = map[string]string{}
	}
	st.session.Data[csrfKey] = randomString(24)
	if err := s.Store.UpdateSession(r.Context(), st.session); err != nil {
		return "", fmt.Errorf("store csrf token: %w", err)
	}
	return st.session.Data[csrfKey], nil
}

// tokenFields are the form fields a CSRF token may arrive in.
var tokenFields = []string{"wpEditToken", "token", "wpLoginToken"}

// checkToken verifies the CSRF token of a POST request in constant time.
func (s *Server) checkToken(r *http.Request) error {
	bad := folio.Errorf(folio.EBadToken, "Your session data was lost or the form is out of date, so the action was not carried out to protect you against session hijacking. Please try again.")
	st := state(r)
	if r.Method != http.MethodPost || st.session == nil {
		return bad
	}
	want := st.session.Data[csrfKey]
	for _, f := range tokenFields {
		if got := r.PostFormValue(f); got != "" && want != "" &&
			subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1 {
			return nil
		}
	}
	return bad
}

// randomString returns n random bytes, base64url-encoded.
func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret returns the SHA-256 of a cookie secret: the session's id in
// the store.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
