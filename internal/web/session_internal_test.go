package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/wiki"
)

// TestSessionRefresh checks that a session past half its lifetime is
// extended and that a remembered one gets a renewed cookie.
func TestSessionRefresh(t *testing.T) {
	tests := []struct {
		name       string
		remember   bool
		expiresIn  time.Duration
		extended   bool
		wantCookie bool
	}{
		{"fresh session stays", false, 20 * time.Hour, false, false},
		{"old session is extended", false, time.Hour, true, false},
		{"old remembered session gets a new cookie", true, 24 * time.Hour, true, true},
		{"expired session is ignored", false, -time.Minute, false, false},
	}
	s := mustTestServer(t)
	h := s.Handler()
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret := session.RandomString(32)
			sess := &folio.Session{ID: session.HashSecret(secret), Data: map[string]string{session.CSRFKey: "tok"},
				Expires: time.Now().Add(tt.expiresIn).UTC().Truncate(time.Second)}
			if tt.remember {
				sess.Data[session.RememberKey] = "1"
			}
			if err := s.Store.CreateSession(ctx, sess); err != nil {
				t.Fatalf("CreateSession error: %v", err)
			}
			r := httptest.NewRequest(http.MethodGet, "/wiki/Anything", nil)
			r.AddCookie(&http.Cookie{Name: session.CookieName, Value: secret})
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			got, err := s.Store.FindSession(ctx, sess.ID)
			if err != nil && tt.expiresIn > 0 {
				t.Fatalf("FindSession error: %v", err)
			} else if err != nil {
				return // the store hides expired sessions
			}
			if extended := got.Expires.After(sess.Expires); extended != tt.extended {
				t.Errorf("expiry %v → %v: extended = %v, want %v", sess.Expires, got.Expires, extended, tt.extended)
			}
			if gotCookie := w.Header().Get("Set-Cookie") != ""; gotCookie != tt.wantCookie {
				t.Errorf("Set-Cookie = %q, want a cookie: %v", w.Header().Get("Set-Cookie"), tt.wantCookie)
			}
		})
	}
}

// TestCheckToken checks CSRF token verification.
func TestCheckToken(t *testing.T) {
	sess := &folio.Session{Data: map[string]string{session.CSRFKey: "right"}}
	tests := []struct {
		name    string
		method  string
		session *folio.Session
		field   string
		value   string
		ok      bool
	}{
		{"right token", http.MethodPost, sess, "wpEditToken", "right", true},
		{"token field", http.MethodPost, sess, "token", "right", true},
		{"login token field", http.MethodPost, sess, "wpLoginToken", "right", true},
		{"wrong token", http.MethodPost, sess, "wpEditToken", "wrong", false},
		{"empty token", http.MethodPost, sess, "wpEditToken", "", false},
		{"no session", http.MethodPost, nil, "wpEditToken", "right", false},
		{"GET never passes", http.MethodGet, sess, "wpEditToken", "right", false},
		{"session without token", http.MethodPost, &folio.Session{Data: map[string]string{}}, "wpEditToken", "", false},
	}
	s := &Server{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/", nil)
			r.PostForm = map[string][]string{tt.field: {tt.value}}
			r = r.WithContext(context.WithValue(r.Context(), stateKey{}, &requestState{sess: &session.State{Session: tt.session}}))
			if err := s.checkToken(r); (err == nil) != tt.ok {
				t.Errorf("checkToken() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

// TestSpecialUndelete checks the Special:Undelete entry point: the title
// comes from the subpage or target=, and is required.
func TestSpecialUndelete(t *testing.T) {
	s := mustTestServer(t)
	tests := []struct {
		name, sub, target string
		want              int
	}{
		{"no title", "", "", http.StatusBadRequest},
		{"bad title", "A[b]", "", http.StatusBadRequest},
		{"anonymous may not restore", "Some page", "", http.StatusForbidden},
		{"target parameter", "", "Some page", http.StatusForbidden},
		{"special pages cannot be restored", "Special:Version", "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/wiki/Special:Undelete?target="+url.QueryEscape(tt.target), nil)
			r = r.WithContext(context.WithValue(r.Context(), stateKey{}, &requestState{id: "test", sess: &session.State{}}))
			r.SetPathValue(subpageKey, tt.sub)
			w := httptest.NewRecorder()
			s.handleSpecialUndelete(w, r)
			if w.Code != tt.want {
				t.Errorf("Special:Undelete/%s?target=%s: status %d, want %d", tt.sub, tt.target, w.Code, tt.want)
			}
		})
	}
}

func TestClientIP(t *testing.T) {
	s := &Server{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")},
		Wiki:           wiki.New(nil, folio.NewNamespaces("Test")),
	}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"direct", "192.0.2.1:5000", "", "192.0.2.1"},
		{"untrusted peer's header is ignored", "192.0.2.1:5000", "198.51.100.7", "192.0.2.1"},
		{"trusted proxy", "10.0.0.2:5000", "198.51.100.7", "198.51.100.7"},
		{"chain of proxies", "10.0.0.2:5000", "198.51.100.7, 10.1.1.1", "198.51.100.7"},
		{"spoofed first hop is not believed", "10.0.0.2:5000", "203.0.113.9, 198.51.100.7", "198.51.100.7"},
		{"IPv6 proxy", "[::1]:5000", "2001:db8::5", "2001:DB8:0:0:0:0:0:5"},
		{"IPv6 direct, as user names store it", "[::1]:5000", "", "0:0:0:0:0:0:0:1"},
		{"garbage", "10.0.0.2:5000", "nonsense", "10.0.0.2"},
		{"all trusted", "10.0.0.2:5000", "10.9.9.9", "10.9.9.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := s.clientIP(r); got != tt.want {
				t.Errorf("clientIP(%s, %q) = %q, want %q", tt.remote, tt.xff, got, tt.want)
			}
		})
	}
}
