package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

func TestBlockPages(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Admin", "sysop")
	env.MustCreateUser("Vandal")
	env.MustEdit("Sandbox", "text", "", nil)
	admin, vandal := env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Admin")
	vandal.MustLogin("Vandal")
	block := func(target, expiry string) url.Values {
		return url.Values{"wpTarget": {target}, "wpExpiry": {expiry}, "wpReason": {"spam links"}, "wpEditToken": {"{token}"}}
	}
	Run(t, map[string]*Browser{"admin": admin, "vandal": vandal}, []Scenario{
		{Name: "form", As: "admin", URL: "/wiki/Special:Block/Vandal", Status: http.StatusOK, Want: []string{`id="mw-block-form"`, `value="Vandal"`}},
		{Name: "no right", As: "vandal", URL: "/wiki/Special:Block/Admin", Status: http.StatusForbidden},
		{Name: "bad expiry", As: "admin", Method: "POST", URL: "/wiki/Special:Block", Form: block("Vandal", "soon"), Status: http.StatusBadRequest, Want: []string{"not valid"}},
		{Name: "missing user", As: "admin", Method: "POST", URL: "/wiki/Special:Block", Form: block("Nobody", "1 day"), Status: http.StatusNotFound},
		{Name: "block", As: "admin", Method: "POST", URL: "/wiki/Special:Block", Form: block("Vandal", "1 week"), Status: http.StatusOK, Want: []string{"Vandal has been blocked"}},
		{Name: "form shows the block", As: "admin", URL: "/wiki/Special:Block/Vandal", Status: http.StatusOK, Want: []string{`id="mw-block-current"`, "spam links"}},
		{Name: "blocked user cannot edit", As: "vandal", URL: "/index.php?title=Sandbox&action=edit", Status: http.StatusForbidden, Want: []string{"blocked", "spam links"}},
		{Name: "blocked user cannot save", As: "vandal", Method: "POST", URL: "/index.php?title=Sandbox&action=submit",
			Form: url.Values{"wpTextbox1": {"vandalism"}, "wpEditToken": {"{token}"}, "wpSave": {"1"}}, Status: http.StatusForbidden},
		{Name: "blocked user can read", As: "vandal", URL: "/wiki/Sandbox", Status: http.StatusOK},
		{Name: "block log", As: "admin", URL: "/wiki/Special:Log?type=block", Status: http.StatusOK, Want: []string{"Vandal"}},
		{Name: "unblock", As: "admin", Method: "POST", URL: "/wiki/Special:Unblock", Form: url.Values{"wpTarget": {"Vandal"}, "wpReason": {"appeal"}, "wpEditToken": {"{token}"}},
			Status: http.StatusOK, Want: []string{"Vandal has been unblocked"}},
		{Name: "unblock twice", As: "admin", Method: "POST", URL: "/wiki/Special:Unblock", Form: url.Values{"wpTarget": {"Vandal"}, "wpEditToken": {"{token}"}}, Status: http.StatusBadRequest},
		{Name: "edit again", As: "vandal", URL: "/index.php?title=Sandbox&action=edit", Status: http.StatusOK, Want: []string{`id="wpTextbox1"`}},
	})
}
