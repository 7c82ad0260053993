package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

func TestPreferencesAndChangeEmail(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	box := &inbox{}
	env.Wiki.Accounts.Mailer = box
	env.MustCreateUser("Alice")
	b, anon := env.NewBrowser(), env.NewBrowser()
	b.MustLogin("Alice")
	bs := map[string]*Browser{"b": b, "anon": anon}
	Run(t, bs, []Scenario{
		{Name: "anonymous preferences", As: "anon", URL: "/wiki/Special:Preferences", Status: http.StatusForbidden},
		{Name: "anonymous change email", As: "anon", URL: "/wiki/Special:ChangeEmail", Status: http.StatusForbidden},
		{Name: "preferences", As: "b", URL: "/wiki/Special:Preferences", Status: http.StatusOK, Want: []string{`id="wpminordefault"`, `id="mw-prefs-changepassword"`, `id="pt-preferences"`}},
		{Name: "save", As: "b", Method: "POST", URL: "/wiki/Special:Preferences",
			Form: url.Values{"wpRealName": {"Alice A."}, "wpminordefault": {"1"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"have been saved", `value="Alice A."`, `id="wpminordefault" name="wpminordefault" value="1" checked`}},
		{Name: "wrong password", As: "b", Method: "POST", URL: "/wiki/Special:ChangeEmail",
			Form: url.Values{"wpNewEmail": {"alice@example.org"}, "wpPassword": {"nope-nope-nope"}, "wpEditToken": {"{token}"}}, Status: http.StatusForbidden},
		{Name: "change email", As: "b", Method: "POST", URL: "/wiki/Special:ChangeEmail",
			Form: url.Values{"wpNewEmail": {"alice@example.org"}, "wpPassword": {TestPassword}, "wpEditToken": {"{token}"}}, Status: http.StatusOK, Want: []string{"alice@example.org"}},
		{Name: "unconfirmed", As: "b", URL: "/wiki/Special:ChangeEmail", Status: http.StatusOK, Want: []string{"(not confirmed)"}},
		{Name: "bad link", As: "anon", URL: "/wiki/Special:ConfirmEmail/nope", Status: http.StatusBadRequest},
	})
	link := regexp.MustCompile(`(/index\.php\?title=Special:ConfirmEmail/\S+)`).FindStringSubmatch(box.msgs[0].Body)
	if link == nil {
		t.Fatalf("no link in %s", box.msgs[0].Body)
	}
	Run(t, bs, []Scenario{
		{Name: "confirm", As: "anon", URL: link[1], Status: http.StatusOK, Want: []string{"is confirmed"}},
		{Name: "confirmed", As: "b", URL: "/wiki/Special:ChangeEmail", Status: http.StatusOK, Want: []string{"(confirmed)"}},
	})
}
