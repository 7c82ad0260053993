package session_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/sqlite"
)

func mustStore(t *testing.T) folio.Store {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatalf("sqlite.Open() error: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate() error: %v", err)
	}
	return db
}

// cookieOf returns the session cookie a response set.
func cookieOf(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == session.CookieName {
			return c
		}
	}
	return nil
}

func requestWith(c *http.Cookie) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if c != nil {
		r.AddCookie(c)
	}
	return r
}

// mustStart starts a session for userID and returns its cookie.
func mustStart(t *testing.T, m *session.Manager, userID int64) *http.Cookie {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := m.Start(context.Background(), rec, &session.State{}, userID, false); err != nil {
		t.Fatal(err)
	}
	return cookieOf(rec)
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	store := mustStore(t)
	u := &folio.User{Name: "Alice", PasswordHash: "x", Registration: time.Now()}
	if err := store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	m := &session.Manager{Store: store}
	userCookie, anonCookie := mustStart(t, m, u.ID), mustStart(t, m, 0)
	expired := mustStart(t, m, u.ID)
	sess, _ := store.FindSession(ctx, session.HashSecret(expired.Value))
	sess.Expires = time.Now().Add(-time.Hour)
	_ = store.UpdateSession(ctx, sess)
	tests := []struct {
		name        string
		cookie      *http.Cookie
		wantSession bool
		wantUser    string
	}{
		{"no cookie", nil, false, ""},
		{"unknown cookie", &http.Cookie{Name: session.CookieName, Value: "nope"}, false, ""},
		{"expired session", expired, false, ""},
		{"anonymous session", anonCookie, true, ""},
		{"user session", userCookie, true, "Alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := m.Load(ctx, requestWith(tt.cookie))
			if err != nil {
				t.Fatalf("Load() error: %v", err)
			}
			if (st.Session != nil) != tt.wantSession {
				t.Errorf("Load() session = %v, want present %v", st.Session, tt.wantSession)
			}
			name := ""
			if st.User != nil {
				name = st.User.Name
			}
			if name != tt.wantUser {
				t.Errorf("Load() user = %q, want %q", name, tt.wantUser)
			}
		})
	}
}

func TestStartEndAndTokens(t *testing.T) {
	ctx := context.Background()
	store := mustStore(t)
	m := &session.Manager{Store: store, Secure: true}
	st := &session.State{}
	rec := httptest.NewRecorder()
	tok, err := m.CSRFToken(ctx, rec, st)
	if err != nil || tok == "" {
		t.Fatalf("CSRFToken() = %q, %v; want a token", tok, err)
	}
	first := cookieOf(rec)
	if first == nil || !first.HttpOnly || !first.Secure || first.SameSite != http.SameSiteLaxMode {
		t.Fatalf("CSRFToken() cookie = %+v, want an HttpOnly, Secure, Lax session cookie", first)
	}
	stored, err := store.FindSession(ctx, session.HashSecret(first.Value))
	if err != nil || stored.Data[session.CSRFKey] != tok {
		t.Fatalf("stored session = %+v, %v; want its id to be the SHA-256 of the cookie and the token in its data", stored, err)
	}
	tests := []struct {
		name string
		got  string
		want bool
	}{
		{"the token", tok, true},
		{"another token", tok + "x", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := session.CheckToken(st, tt.got); got != tt.want {
			t.Errorf("CheckToken(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	checkSalted(t, st, tok)
	checkStartEnd(t, m, st, first)
}

// checkSalted checks that salted tokens differ by kind.
func checkSalted(t *testing.T, st *session.State, tok string) {
	t.Helper()
	login := session.SaltedToken(st, "login")
	if login == "" || login == session.SaltedToken(st, "rollback") || login == tok {
		t.Errorf("SaltedToken(login) = %q: want a token distinct from other kinds", login)
	}
	if !session.CheckSaltedToken(st, "login", login) || session.CheckSaltedToken(st, "rollback", login) {
		t.Error("CheckSaltedToken() accepts a token of another kind or rejects its own")
	}
}

// checkStartEnd checks that Start replaces the session and End removes it.
func checkStartEnd(t *testing.T, m *session.Manager, st *session.State, first *http.Cookie) {
	t.Helper()
	ctx := context.Background()
	rec := httptest.NewRecorder()
	if err := m.Start(ctx, rec, st, 0, true); err != nil {
		t.Fatal(err)
	}
	second := cookieOf(rec)
	if second.Value == first.Value || second.MaxAge <= 0 {
		t.Errorf("Start(remember) cookie = %+v: want a new, persistent session", second)
	}
	rec = httptest.NewRecorder()
	if err := m.End(ctx, rec, st); err != nil {
		t.Fatal(err)
	}
	if c := cookieOf(rec); c == nil || c.MaxAge >= 0 {
		t.Errorf("End() cookie = %+v, want an expired cookie", c)
	}
	if _, err := m.Store.FindSession(ctx, session.HashSecret(second.Value)); err == nil {
		t.Error("End() left the session in the store")
	}
}

func TestRefresh(t *testing.T) {
	ctx := context.Background()
	store := mustStore(t)
	now := time.Now()
	m := &session.Manager{Store: store, Now: func() time.Time { return now }}
	rec := httptest.NewRecorder()
	if err := m.Start(ctx, rec, &session.State{}, 0, true); err != nil {
		t.Fatal(err)
	}
	c := cookieOf(rec)
	now = now.Add(20 * 24 * time.Hour) // past half of a remembered session
	st, err := m.Load(ctx, requestWith(c))
	if err != nil || st.Session == nil {
		t.Fatalf("Load() = %+v, %v", st, err)
	}
	if st.Renew == nil || !st.Session.Expires.After(now.Add(29*24*time.Hour)) {
		t.Errorf("Load() near expiry: renew = %v, expires %v; want a renewed 30-day session", st.Renew, st.Session.Expires)
	}
}
