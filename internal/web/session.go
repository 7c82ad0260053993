package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/clientip"
	"github.com/folio-wiki/folio/internal/session"
)

// Sessions are kept by internal/session, shared with the action API: the
// folio_session cookie holds a random secret, the store holds its SHA-256
// and the session data holds the CSRF token. These wrappers keep the
// request's session state in its requestState.

// requestState is what the middleware learns about a request.
type requestState struct {
	id   string
	sess *session.State
}

type stateKey struct{}

func state(r *http.Request) *requestState {
	if st, ok := r.Context().Value(stateKey{}).(*requestState); ok {
		if st.sess == nil {
			st.sess = &session.State{}
		}
		return st
	}
	return &requestState{sess: &session.State{}}
}

// session returns the request's session, nil when it has none.
func (st *requestState) session() *folio.Session {
	return st.sess.Session
}

// loadSession finds the session named by the request's cookie and its
// user; a refreshed cookie is sent right away.
func (s *Server) loadSession(w http.ResponseWriter, r *http.Request, st *requestState) error {
	sess, err := s.Sessions.Load(r.Context(), r)
	if sess != nil {
		st.sess = sess
		if sess.Renew != nil {
			http.SetCookie(w, sess.Renew)
		}
	}
	return err
}

// currentUser returns the logged-in user, nil for anonymous visitors.
func (s *Server) currentUser(r *http.Request) *folio.User {
	return state(r).sess.User
}

// clientIP returns the address anonymous edits are credited to: the peer,
// or when the peer is a trusted proxy, the nearest untrusted address in
// X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	return s.Wiki.CanonicalIP(clientip.From(r, s.TrustedProxies))
}

// newSession starts a session with a new id for user (0 for anonymous)
// and sets its cookie; a long-lived cookie when remember is set.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, userID int64, remember bool) error {
	return s.Sessions.Start(r.Context(), w, state(r).sess, userID, remember)
}

// endSession deletes the request's session and expires its cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) error {
	return s.Sessions.End(r.Context(), w, state(r).sess)
}

// csrfToken returns the session's CSRF token, starting a session for an
// anonymous visitor who has none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) (string, error) {
	return s.Sessions.CSRFToken(r.Context(), w, state(r).sess)
}

// tokenFields are the form fields a CSRF token may arrive in.
var tokenFields = []string{"wpEditToken", "token", "wpLoginToken"}

// checkToken verifies the CSRF token of a POST request in constant time.
func (s *Server) checkToken(r *http.Request) error {
	if r.Method == http.MethodPost {
		st := state(r).sess
		for _, f := range tokenFields {
			if session.CheckToken(st, r.PostFormValue(f)) {
				return nil
			}
		}
	}
	return folio.Errorf(folio.EBadToken, "Your session data was lost or the form is out of date, so the action was not carried out to protect you against session hijacking. Please try again.")
}
