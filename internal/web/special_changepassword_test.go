package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func loginForm(name, pw string, extra ...string) url.Values {
	f := url.Values{"wpName": {name}, "wpPassword": {pw}, "wpLoginToken": {"{token}"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

// TestLoginThrottle: five failures per account and address, then 429 with
// Retry-After for the right password too, and the same for a missing
// account so that the throttle does not reveal which accounts exist.
func TestLoginThrottle(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	b := env.NewBrowser()
	var scs []Scenario
	for _, name := range []string{"Alice", "Nobody"} {
		for range 5 {
			scs = append(scs, Scenario{Name: name + " wrong password", As: "b", Method: "POST", URL: "/wiki/Special:UserLogin",
				Form: loginForm(name, "wrong-password"), Status: http.StatusForbidden, Want: []string{"Incorrect username or password"}})
		}
		scs = append(scs, Scenario{Name: name + " throttled", As: "b", Method: "POST", URL: "/wiki/Special:UserLogin",
			Form: loginForm(name, TestPassword), Status: http.StatusTooManyRequests,
			Want: []string{"too many recent login attempts"}, DontWant: []string{`id="pt-logout"`}})
	}
	Run(t, map[string]*Browser{"b": b}, scs)
	resp := b.Do(http.MethodPost, "/wiki/Special:UserLogin", url.Values{"wpName": {"Alice"}, "wpPassword": {"x"}, "wpLoginToken": {b.Token()}})
	if resp.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("throttled login: status %d, Retry-After %q; want 429 and a value", resp.Status, resp.Header.Get("Retry-After"))
	}
}

// TestTemporaryPasswordLogin: a login with a temporary password is not
// complete until a new password is set.
func TestTemporaryPasswordLogin(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	u := env.MustCreateUser("Alice")
	env.MustEdit("Alpha", "text", "", nil)
	tmp, err := env.Wiki.SetTemporaryPassword(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	change := func(pw, retype string) url.Values {
		return url.Values{"wpNewPassword": {pw}, "wpRetype": {retype}, "wpEditToken": {"{token}"}, "returnto": {"Alpha"}}
	}
	Run(t, map[string]*Browser{"b": env.NewBrowser()}, []Scenario{
		{Name: "login with the temporary password", As: "b", Method: "POST", URL: "/wiki/Special:UserLogin",
			Form: loginForm("Alice", tmp, "returnto", "Alpha"), Status: http.StatusOK,
			Want:     []string{`id="mw-changepassword-form"`, "temporary password", `name="returnto" value="Alpha"`},
			DontWant: []string{`id="wpPassword"`, `id="pt-logout"`}},
		{Name: "not logged in yet", As: "b", URL: "/wiki/Alpha", Status: http.StatusOK,
			Want: []string{`id="pt-login"`}, DontWant: []string{`id="pt-logout"`}},
		{Name: "passwords differ", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change("amber-lantern-9", "amber-lantern-8"), Status: http.StatusBadRequest, Want: []string{"do not match"}},
		{Name: "too common", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change("password123", "password123"), Status: http.StatusBadRequest, Want: []string{"too common"}},
		{Name: "new password", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change("amber-lantern-9", "amber-lantern-9"), Status: http.StatusSeeOther, Location: "/wiki/Alpha"},
		{Name: "logged in", As: "b", URL: "/wiki/Alpha", Status: http.StatusOK, Want: []string{`id="pt-logout"`}},
		{Name: "temporary password is gone", As: "b", Method: "POST", URL: "/wiki/Special:UserLogin",
			Form: loginForm("Alice", tmp), Status: http.StatusForbidden},
	})
}

func TestChangePassword(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	b := env.NewBrowser()
	b.MustLogin("Alice")
	change := func(old, pw string) url.Values {
		return url.Values{"wpPassword": {old}, "wpNewPassword": {pw}, "wpRetype": {pw}, "wpEditToken": {"{token}"}}
	}
	Run(t, map[string]*Browser{"b": b, "anon": env.NewBrowser()}, []Scenario{
		{Name: "anonymous", As: "anon", URL: "/wiki/Special:ChangePassword", Status: http.StatusForbidden, Want: []string{"logged in"}},
		{Name: "form", As: "b", URL: "/wiki/Special:ChangePassword", Status: http.StatusOK,
			Want: []string{`id="wpPassword"`, `id="wpNewPassword"`, `id="wpRetype"`}},
		{Name: "without token", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: url.Values{"wpPassword": {TestPassword}, "wpNewPassword": {"amber-lantern-9"}, "wpRetype": {"amber-lantern-9"}}, Status: http.StatusBadRequest},
		{Name: "wrong current password", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change("nope-nope-nope", "amber-lantern-9"), Status: http.StatusForbidden, Want: []string{"current password"}},
		{Name: "too short", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change(TestPassword, "short"), Status: http.StatusBadRequest, Want: []string{"at least 8"}},
		{Name: "changed", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: change(TestPassword, "amber-lantern-9"), Status: http.StatusOK, Want: []string{"has been changed"}},
		{Name: "new password logs in", As: "anon", Method: "POST", URL: "/wiki/Special:UserLogin",
			Form: loginForm("Alice", "amber-lantern-9"), Status: http.StatusSeeOther},
	})
}
