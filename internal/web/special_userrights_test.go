package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

func TestUserRightsPage(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Crat", "bureaucrat")
	env.MustCreateUser("Plain")
	env.MustCreateUser("Target")
	crat, plain := env.NewBrowser(), env.NewBrowser()
	crat.MustLogin("Crat")
	plain.MustLogin("Plain")
	save := url.Values{"user": {"Target"}, "wpGroup-sysop": {"1"}, "wpReason": {"trusted"}, "wpEditToken": {"{token}"}}
	Run(t, map[string]*Browser{"crat": crat, "plain": plain}, []Scenario{
		{Name: "lookup form", As: "crat", URL: "/wiki/Special:UserRights", Status: http.StatusOK, Want: []string{`id="mw-userrights-form1"`}, DontWant: []string{`id="mw-userrights-form2"`}},
		{Name: "no right", As: "plain", URL: "/wiki/Special:UserRights/Target", Status: http.StatusForbidden, Want: []string{"userrights"}},
		{Name: "no right to save", As: "plain", Method: "POST", URL: "/wiki/Special:UserRights", Form: save, Status: http.StatusForbidden},
		{Name: "missing user", As: "crat", URL: "/wiki/Special:UserRights/Nobody", Status: http.StatusNotFound},
		{Name: "groups", As: "crat", URL: "/wiki/Special:UserRights/Target", Status: http.StatusOK, Want: []string{`id="wpGroup-sysop"`, `id="wpGroup-bureaucrat"`}, DontWant: []string{"wpGroup-autoconfirmed"}},
		{Name: "save", As: "crat", Method: "POST", URL: "/wiki/Special:UserRights", Form: save, Status: http.StatusOK, Want: []string{"have been saved", `id="wpGroup-sysop" name="wpGroup-sysop" value="1" checked`}},
		{Name: "logged", As: "crat", URL: "/wiki/Special:Log?type=rights", Status: http.StatusOK, Want: []string{"Target"}},
		{Name: "listed as sysop", As: "crat", URL: "/wiki/Special:ListUsers?group=sysop", Status: http.StatusOK, Want: []string{"Target"}},
	})
}
