// Package session manages the server-side sessions shared by the HTML
// interface and the action API: the "folio_session" cookie holds a random
// secret, the store holds its SHA-256, and the session data holds the CSRF
// token. A session started by one interface is valid in the other.
package session

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
)

// Cookie name, lifetimes and session data keys. They match the web
// interface's, so that sessions are interchangeable.
const (
	CookieName  = "folio_session"
	Lifetime    = 24 * time.Hour      // a browser session
	RememberFor = 30 * 24 * time.Hour // "keep me logged in"
	CSRFKey     = "csrf"
	RememberKey = "remember"
	pruneEvery  = 200 // one new session in this many deletes expired ones
)

// Store is what the manager needs from the database.
type Store interface {
	folio.SessionStore
	FindUserByID(ctx context.Context, id int64) (*folio.User, error)
}

// Manager loads, starts and ends sessions. Set the fields before use.
type Manager struct {
	// Store finds users and, unless Sessions is set, keeps the sessions
	// (in the database).
	Store Store
	// Sessions, when set, keeps the sessions instead of Store: Redis, so
	// that every web head sees the same ones (FOLIO_REDIS_URL).
	Sessions folio.SessionStore
	Secure   bool // send cookies with the Secure attribute
	Logger   *slog.Logger
	Now      func() time.Time
}

// State is what a request knows about its session.
type State struct {
	Session *folio.Session // nil without a valid session
	User    *folio.User    // nil for anonymous visitors
	// Renew is a refreshed cookie the response should carry, or nil.
	Renew *http.Cookie
	// Started is set when this request created the session.
	Started bool
}

func (m *Manager) now() time.Time {
	if m.Now == nil {
		return time.Now()
	}
	return m.Now()
}

// sessions is where the sessions are kept.
func (m *Manager) sessions() folio.SessionStore {
	if m.Sessions != nil {
		return m.Sessions
	}
	return m.Store
}

func (m *Manager) logger() *slog.Logger {
	if m.Logger == nil {
		return slog.Default()
	}
	return m.Logger
}

// Load finds the session named by the request's cookie and its user. An
// unknown or expired session is no session, not an error.
func (m *Manager) Load(ctx context.Context, r *http.Request) (*State, error) {
	st := &State{}
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return st, nil
	}
	sess, err := m.sessions().FindSession(ctx, HashSecret(c.Value))
	if err != nil && folio.ErrorCode(err) == folio.EInternal {
		return st, fmt.Errorf("find session: %w", err)
	}
	if err != nil || !sess.Expires.After(m.now()) {
		return st, nil
	}
	st.Session = sess
	st.Renew = m.refresh(ctx, c.Value, sess)
	if sess.UserID == 0 {
		return st, nil
	}
	u, err := m.Store.FindUserByID(ctx, sess.UserID)
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		return st, nil
	} else if err != nil {
		return st, fmt.Errorf("load session user: %w", err)
	}
	st.User, err = m.applyBotPassword(ctx, sess, u)
	return st, err
}

// refresh extends a session past half its lifetime and returns the renewed
// cookie of a remembered session.
func (m *Manager) refresh(ctx context.Context, secret string, sess *folio.Session) *http.Cookie {
	life := Lifetime
	if sess.Data[RememberKey] != "" {
		life = RememberFor
	}
	if sess.Expires.Sub(m.now()) > life/2 {
		return nil
	}
	sess.Expires = m.now().Add(life).UTC().Truncate(time.Second)
	if err := m.sessions().UpdateSession(ctx, sess); err != nil {
		m.logger().Warn("extend session", "err", err)
		return nil
	}
	if sess.Data[RememberKey] != "" {
		return m.persistentCookie(secret, sess.Expires)
	}
	return nil
}

