package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// oddParameterValues are the nonsense values every parameter gets.
var oddParameterValues = []string{"", "-1", "0", "99999999999999999999", "1e308", "abc", "%00", "%FF", "a%00b", "%E2%82"}

// testOddParameters sends nonsense values for each parameter a special
// page reads: the answer may be an error page, but never an internal error
// (PostgreSQL, for one, rejects NUL and invalid UTF-8).
func testOddParameters(t *testing.T, f *specialFixture) {
	rc := "limit days from namespace invert associated hidebots hideminor hidemyself feed"
	pages := map[string]string{
		"RecentChanges":             rc,
		"RecentChangesLinked/Alpha": rc + " target showlinkedto",
		"NewPages":                  "namespace username hidebots hideliu hideredirs limit offset feed",
		"Log":                       "type user page limit offset",
		"Contributions/Alice":       "target namespace nsInvert associated topOnly newOnly hideMinor limit offset dir",
		"WhatLinksHere/Beta":        "target namespace hidelinks hideredirs hidetrans limit from",
		"AllPages":                  "from to namespace hideredirects",
		"PrefixIndex/A":             "prefix from namespace stripprefix hideredirects",
		"ListUsers":                 "username group limit",
		"ActiveUsers":               "username hidebots limit",
		"ProtectedPages":            "namespace type level",
		"Random":                    "",
		"Redirect":                  "wptype wpvalue",
		"MyContributions":           "limit",
	}
	for page, params := range pages {
		for _, name := range append(strings.Fields(params), "title2") {
			for _, value := range oddParameterValues {
				url := "/index.php?title=Special:" + page + "&" + name + "=" + value
				if resp := f.get("", url); resp.Status >= http.StatusInternalServerError {
					t.Errorf("GET %s = %d\n%s", url, resp.Status, pageExcerpt(resp.Body))
				}
			}
		}
	}
	for _, sub := range []string{"Random/%00", "Contributions/%FF", "WhatLinksHere/%00", "Diff/%FF", "PermanentLink/%00",
		"ListUsers/%00", "PrefixIndex/%FF", "AllPages/%00", "Log/%FF", "RecentChangesLinked/%E2%82"} {
		url := "/wiki/Special:" + sub
		if resp := f.get("", url); resp.Status >= http.StatusInternalServerError {
			t.Errorf("GET %s = %d\n%s", url, resp.Status, pageExcerpt(resp.Body))
		}
	}
}
