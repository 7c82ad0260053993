package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/wiki"
)

// specialFixture is a running server with a few users, pages, edits and
// log entries (see mustSpecialFixture), and browsers to visit it: "" is an
// anonymous visitor, whose address is also the fixture's anonymous editor,
// and "Alice" is logged in as Alice.
type specialFixture struct {
	env      *Env
	browsers map[string]*Browser
	users    map[string]*folio.User
	clock    *testClock
}

// testIP is the address the test browsers connect from.
const testIP = "127.0.0.1"

// testClock hands out increasing times, one minute apart, so that changes
// have a stable order.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Minute)
	return c.now
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// linkPattern finds [[links]], {{templates}} and #REDIRECT for the test
// linker, which stands in for the wikitext renderer.
var linkPattern = regexp.MustCompile(`(#REDIRECT\s*)?\[\[([^\]|]+)|\{\{([^}|]+)`)

type testLinker struct{ ns *folio.Namespaces }

func (l testLinker) Links(_ context.Context, _ folio.Title, text string) (*folio.LinkSet, *folio.LinkTarget, error) {
	ls := &folio.LinkSet{}
	var redirect *folio.LinkTarget
	for _, m := range linkPattern.FindAllStringSubmatch(text, -1) {
		name, ns := m[2], folio.NSMain
		if m[3] != "" {
			name, ns = m[3], folio.NSTemplate
		}
		t, err := l.ns.ParseTitle(name, ns)
		if err != nil {
			continue
		}
		lt := folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}
		switch {
		case m[1] != "" && redirect == nil:
			redirect = &lt
			ls.Links = append(ls.Links, lt)
		case m[3] != "":
			ls.Templates = append(ls.Templates, lt)
		default:
			ls.Links = append(ls.Links, lt)
		}
	}
	return ls, redirect, nil
}

// forEachSpecialFixture runs fn on a fresh fixture on every backend.
func forEachSpecialFixture(t *testing.T, fn func(t *testing.T, f *specialFixture)) {
	ForEachBackend(t, func(t *testing.T, env *Env) { fn(t, mustSpecialFixture(t, env)) })
}

// mustSpecialFixture fills env's empty store:
//
//	10 days ago  Alice creates "Ancient"
//	then         Alice creates "Alpha" (links to Beta, uses Template:Tpl)
//	             127.0.0.1 creates "Beta"
//	             Alice edits "Alpha" (minor, +text)
//	             Botty edits "Beta" as a bot
//	             Alice creates "Talk:Alpha", "Gamma" (redirect to Beta),
//	             "Delta" (links to Gamma), "Template:Tpl", "Zeta",
//	             and shortens "Delta"
//	             Sysop deletes "Zeta" and protects "Alpha"
func mustSpecialFixture(tb testing.TB, env *Env) *specialFixture {
	tb.Helper()
	db, ok := env.Store.(*sqldb.DB)
	if !ok {
		tb.Fatalf("store %T has no clock to set", env.Store)
	}
	clock := &testClock{now: time.Now().Add(-10 * 24 * time.Hour)}
	db.Now = clock.Now
	env.Wiki.Linker = testLinker{env.Server.Namespaces}
	f := &specialFixture{env: env, users: map[string]*folio.User{}, clock: clock,
		browsers: map[string]*Browser{"": env.NewBrowser(), "Alice": env.NewBrowser()}}
	f.users["Alice"] = env.MustCreateUser("Alice")
	f.users["Botty"] = env.MustCreateUser("Botty", "bot")
	f.users["Sysop"] = env.MustCreateUser("Sysop", "sysop")
	f.populate(tb)
	f.browsers["Alice"].MustLogin("Alice")
	return f
}

// populate makes the edits and log entries listed on mustSpecialFixture.
func (f *specialFixture) populate(tb testing.TB) {
	tb.Helper()
	f.edit(tb, "Alice", "Ancient", "Very old text.", "old times", false, false)
	f.clock.set(time.Now().Add(-3 * time.Hour))
	f.edit(tb, "Alice", "Alpha", "Hello [[Beta]] {{Tpl}}", "first version", false, false)
	f.edit(tb, "", "Beta", "Beta text", "anonymous start", false, false)
	f.edit(tb, "Alice", "Alpha", "Hello [[Beta]] {{Tpl}} and more words here", "typo fix", true, false)
	f.edit(tb, "Botty", "Beta", "Beta text, tidied by a bot", "robot tidy", false, true)
	f.edit(tb, "Alice", "Talk:Alpha", "Let us discuss.", "talk start", false, false)
	f.edit(tb, "Alice", "Gamma", "#REDIRECT [[Beta]]", "redirect to Beta", false, false)
	f.edit(tb, "Alice", "Delta", "See [[Gamma]].", "links via redirect", false, false)
	f.edit(tb, "Alice", "Template:Tpl", "template text", "a template", false, false)
	f.edit(tb, "Alice", "Zeta", "to be deleted", "doomed page", false, false)
	f.edit(tb, "Alice", "Delta", "[[Gamma]]", "shorter now", false, false)
	ctx := context.Background()
	w, st := f.env.Wiki, f.env.Store
	zeta, err := st.FindPageByTitle(ctx, folio.NSMain, "Zeta")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Delete(ctx, f.users["Sysop"], "", zeta, "spam cleanup"); err != nil {
		tb.Fatal(err)
	}
	alpha, err := st.FindPageByTitle(ctx, folio.NSMain, "Alpha")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Protect(ctx, f.users["Sysop"], "", alpha,
		[]folio.Protection{{Type: "edit", Level: "sysop"}}, "edit war"); err != nil {
		tb.Fatal(err)
	}
}

