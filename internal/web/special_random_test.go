package web_test

import (
	"net/http"
	"testing"
)

func testRandom(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "talk namespace", url: "/wiki/Special:Random/Talk", wantStatus: 302, location: "/wiki/Talk:Alpha"},
		{name: "namespace number", url: "/wiki/Special:Random/10", wantStatus: 302, location: "/wiki/Template:Tpl"},
		{name: "empty namespace", url: "/wiki/Special:Random/Help", want: []string{"no page that is not a redirect", "<strong>Help</strong>"}},
		{name: "alias", url: "/wiki/Special:RandomPage", wantStatus: 301, location: "/wiki/Special:Random"},
	})
	// Main-namespace content pages only: never a redirect, a talk page or a
	// deleted page, and over many draws every candidate comes up.
	allowed := map[string]bool{"/wiki/Alpha": true, "/wiki/Ancient": true, "/wiki/Beta": true, "/wiki/Delta": true}
	seen := map[string]int{}
	for range 200 {
		resp := f.get("", "/wiki/Special:Random")
		status, loc := resp.Status, resp.Header.Get("Location")
		if status != http.StatusFound || !allowed[loc] {
			t.Fatalf("GET /wiki/Special:Random = %d to %q, want 302 to one of %v", status, loc, allowed)
		}
		seen[loc]++
	}
	if len(seen) != len(allowed) {
		t.Errorf("200 draws of Special:Random reached %v, want all of %v", seen, allowed)
	}
}
