package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
)

// testIP is the address httptest.NewRequest gives every request: the
// anonymous editor of the fixture is the visitor of the tests.
const testIP = "192.0.2.1"

// specialFixture is a server over a temporary SQLite database with a few
// users, pages, edits and log entries (see MustSpecialFixture).
type specialFixture struct {
	Handler http.Handler
	Store   *sqldb.DB
	Wiki    *wiki.Service
	Users   map[string]*folio.User
	clock   *testClock
}

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

// MustSpecialFixture builds the fixture:
//
//	10 days ago  Alice creates "Ancient"
//	then         Alice creates "Alpha" (links to Beta, uses Template:Tpl)
//	             192.0.2.1 creates "Beta"
//	             Alice edits "Alpha" (minor, +text)
//	             Botty edits "Beta" as a bot
//	             Alice creates "Talk:Alpha", "Gamma" (redirect to Beta),
//	             "Delta" (links to Gamma), "Template:Tpl", "Zeta",
//	             and shortens "Delta"
//	             Sysop deletes "Zeta" and protects "Alpha"
func MustSpecialFixture(tb testing.TB) *specialFixture {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "wiki.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	ns := folio.NewNamespaces("Testwiki")
	clock := &testClock{now: time.Now().Add(-10 * 24 * time.Hour)}
	db.Now = clock.Now
	svc := wiki.New(db, ns)
	svc.Linker = testLinker{ns}
	f := &specialFixture{Store: db, Wiki: svc, Users: map[string]*folio.User{}, clock: clock}
	for name, groups := range map[string][]string{"Alice": nil, "Botty": {"bot"}, "Sysop": {"sysop"}} {
		u, err := svc.CreateUser(ctx, name, "password123", groups)
		if err != nil {
			tb.Fatal(err)
		}
		f.Users[name] = u
	}
	srv := &web.Server{Wiki: svc, Store: db, Renderer: &render.Renderer{Store: db, Namespaces: ns},
		Namespaces: ns, Site: web.Site{Name: "Testwiki"}, Version: web.VersionInfo{Folio: "9.9.9-test"}}
	f.Handler = srv.Handler()
	f.populate(tb)
	return f
}

// populate makes the edits and log entries listed on MustSpecialFixture.
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
	zeta, err := f.Store.FindPageByTitle(ctx, folio.NSMain, "Zeta")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.Wiki.Delete(ctx, f.Users["Sysop"], "", zeta, "spam cleanup"); err != nil {
		tb.Fatal(err)
	}
	alpha, err := f.Store.FindPageByTitle(ctx, folio.NSMain, "Alpha")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.Wiki.Protect(ctx, f.Users["Sysop"], "", alpha,
		[]folio.Protection{{Type: "edit", Level: "sysop"}}, "edit war"); err != nil {
		tb.Fatal(err)
	}
}

// edit saves text as user ("" for the anonymous test visitor).
func (f *specialFixture) edit(tb testing.TB, user, title, text, summary string, minor, bot bool) {
	tb.Helper()
	t, err := f.Wiki.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		tb.Fatal(err)
	}
	base := int64(0)
	if p, err := f.Store.FindPageByTitle(context.Background(), t.Namespace, t.DBKey); err == nil {
		base = p.Latest
	}
	req := wiki.EditRequest{Title: t, Text: text, Summary: summary, Minor: minor, Bot: bot,
		BaseRevID: base, User: f.Users[user], IP: testIP}
	if _, err := f.Wiki.Edit(context.Background(), req); err != nil {
		tb.Fatalf("edit %s: %v", title, err)
	}
}

// scenario is one request and what its answer must and must not contain.
type scenario struct {
	name       string
	url        string
	wantStatus int
	want       []string
	notWant    []string
	location   string // wanted Location header prefix, for redirects
}

// runScenarios runs each scenario as a subtest against h.
func runScenarios(t *testing.T, h http.Handler, tests []scenario) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, loc := get(h, tt.url)
			want := tt.wantStatus
			if want == 0 {
				want = http.StatusOK
			}
			if status != want {
				t.Fatalf("GET %s = %d, want %d; body:\n%s", tt.url, status, want, excerpt(body))
			}
			if tt.location != "" && !strings.HasPrefix(loc, tt.location) {
				t.Errorf("GET %s: Location = %q, want prefix %q", tt.url, loc, tt.location)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s: body lacks %q; body:\n%s", tt.url, s, excerpt(body))
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: body contains %q", tt.url, s)
				}
			}
		})
	}
}

// get requests url from h and returns the status, body and Location.
func get(h http.Handler, url string) (int, string, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// excerpt keeps failure messages readable: the content part of a page.
func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 6000 {
		body = body[:6000] + "…"
	}
	return body
}
