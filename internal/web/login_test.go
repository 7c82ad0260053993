package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestLoginLogout(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		env.MustEdit("Alpha", "text", "", nil)
		b := env.NewBrowser()
		login := func(name, pw, token string, extra ...string) url.Values {
			f := url.Values{"wpName": {name}, "wpPassword": {pw}, "wpLoginToken": {token}}
			for i := 0; i+1 < len(extra); i += 2 {
				f.Set(extra[i], extra[i+1])
			}
			return f
		}
		Run(t, map[string]*Browser{"b": b}, []Scenario{
			{Name: "login form", As: "b", URL: "/wiki/Special:UserLogin", Status: http.StatusOK,
				Want: []string{`id="wpName1"`, `id="wpPassword1"`, `id="wpRemember"`, `id="wpLoginAttempt"`, `name="wpLoginToken"`}},
			{Name: "login form is case-insensitive", As: "b", URL: "/wiki/Special:userlogin", Status: http.StatusMovedPermanently, Location: "Special:UserLogin"},
			{Name: "login without token", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form: login("Alice", TestPassword, ""), Status: http.StatusBadRequest, Want: []string{`value="Alice"`}},
			{Name: "wrong password", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form: login("Alice", "wrong password", "{token}"), Status: http.StatusForbidden, Want: []string{"Incorrect"}, DontWant: []string{"wrong password"}},
			{Name: "unknown user looks the same", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form: login("Nobody", TestPassword, "{token}"), Status: http.StatusForbidden, Want: []string{"Incorrect"}},
			{Name: "login with an external returnto goes to the main page", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form: login("Alice", TestPassword, "{token}", "returnto", "//evil.example/x"), Status: http.StatusSeeOther, Location: "/wiki/"},
			{Name: "logged in", As: "b", URL: "/wiki/Alpha", Status: http.StatusOK,
				Want: []string{`id="pt-userpage"`, ">Alice<", `id="pt-logout"`, `id="pt-mycontris"`}, DontWant: []string{`id="pt-login"`}},
			{Name: "my page", As: "b", URL: "/wiki/Special:MyPage", Status: http.StatusFound, Location: "/wiki/User:Alice"},
			{Name: "users may mark edits minor", As: "b", URL: "/index.php?title=Alpha&action=edit", Status: http.StatusOK, Want: []string{`id="wpMinoredit"`}},
			{Name: "logout asks on GET", As: "b", URL: "/wiki/Special:UserLogout", Status: http.StatusOK, Want: []string{`id="mw-logout-form"`}},
			{Name: "logout without token", As: "b", Method: "POST", URL: "/wiki/Special:UserLogout", Form: url.Values{}, Status: http.StatusBadRequest},
			{Name: "still logged in", As: "b", URL: "/wiki/Alpha", Status: http.StatusOK, Want: []string{`id="pt-logout"`}},
			{Name: "logout", As: "b", Method: "POST", URL: "/wiki/Special:UserLogout", Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK,
				Want: []string{"You are now logged out"}},
			{Name: "logged out", As: "b", URL: "/wiki/Alpha", Status: http.StatusOK, Want: []string{`id="pt-login"`}, DontWant: []string{`id="pt-logout"`}},
			{Name: "login link keeps the page and query", As: "b", URL: "/index.php?title=Alpha&action=history", Status: http.StatusOK,
				Want: []string{"returnto=Alpha&amp;returntoquery=action%3Dhistory"}},
			{Name: "login with returnto", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form: login("Alice", TestPassword, "{token}", "returnto", "Alpha"), Status: http.StatusSeeOther, Location: "/wiki/Alpha"},
			{Name: "logout again", As: "b", Method: "POST", URL: "/wiki/Special:UserLogout", Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK},
			{Name: "login with returntoquery", As: "b", Method: "POST", URL: "/index.php?title=Special:UserLogin",
				Form:   login("Alice", TestPassword, "{token}", "returnto", "Alpha", "returntoquery", "action=history&title=Evil"),
				Status: http.StatusSeeOther, Location: "/index.php?title=Alpha&action=history"},
		})
	})
}

// TestSessionCookie checks the cookie's attributes, that a login replaces
// the session id and that "keep me logged in" makes the cookie persistent.
func TestSessionCookie(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	b := env.NewBrowser()
	if resp := b.Do(http.MethodGet, "/wiki/Alpha", nil); resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("a plain view set a cookie: %q", resp.Header.Get("Set-Cookie"))
	}
	form := b.Do(http.MethodGet, "/wiki/Special:UserLogin", nil)
	anon := form.Header.Get("Set-Cookie")
	for _, want := range []string{"folio_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(anon, want) {
			t.Errorf("session cookie %q lacks %q", anon, want)
		}
	}
	resp := b.Do(http.MethodPost, "/index.php?title=Special:UserLogin", url.Values{
		"wpName": {"Alice"}, "wpPassword": {TestPassword}, "wpLoginToken": {b.Token()}, "wpRemember": {"1"},
	})
	var fresh string
	for _, c := range resp.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "folio_session=") && !strings.Contains(c, "Max-Age=0") && !strings.HasPrefix(c, "folio_session=;") {
			fresh = c
		}
	}
	if fresh == "" || strings.Split(fresh, ";")[0] == strings.Split(anon, ";")[0] {
		t.Errorf("login did not issue a new session id: before %q, after %q", anon, fresh)
	}
	if !strings.Contains(fresh, "Max-Age=") {
		t.Errorf("remembered session cookie %q is not persistent", fresh)
	}
}

// TestPrivateWiki checks that without the read right pages are refused
// while the login page stays open, and that a login lets the user read.
func TestPrivateWiki(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	delete(env.Wiki.Rights[folio.GroupAll], "read")
	env.MustCreateUser("Alice")
	env.MustEdit("Secret", "hidden text", "", nil)
	anon, alice := env.NewBrowser(), env.NewBrowser()
	alice.MustLogin("Alice")
	Run(t, map[string]*Browser{"anon": anon, "alice": alice}, []Scenario{
		{Name: "anonymous cannot read", As: "anon", URL: "/wiki/Secret", Status: http.StatusForbidden, DontWant: []string{"hidden text"}},
		{Name: "nor read the source", As: "anon", URL: "/index.php?title=Secret&action=raw", Status: http.StatusForbidden, DontWant: []string{"hidden text"}},
		{Name: "login page stays open", As: "anon", URL: "/wiki/Special:UserLogin", Status: http.StatusOK},
		{Name: "other special pages are closed", As: "anon", URL: "/wiki/Special:Version", Status: http.StatusForbidden},
		{Name: "users can use special pages", As: "alice", URL: "/wiki/Special:Version", Status: http.StatusOK},
		{Name: "users can read", As: "alice", URL: "/wiki/Secret", Status: http.StatusOK, Want: []string{"hidden text"}},
	})
}