// edit saves text as user ("" for the anonymous test visitor).
func (f *specialFixture) edit(tb testing.TB, user, title, text, summary string, minor, bot bool) {
	tb.Helper()
	t, err := f.env.Server.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		tb.Fatal(err)
	}
	base := int64(0)
	if p, err := f.env.Store.FindPageByTitle(context.Background(), t.Namespace, t.DBKey); err == nil {
		base = p.Latest
	}
	req := wiki.EditRequest{Title: t, Text: text, Summary: summary, Minor: minor, Bot: bot,
		BaseRevID: base, User: f.users[user], IP: testIP}
	if _, err := f.env.Wiki.Edit(context.Background(), req); err != nil {
		tb.Fatalf("edit %s: %v", title, err)
	}
}

// scenario is one GET request and what its answer must and must not
// contain.
type scenario struct {
	name       string
	as         string // browser: "" anonymous, "Alice" logged in
	url        string
	wantStatus int // 200 when zero
	want       []string
	notWant    []string
	location   string // wanted Location header prefix, for redirects
}

// run runs each scenario as a subtest.
func (f *specialFixture) run(t *testing.T, tests []scenario) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.get(tt.as, tt.url)
			want := tt.wantStatus
			if want == 0 {
				want = http.StatusOK
			}
			if resp.Status != want {
				t.Fatalf("GET %s = %d, want %d; body:\n%s", tt.url, resp.Status, want, pageExcerpt(resp.Body))
			}
			if loc := resp.Header.Get("Location"); tt.location != "" && !strings.HasPrefix(loc, tt.location) {
				t.Errorf("GET %s: Location = %q, want prefix %q", tt.url, loc, tt.location)
			}
			for _, s := range tt.want {
				if !strings.Contains(resp.Body, s) {
					t.Errorf("GET %s: body lacks %q; body:\n%s", tt.url, s, pageExcerpt(resp.Body))
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(resp.Body, s) {
					t.Errorf("GET %s: body contains %q", tt.url, s)
				}
			}
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				if msg := unbalancedTag(resp.Body); msg != "" { // the check of webtest_test.go
					t.Errorf("GET %s: malformed HTML: %s", tt.url, msg)
				}
			}
		})
	}
}

// get requests url as the browser named as.
func (f *specialFixture) get(as, url string) *Response {
	return f.browsers[as].Do(http.MethodGet, url, nil)
}

// TestSpecialPageScenarios runs the scenario tables of the special pages on
// one fixture per backend; they only read, so they share it.
func TestSpecialPageScenarios(t *testing.T) {
	tests := []struct {
		name string
		run  func(*testing.T, *specialFixture)
	}{
		{"RecentChanges", testRecentChanges},
		{"RecentChangesNamespaces", testRecentChangesNamespaces},
		{"RecentChangesDays", testRecentChangesDays},
		{"RecentChangesFeeds", testRecentChangesFeeds},
		{"RecentChangesLinked", testRecentChangesLinked},
		{"NewPages", testNewPages},
		{"NewPagesPaging", testNewPagesPaging},
		{"NewPagesFeed", testNewPagesFeed},
		{"Log", testLog},
		{"LogPaging", testLogPaging},
		{"Contributions", testContributions},
		{"ContributionsFilters", testContributionsFilters},
		{"WhatLinksHere", testWhatLinksHere},
		{"AllPages", testAllPages},
		{"PrefixIndex", testPrefixIndex},
		{"Random", testRandom},
		{"Version", testVersion},
		{"Statistics", testStatistics},
		{"SpecialPages", testSpecialPages},
		{"ListGroupRights", testListGroupRights},
		{"ListUsers", testListUsers},
		{"ActiveUsers", testActiveUsers},
		{"OwnPageRedirects", testOwnPageRedirects},
		{"RedirectByID", testRedirectByID},
		{"RevisionLinks", testRevisionLinks},
		{"ProtectedPages", testProtectedPages},
		{"EveryTemplate", testEveryTemplate},
		{"OddParameters", testOddParameters},
	}
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { tt.run(t, f) })
		}
	})
}