// Start creates a new session for userID (0 for anonymous) with a fresh id
// and CSRF token, sets its cookie and records it in st. A long-lived cookie
// is sent when remember is set.
func (m *Manager) Start(ctx context.Context, w http.ResponseWriter, st *State, userID int64, remember bool) error {
	secret := RandomString(32)
	life := Lifetime
	if remember {
		life = RememberFor
	}
	sess := &folio.Session{
		ID:      HashSecret(secret),
		UserID:  userID,
		Data:    map[string]string{CSRFKey: RandomString(24)},
		Expires: m.now().Add(life).UTC().Truncate(time.Second),
	}
	c := m.cookie(secret)
	if remember {
		sess.Data[RememberKey] = "1"
		c = m.persistentCookie(secret, sess.Expires)
	}
	if err := m.sessions().CreateSession(ctx, sess); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	http.SetCookie(w, c)
	if mrand.IntN(pruneEvery) == 0 {
		if _, err := m.sessions().DeleteExpiredSessions(ctx, m.now()); err != nil {
			m.logger().Warn("delete expired sessions", "err", err)
		}
	}
	st.Session, st.Started, st.User = sess, true, nil
	return nil
}

// End deletes the request's session and expires its cookie.
func (m *Manager) End(ctx context.Context, w http.ResponseWriter, st *State) error {
	if st.Session != nil {
		if err := m.sessions().DeleteSession(ctx, st.Session.ID); err != nil && folio.ErrorCode(err) != folio.ENotLoggedIn {
			return fmt.Errorf("delete session: %w", err)
		}
	}
	c := m.cookie("")
	c.MaxAge = -1
	http.SetCookie(w, c)
	st.Session, st.User = nil, nil
	return nil
}

// CSRFToken returns the session's CSRF token, starting an anonymous session
// when the request has none.
func (m *Manager) CSRFToken(ctx context.Context, w http.ResponseWriter, st *State) (string, error) {
	if st.Session == nil {
		if err := m.Start(ctx, w, st, 0, false); err != nil {
			return "", err
		}
	}
	if tok := st.Session.Data[CSRFKey]; tok != "" {
		return tok, nil
	}
	if st.Session.Data == nil {
		st.Session.Data = map[string]string{}
	}
	st.Session.Data[CSRFKey] = RandomString(24)
	if err := m.sessions().UpdateSession(ctx, st.Session); err != nil {
		return "", fmt.Errorf("store csrf token: %w", err)
	}
	return st.Session.Data[CSRFKey], nil
}

// CheckToken reports in constant time whether got is the session's CSRF
// token. It is false without a session or token.
func CheckToken(st *State, got string) bool {
	if st == nil || st.Session == nil {
		return false
	}
	want := st.Session.Data[CSRFKey]
	return want != "" && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// SaltedToken derives a token for one purpose (such as "login" or
// "rollback") from the session's CSRF token, so that a token of one kind is
// not accepted as another. It is "" without a session token.
func SaltedToken(st *State, salt string) string {
	if st == nil || st.Session == nil || st.Session.Data[CSRFKey] == "" {
		return ""
	}
	mac := hmac.New(sha256.New, []byte(st.Session.Data[CSRFKey]))
	mac.Write([]byte(salt))
	return hex.EncodeToString(mac.Sum(nil))[:32]
}

// CheckSaltedToken reports in constant time whether got is SaltedToken(st, salt).
func CheckSaltedToken(st *State, salt, got string) bool {
	want := SaltedToken(st, salt)
	return want != "" && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (m *Manager) persistentCookie(secret string, expires time.Time) *http.Cookie {
	c := m.cookie(secret)
	c.MaxAge = int(expires.Sub(m.now()) / time.Second)
	c.Expires = expires
	return c
}

func (m *Manager) cookie(value string) *http.Cookie {
	return &http.Cookie{
		Name:     CookieName,
		Value:    value,
		Path:     "/",
		HttpOnly: true,
		Secure:   m.Secure,
		SameSite: http.SameSiteLaxMode,
	}
}

// RandomString returns n random bytes, base64url-encoded.
func RandomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the SHA-256 of a cookie secret: the session's id in the
// store.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
