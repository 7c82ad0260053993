package web_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

// specialTemplateURLs names, for each special_*.html template, a request
// that renders it.
var specialTemplateURLs = map[string]string{
	"special_recentchanges":      "/wiki/Special:RecentChanges",
	"special_editwatchlist":      "/wiki/Special:EditWatchlist",
	"special_changepassword":     "/wiki/Special:ChangePassword",
	"special_passwordreset":      "/wiki/Special:PasswordReset",
	"special_requestaccount":     "/wiki/Special:RequestAccount",
	"special_confirmaccounts":    "/wiki/Special:ConfirmAccounts",
	"special_block":              "/wiki/Special:Block/Alice",
	"special_blocklist":          "/wiki/Special:BlockList",
	"special_createaccount":      "/wiki/Special:CreateAccount",
	"special_userrights":         "/wiki/Special:UserRights/Alice",
	"special_changeemail":        "/wiki/Special:ChangeEmail",
	"special_preferences":        "/wiki/Special:Preferences",
	"special_log":                "/wiki/Special:Log",
	"special_allpages":           "/wiki/Special:AllPages",
	"special_prefixindex":        "/wiki/Special:PrefixIndex/A",
	"special_contributions":      "/wiki/Special:Contributions/Alice",
	"special_whatlinkshere":      "/wiki/Special:WhatLinksHere/Beta",
	"special_newpages":           "/wiki/Special:NewPages",
	"special_specialpages":       "/wiki/Special:SpecialPages",
	"special_version":            "/wiki/Special:Version",
	"special_listgrouprights":    "/wiki/Special:ListGroupRights",
	"special_listusers":          "/wiki/Special:ListUsers",
	"special_activeusers":        "/wiki/Special:ActiveUsers",
	"special_statistics":         "/wiki/Special:Statistics",
	"special_protectedpages":     "/wiki/Special:ProtectedPages",
	"special_random":             "/wiki/Special:Random/Help",
	"special_redirect":           "/wiki/Special:Redirect",
	"special_export":             "/wiki/Special:Export",
	"special_importfrometherpad": "/wiki/Special:ImportFromEtherpad",
	"special_compatables":        "/wiki/Special:Compatables",
	"special_movepage":           "/wiki/Special:MovePage/Beta",
	"special_botpasswords":       "/wiki/Special:BotPasswords",
	"special_status":             "/wiki/Special:Status",
	"special_search":             "/wiki/Special:Search?search=beta&fulltext=1",
}

// testEveryTemplate renders every special page template with the fixture,
// and fails when a template has no request in specialTemplateURLs.
func testEveryTemplate(t *testing.T, f *specialFixture) {
	entries, err := os.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".html")
		// special_import needs a sysop: TestSpecialImport renders it.
		if !ok || !strings.HasPrefix(name, "special_") || name == "special_userlogin" || name == "special_import" {
			continue
		}
		url, ok := specialTemplateURLs[name]
		if !ok {
			t.Errorf("template %s has no request in specialTemplateURLs", name)
			continue
		}
		resp := f.get(f.templateUser(name), url)
		if resp.Status != http.StatusOK || !strings.Contains(resp.Body, `id="firstHeading"`) {
			t.Errorf("GET %s (template %s) = %d\n%s", url, name, resp.Status, pageExcerpt(resp.Body))
		}
	}
}

// templateUsers names who renders the templates of pages that need a
// right Alice lacks, and that user's groups.
var templateUsers = map[string][2]string{
	"special_confirmaccounts":    {"Sysop", "sysop"},
	"special_block":              {"Sysop", "sysop"},
	"special_status":             {"Sysop", "sysop"},
	"special_importfrometherpad": {"Sysop", "sysop"},
	"special_userrights":         {"Crat", "bureaucrat"},
}

// templateUser returns the browser name for template name, logging in
// (and creating) its user on first use.
func (f *specialFixture) templateUser(name string) string {
	u, ok := templateUsers[name]
	if !ok {
		return "Alice"
	}
	if f.browsers[u[0]] == nil {
		if f.users[u[0]] == nil {
			f.users[u[0]] = f.env.MustCreateUser(u[0], u[1])
		}
		f.browsers[u[0]] = f.env.NewBrowser()
		f.browsers[u[0]].MustLogin(u[0])
	}
	return u[0]
}
