package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/throttle"
)

// TestCreateAccount covers Special:CreateAccount in open mode: the form,
// CSRF, the name rules, the retyped password, the password policy, the
// per-address throttle (429), the login into the new account, the
// newusers/create log, and an administrator creating an account for
// someone else.
func TestCreateAccount(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	env.MustCreateUser("Admin", "sysop")
	env.Wiki.Accounts.CreateAccountThrottle = throttle.New(throttle.Rule{Count: 2, Window: 24 * time.Hour})
	form := func(name, pw, retype string) url.Values {
		return url.Values{"wpName": {name}, "wpPassword": {pw}, "retype": {retype}, "email": {"new@example.org"},
			"wpEditToken": {"{token}"}, "returnto": {"Sandbox"}}
	}
	visitor, admin := env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Admin")
	browsers := map[string]*Browser{"visitor": visitor, "admin": admin, "other": env.NewBrowser()}
	Run(t, browsers, []Scenario{
		{Name: "form", As: "visitor", URL: "/wiki/Special:CreateAccount", Status: http.StatusOK,
			Want: []string{`id="userlogin2"`, `name="retype"`, `name="wpEditToken"`}},
		{Name: "login links to it", As: "other", URL: "/wiki/Special:UserLogin", Status: http.StatusOK,
			Want: []string{`id="mw-createaccount-link"`, `id="pt-createaccount"`, `href="/wiki/Special:CreateAccount"`}},
		{Name: "no token", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount",
			Form: url.Values{"wpName": {"Bob"}, "wpPassword": {TestPassword}, "retype": {TestPassword}}, Status: http.StatusBadRequest},
		{Name: "taken name", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("alice", TestPassword, TestPassword),
			Status: http.StatusConflict, Want: []string{"already taken"}},
		{Name: "invalid name", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Bad[name]", TestPassword, TestPassword),
			Status: http.StatusBadRequest, Want: []string{"not a valid user name"}},
		{Name: "IP address as name", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("192.0.2.9", TestPassword, TestPassword),
			Status: http.StatusBadRequest, Want: []string{"not a valid user name"}},
		{Name: "retype differs", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Bob", TestPassword, "something else"),
			Status: http.StatusBadRequest, Want: []string{"not the same"}},
		{Name: "weak password", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Bob", "password", "password"),
			Status: http.StatusBadRequest},
		{Name: "created and logged in", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Bob", TestPassword, TestPassword),
			Status: http.StatusSeeOther, Location: "/wiki/Sandbox"},
		{Name: "now Bob", As: "visitor", URL: "/wiki/Special:Preferences", Status: http.StatusOK, Want: []string{"Bob"}},
		{Name: "admin creates for another", As: "admin", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Carol", TestPassword, TestPassword),
			Status: http.StatusOK, Want: []string{"The account Carol has been created."}},
		{Name: "throttled per address", As: "other", Method: "POST", URL: "/wiki/Special:CreateAccount", Form: form("Dave", TestPassword, TestPassword),
			Status: http.StatusTooManyRequests, Want: []string{"too many recent account creations"}},
		{Name: "log", As: "other", URL: "/wiki/Special:Log?type=newusers", Status: http.StatusOK, Want: []string{"User:Bob", "User:Carol"}},
	})
	les, err := env.Store.FindLogEntries(context.Background(), folio.LogFilter{Type: "newusers"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, le := range les {
		got[le.DBKey] = le.Action + " by " + le.Actor.Name
	}
	if got["Bob"] != "create by Bob" || got["Carol"] != "create2 by Admin" {
		t.Errorf("newusers log = %v, want Bob's create by himself and Carol's create2 by Admin", got)
	}
	if u, err := env.Store.FindUserByName(context.Background(), "Bob"); err != nil || u.Email != "new@example.org" || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Errorf("Bob = %+v, %v; want the address and an argon2id hash", u, err)
	}
}

// TestCreateAccountRequestMode checks that request mode (no createaccount
// right for visitors) closes the page and points to Special:RequestAccount.
func TestCreateAccountRequestMode(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	for _, g := range []string{folio.GroupAll, folio.GroupUser} {
		delete(env.Wiki.Rights[g], "createaccount")
	}
	Run(t, map[string]*Browser{"visitor": env.NewBrowser()}, []Scenario{
		{Name: "closed", As: "visitor", URL: "/wiki/Special:CreateAccount", Status: http.StatusForbidden,
			Want: []string{`id="mw-createaccount-request-link"`, "Special:RequestAccount"}, DontWant: []string{`id="userlogin2"`}},
		{Name: "post refused", As: "visitor", Method: "POST", URL: "/wiki/Special:CreateAccount",
			Form:   url.Values{"wpName": {"Bob"}, "wpPassword": {TestPassword}, "retype": {TestPassword}, "wpEditToken": {"{token}"}},
			Status: http.StatusForbidden, DontWant: []string{"has been created"}},
		{Name: "personal tools point to requests", As: "visitor", URL: "/wiki/Special:UserLogin", Status: http.StatusOK,
			Want: []string{`id="pt-createaccount"`, `href="/wiki/Special:RequestAccount"`}, DontWant: []string{`href="/wiki/Special:CreateAccount"`}},
	})
	if _, err := env.Store.FindUserByName(context.Background(), "Bob"); folio.ErrorCode(err) != folio.ENoSuchUser {
		t.Errorf("Bob exists after a refused creation: %v", err)
	}
}
