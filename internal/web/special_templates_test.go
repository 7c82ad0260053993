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
	"special_recentchanges":   "/wiki/Special:RecentChanges",
	"special_changepassword":  "/wiki/Special:ChangePassword",
	"special_passwordreset":   "/wiki/Special:PasswordReset",
	"special_requestaccount":  "/wiki/Special:RequestAccount",
	"special_confirmaccounts": "/wiki/Special:ConfirmAccounts",
	"special_block":           "/wiki/Special:Block/Alice",
	"special_log":             "/wiki/Special:Log",
	"special_allpages":        "/wiki/Special:AllPages",
	"special_prefixindex":     "/wiki/Special:PrefixIndex/A",
	"special_contributions":   "/wiki/Special:Contributions/Alice",
	"special_whatlinkshere":   "/wiki/Special:WhatLinksHere/Beta",
	"special_newpages":        "/wiki/Special:NewPages",
	"special_specialpages":    "/wiki/Special:SpecialPages",
	"special_version":         "/wiki/Special:Version",
	"special_listgrouprights": "/wiki/Special:ListGroupRights",
	"special_listusers":       "/wiki/Special:ListUsers",
	"special_activeusers":     "/wiki/Special:ActiveUsers",
	"special_statistics":      "/wiki/Special:Statistics",
	"special_protectedpages":  "/wiki/Special:ProtectedPages",
	"special_random":          "/wiki/Special:Random/Help",
	"special_redirect":        "/wiki/Special:Redirect",
	"special_export":          "/wiki/Special:Export",
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
		as := "Alice"
		sysop := name == "special_confirmaccounts" || name == "special_block"
		if sysop && f.browsers["Sysop"] == nil {
			f.browsers["Sysop"] = f.env.NewBrowser() // needs the confirmaccount right
			f.browsers["Sysop"].MustLogin("Sysop")
		}
		if sysop {
			as = "Sysop"
		}
		resp := f.get(as, url)
		if resp.Status != http.StatusOK || !strings.Contains(resp.Body, `id="firstHeading"`) {
			t.Errorf("GET %s (template %s) = %d\n%s", url, name, resp.Status, pageExcerpt(resp.Body))
		}
	}
}
