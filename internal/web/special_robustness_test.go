package web_test

import (
	"net/http"
	"testing"
)

// testOddParameters sends nonsense parameters to every special page: the
// answer may be an error page, but never an internal error.
func testOddParameters(t *testing.T, f *specialFixture) {
	pages := []string{"RecentChanges", "RecentChangesLinked/Alpha", "NewPages", "Log", "Contributions/Alice",
		"WhatLinksHere/Beta", "AllPages", "PrefixIndex/A", "Random", "Version", "Statistics", "SpecialPages",
		"ListGroupRights", "ListUsers", "ProtectedPages", "MyPage", "MyTalk", "MyContributions", "Redirect/page/1",
		"PermanentLink/2", "Diff/2/4", "Diff/4"}
	queries := []string{"limit=-1", "limit=99999999999999999999", "limit=0", "namespace=abc", "namespace=-1",
		"namespace=99999", "days=-5", "days=1e308", "offset=abc", "offset=-3", "from=%00", "target=%00",
		"dir=prev&offset=1", "dir=prev", "hidebots=%FF", "type=nosuchtype", "user=%3C%3E", "page=%5B%5B",
		"username=%7C", "group=%00", "prefix=%00", "to=%FF", "invert=1&associated=1&namespace=3",
		"topOnly=1&newOnly=1&hideMinor=1&nsInvert=1&namespace=0", "feed=atom&limit=-5", "showlinkedto=1"}
	for _, name := range []string{"from", "to", "prefix", "group", "username", "user", "page", "target", "type"} {
		queries = append(queries, name+"=%00", name+"=%FF", name+"=a%00b", name+"=%E2%82")
	}
	for _, p := range pages {
		for _, q := range queries {
			url := "/index.php?title=Special:" + p + "&" + q
			if resp := f.get("", url); resp.Status >= http.StatusInternalServerError {
				t.Errorf("GET %s = %d\n%s", url, resp.Status, pageExcerpt(resp.Body))
			}
		}
	}
}
