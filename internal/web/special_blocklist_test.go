package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestBlockList checks Special:BlockList: active blocks with target,
// expiry, reason and blocker; expired blocks left out; the user filter;
// unblock links only for viewers with the block right.
func TestBlockList(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	ctx := context.Background()
	admin := env.MustCreateUser("Admin", "sysop")
	env.MustCreateUser("Vandal")
	env.MustCreateUser("Spammer")
	env.MustCreateUser("Former")
	env.MustCreateUser("Reader")
	now := time.Now()
	if _, err := env.Wiki.Block(ctx, admin, "Vandal", time.Time{}, "page <blanking>"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Wiki.Block(ctx, admin, "Spammer", now.Add(48*time.Hour), "spam links"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Wiki.Block(ctx, admin, "Former", now.Add(time.Hour), "short"); err != nil {
		t.Fatal(err)
	}
	env.Wiki.Now = func() time.Time { return now.Add(2 * time.Hour) } // Former's block has ended
	defer func() { env.Wiki.Now = time.Now }()
	sysop, reader := env.NewBrowser(), env.NewBrowser()
	sysop.MustLogin("Admin")
	reader.MustLogin("Reader")
	Run(t, map[string]*Browser{"sysop": sysop, "reader": reader, "anon": env.NewBrowser()}, []Scenario{
		{Name: "all active blocks", As: "anon", URL: "/wiki/Special:BlockList", Status: http.StatusOK,
			Want:     []string{`data-target="Vandal"`, `data-target="Spammer"`, "page &lt;blanking&gt;", "spam links", "infinite", "Admin"},
			DontWant: []string{`data-target="Former"`, "mw-blocklist-unblock", "<blanking>"}},
		{Name: "unblock links for admins", As: "sysop", URL: "/wiki/Special:BlockList", Status: http.StatusOK,
			Want: []string{`href="/wiki/Special:Unblock/Vandal"`, `href="/wiki/Special:Block/Spammer"`}},
		{Name: "no unblock links without the right", As: "reader", URL: "/wiki/Special:BlockList", Status: http.StatusOK,
			DontWant: []string{"mw-blocklist-unblock"}},
		{Name: "filter by user", As: "anon", URL: "/index.php?title=Special:BlockList&wpTarget=spammer", Status: http.StatusOK,
			Want: []string{`data-target="Spammer"`}, DontWant: []string{`data-target="Vandal"`}},
		{Name: "subpage filter", As: "anon", URL: "/wiki/Special:BlockList/Vandal", Status: http.StatusOK,
			Want: []string{`data-target="Vandal"`}, DontWant: []string{`data-target="Spammer"`}},
		{Name: "ended block", As: "anon", URL: "/wiki/Special:BlockList/Former", Status: http.StatusOK, Want: []string{"Former is not blocked."}},
		{Name: "alias", As: "anon", URL: "/wiki/Special:IPBlockList", Status: http.StatusMovedPermanently, Location: "/wiki/Special:BlockList"},
	})
}
