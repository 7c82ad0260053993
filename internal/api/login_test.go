package api_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/folio-wiki/folio/internal/session"
)

// sessionCookie returns the client's folio_session cookie value.
func sessionCookie(c *Client) string {
	u, _ := url.Parse(c.env.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == session.CookieName {
			return ck.Value
		}
	}
	return ""
}

// TestLogin covers action=login, clientlogin and logout.
func TestLogin(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		c := env.NewClient()
		r := c.Post(P("action", "login", "lgname", "Alice", "lgpassword", TestPassword, "format", "json"))
		if Path(r.JSON, "login", "result") != "NeedToken" || Path(r.JSON, "login", "token") == nil {
			t.Errorf("login without token = %s, want NeedToken with a token", r.Body)
		}
		r = c.Post(P("action", "login", "lgname", "Alice", "lgpassword", "wrong", "lgtoken", c.Token("login"), "format", "json"))
		if Path(r.JSON, "login", "result") != "Failed" {
			t.Errorf("login with a wrong password = %s, want Failed", r.Body)
		}
		r = c.Post(P("action", "login", "lgname", "Alice", "lgpassword", TestPassword, "lgtoken", "stale+\\", "format", "json"))
		if Path(r.JSON, "login", "result") != "Failed" {
			t.Errorf("login with a stale token = %s, want Failed", r.Body)
		}
		r = c.Get(P("action", "login", "lgname", "Alice", "lgpassword", TestPassword, "format", "json"))
		if Path(r.JSON, "error", "code") != "mustbeposted" {
			t.Errorf("login by GET = %s, want mustbeposted", r.Body)
		}
		before := sessionCookie(c)
		c.MustLogin("Alice")
		if after := sessionCookie(c); after == "" || after == before {
			t.Errorf("login kept session cookie %q; a login must start a new session", after)
		}
		r = c.Get(P("action", "query", "meta", "userinfo", "format", "json", "formatversion", "2"))
		if Path(r.JSON, "query", "userinfo", "name") != "Alice" {
			t.Errorf("userinfo after login = %s", r.Body)
		}
		r = c.Post(P("action", "logout", "format", "json"))
		if Path(r.JSON, "error", "code") != "missingparam" {
			t.Errorf("logout without token = %s, want missingparam", r.Body)
		}
		r = c.Post(P("action", "logout", "token", c.Token("csrf"), "format", "json"))
		if r.Body != "{}" {
			t.Errorf("logout = %s, want {}", r.Body)
		}
		r = c.Get(P("action", "query", "meta", "userinfo", "format", "json", "formatversion", "2"))
		if Path(r.JSON, "query", "userinfo", "anon") != true {
			t.Errorf("userinfo after logout = %s, want anon", r.Body)
		}
	})
}

// TestClientLogin covers action=clientlogin.
func TestClientLogin(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	c := env.NewClient()
	login := func(pw string) *Response {
		return c.Post(P("action", "clientlogin", "username", "Alice", "password", pw, "loginreturnurl", env.URL+"/",
			"logintoken", c.Token("login"), "format", "json", "formatversion", "2"))
	}
	if r := login("wrong"); Path(r.JSON, "clientlogin", "status") != "FAIL" || Path(r.JSON, "clientlogin", "messagecode") != "wrongpassword" {
		t.Errorf("clientlogin with a wrong password = %s", r.Body)
	}
	if r := login(TestPassword); Path(r.JSON, "clientlogin", "status") != "PASS" || Path(r.JSON, "clientlogin", "username") != "Alice" {
		t.Errorf("clientlogin = %s, want PASS", r.Body)
	}
	r := c.Post(P("action", "clientlogin", "username", "Alice", "password", TestPassword, "loginreturnurl", env.URL+"/",
		"logintoken", c.Token("csrf"), "format", "json"))
	if Path(r.JSON, "error", "code") != "badtoken" {
		t.Errorf("clientlogin with a csrf token = %s, want badtoken", r.Body)
	}
}

// TestCreateAccount covers action=createaccount.
func TestCreateAccount(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	c := env.NewClient()
	create := func(name, pw, retype string) *Response {
		return c.Post(P("action", "createaccount", "username", name, "password", pw, "retype", retype,
			"createreturnurl", env.URL+"/", "createtoken", c.Token("createaccount"), "format", "json", "formatversion", "2"))
	}
	tests := []struct {
		name, user, pw, retype, status, code string
	}{
		{"new account", "Bob", TestPassword, TestPassword, "PASS", ""},
		{"taken name", "Alice", "long enough pw", "long enough pw", "FAIL", "userexists"},
		{"retype differs", "Carol", "long enough pw", "other pw", "FAIL", "badretype"},
		{"short password", "Dave", "short", "short", "FAIL", "invalidparameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env.T = t
			r := create(tt.user, tt.pw, tt.retype)
			if Path(r.JSON, "createaccount", "status") != tt.status || (tt.code != "" && Path(r.JSON, "createaccount", "messagecode") != tt.code) {
				t.Errorf("createaccount(%s) = %s, want status %s code %q", tt.user, r.Body, tt.status, tt.code)
			}
		})
	}
	env.T = t
	c.MustLogin("Bob")
}

// TestSessionSharedWithWeb checks that the API reads sessions the web
// interface writes: same cookie, same storage, same CSRF token.
func TestSessionSharedWithWeb(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	u := env.MustCreateUser("Alice")
	m := &session.Manager{Store: env.Store}
	rec := &cookieRecorder{header: http.Header{}}
	st := &session.State{}
	if err := m.Start(t.Context(), rec, st, u.ID, false); err != nil {
		t.Fatal(err)
	}
	c := env.NewClient()
	base, _ := url.Parse(env.URL)
	c.http.Jar.SetCookies(base, (&http.Response{Header: rec.header}).Cookies())
	r := c.Get(P("action", "query", "meta", "userinfo|tokens", "format", "json", "formatversion", "2"))
	if Path(r.JSON, "query", "userinfo", "name") != "Alice" {
		t.Errorf("userinfo with a web session = %s", r.Body)
	}
	if got, want := Path(r.JSON, "query", "tokens", "csrftoken"), st.Session.Data[session.CSRFKey]+`+\`; got != want {
		t.Errorf("csrftoken = %v, want the web form token %q with the +\\ suffix", got, want)
	}
}

// cookieRecorder is a minimal http.ResponseWriter that keeps headers.
type cookieRecorder struct{ header http.Header }

func (w *cookieRecorder) Header() http.Header         { return w.header }
func (w *cookieRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (w *cookieRecorder) WriteHeader(int)             {}
