package web_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
)

// The helpers in this file start a real web.Server over a fresh store and
// run HTTP scenario tables against it, as browsers with their own cookies.

// Backend opens a fresh, empty store for one test.
type Backend struct {
	Name string
	Open func(tb testing.TB) folio.Store
}

// Backends returns SQLite, PostgreSQL when FOLIO_TEST_POSTGRES_DSN is set
// and MariaDB/MySQL when FOLIO_TEST_MYSQL_DSN is set.
func Backends() []Backend {
	bs := []Backend{{Name: "sqlite", Open: MustOpenSQLite}}
	if dsn := os.Getenv("FOLIO_TEST_POSTGRES_DSN"); dsn != "" {
		bs = append(bs, Backend{Name: "postgres", Open: func(tb testing.TB) folio.Store { return MustOpenPostgres(tb, dsn) }})
	}
	if dsn := os.Getenv("FOLIO_TEST_MYSQL_DSN"); dsn != "" {
		bs = append(bs, Backend{Name: "mysql", Open: func(tb testing.TB) folio.Store { return MustOpenMySQL(tb, dsn) }})
	}
	return bs
}

// ForEachBackend runs fn as a subtest on every available backend.
func ForEachBackend(t *testing.T, fn func(t *testing.T, env *Env)) {
	for _, b := range Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, MustStart(t, b.Open(t))) })
	}
}

// MustOpenSQLite opens a SQLite store in a temporary directory.
func MustOpenSQLite(tb testing.TB) folio.Store {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "folio.db"))
	if err != nil {
		tb.Fatalf("sqlite.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenPostgres creates a database with a random name on the server of
// dsn, opens it and drops it in Cleanup.
func MustOpenPostgres(tb testing.TB, dsn string) folio.Store {
	tb.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("open admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := "folio_webtest_" + randomHex()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() { _, _ = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) })
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("parse %s: %v", dsn, err)
	}
	u.Path = "/" + name
	db, err := postgres.Open(u.String())
	if err != nil {
		tb.Fatalf("postgres.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenMySQL creates a database with a random name on the server of
// rawURL (mysql://user@host:port/), opens it and drops it in Cleanup.
func MustOpenMySQL(tb testing.TB, rawURL string) folio.Store {
	tb.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		tb.Fatalf("parse %s: %v", rawURL, err)
	}
	u.Path = "/"
	admin, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("open admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := "folio_webtest_" + randomHex()
	ctx := context.Background()
	if _, err := admin.Write.ExecContext(ctx, `CREATE DATABASE `+name+` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() { _, _ = admin.Write.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name) })
	u.Path = "/" + name
	db, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("mysql.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Env is a running server over a migrated store.
type Env struct {
	T      testing.TB
	Store  folio.Store
	Wiki   *wiki.Service
	Server *web.Server
	URL    string
}

// TestPassword is the password of the users made by MustCreateUser.
const TestPassword = "correct horse battery"

// MustStart migrates store and serves a web.Server over it until Cleanup.
func MustStart(tb testing.TB, store folio.Store) *Env {
	tb.Helper()
	if _, err := store.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	ns := folio.NewNamespaces("Folio Test")
	svc := wiki.New(store, ns)
	rr := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Folio Test"}
	svc.Linker = rr
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc.Logger = logger
	srv := &web.Server{
		Wiki: svc, Store: store, Renderer: rr, Namespaces: ns, Logger: logger,
		Site:    web.Site{Name: "Folio Test", Server: "http://wiki.test"},
		Version: web.VersionInfo{Folio: "0.0.0-test"},
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return &Env{T: tb, Store: store, Wiki: svc, Server: srv, URL: ts.URL}
}

// MustCreateUser creates a user with TestPassword and the given groups.
func (e *Env) MustCreateUser(name string, groups ...string) *folio.User {
	e.T.Helper()
	u, err := e.Wiki.CreateUser(context.Background(), name, TestPassword, groups)
	if err != nil {
		e.T.Fatalf("CreateUser(%q) error: %v", name, err)
	}
	return u
}

// MustEdit saves text to title as user (nil: anonymous) on top of the
// latest revision and returns the new revision id.
func (e *Env) MustEdit(title, text, summary string, user *folio.User) int64 {
	e.T.Helper()
	ctx := context.Background()
	t, err := e.Server.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		e.T.Fatalf("ParseTitle(%q) error: %v", title, err)
	}
	var base int64
	if p, err := e.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey); err == nil {
		base = p.Latest
	}
	out, err := e.Wiki.Edit(ctx, wiki.EditRequest{Title: t, Text: text, Summary: summary, BaseRevID: base, User: user, IP: "192.0.2.7"})
	if err != nil {
		e.T.Fatalf("Edit(%q) error: %v", title, err)
	}
	return out.Result.Revision.ID
}

// Browser is an HTTP client with its own cookies that does not follow
// redirects.
type Browser struct {
	env    *Env
	client *http.Client
}

// NewBrowser returns a browser without cookies.
func (e *Env) NewBrowser() *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{env: e, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Response is a finished request.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Do sends a request; form is sent as the body of a POST.
func (b *Browser) Do(method, path string, form url.Values) *Response {
	b.env.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.env.URL+path, body)
	if err != nil {
		b.env.T.Fatalf("NewRequest(%s %s) error: %v", method, path, err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.env.T.Fatalf("%s %s error: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.env.T.Fatalf("read %s %s: %v", method, path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
}

var tokenRE = regexp.MustCompile(`name="(?:wpEditToken|wpLoginToken)" value="([^"]+)"`)

// Token returns the browser's CSRF token, starting a session if needed.
func (b *Browser) Token() string {
	b.env.T.Helper()
	resp := b.Do(http.MethodGet, "/index.php?title=Special:UserLogout", nil)
	m := tokenRE.FindStringSubmatch(resp.Body)
	if m == nil {
		b.env.T.Fatalf("no CSRF token in the logout form (status %d)", resp.Status)
	}
	return m[1]
}

// MustLogin logs the browser in as name with TestPassword.
func (b *Browser) MustLogin(name string) {
	b.env.T.Helper()
	resp := b.Do(http.MethodPost, "/index.php?title=Special:UserLogin", url.Values{
		"wpName": {name}, "wpPassword": {TestPassword}, "wpLoginToken": {b.Token()},
	})
	if resp.Status != http.StatusSeeOther {
		b.env.T.Fatalf("login as %s: status %d, want 303", name, resp.Status)
	}
}

// Scenario is one request and what its response must show. Form values
// "{token}" are replaced by the browser's CSRF token.
type Scenario struct {
	Name     string
	As       string // key of the browser in the map given to Run
	Method   string // GET when empty
	URL      string
	Form     url.Values
	Status   int
	Want     []string // substrings the body must contain
	DontWant []string // substrings it must not contain
	Once     []string // substrings it must contain exactly once
	Location string   // substring of the Location header, if set
}

// Run runs the scenarios in order as subtests.
func Run(t *testing.T, browsers map[string]*Browser, scenarios []Scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			b, ok := browsers[sc.As]
			if !ok {
				t.Fatalf("no browser %q", sc.As)
			}
			resp := b.Do(sc.method(), sc.URL, sc.form(b))
			sc.check(t, resp)
		})
	}
}

func (sc Scenario) method() string {
	if sc.Method == "" {
		return http.MethodGet
	}
	return sc.Method
}

func (sc Scenario) form(b *Browser) url.Values {
	if sc.Form == nil {
		return nil
	}
	f := url.Values{}
	for k, vs := range sc.Form {
		for _, v := range vs {
			if v == "{token}" {
				v = b.Token()
			}
			f.Add(k, v)
		}
	}
	return f
}

func (sc Scenario) check(t *testing.T, resp *Response) {
	t.Helper()
	if resp.Status != sc.Status {
		t.Errorf("%s %s: status %d, want %d\n%s", sc.method(), sc.URL, resp.Status, sc.Status, pageExcerpt(resp.Body))
	}
	for _, w := range sc.Want {
		if !strings.Contains(resp.Body, w) {
			t.Errorf("%s %s: body lacks %q\n%s", sc.method(), sc.URL, w, pageExcerpt(resp.Body))
		}
	}
	for _, w := range sc.DontWant {
		if strings.Contains(resp.Body, w) {
			t.Errorf("%s %s: body contains %q", sc.method(), sc.URL, w)
		}
	}
	for _, w := range sc.Once {
		if n := strings.Count(resp.Body, w); n != 1 {
			t.Errorf("%s %s: body contains %q %d times, want once", sc.method(), sc.URL, w, n)
		}
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if msg := unbalancedTag(resp.Body); msg != "" {
			t.Errorf("%s %s: malformed HTML: %s", sc.method(), sc.URL, msg)
		}
	}
	if sc.Location != "" && !strings.Contains(resp.Header.Get("Location"), sc.Location) {
		t.Errorf("%s %s: Location = %q, want it to contain %q", sc.method(), sc.URL, resp.Header.Get("Location"), sc.Location)
	}
}

// pageExcerpt returns the content part of a page for failure messages.
func pageExcerpt(body string) string {
	if i := strings.Index(body, `<h1 id="firstHeading"`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}

var (
	tagRE       = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
	rawTextRE   = regexp.MustCompile(`(?s)<(textarea|script|style)\b[^>]*>.*?</(?:textarea|script|style)>`)
	voidElement = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
		"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
)

// unbalancedTag reports the first element of page that is not closed in
// order, or "". Elements whose end tag HTML allows to omit (p, li, td…) must
// be closed too: Folio always writes them.
func unbalancedTag(page string) string {
	page = rawTextRE.ReplaceAllString(page, "")
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		name := strings.ToLower(m[2])
		switch {
		case voidElement[name]:
		case m[1] == "":
			stack = append(stack, name)
		case len(stack) == 0 || stack[len(stack)-1] != name:
			return "unexpected </" + name + "> inside <" + strings.Join(stack, "><") + ">"
		default:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return "unclosed <" + strings.Join(stack, "><") + ">"
	}
	return ""
}

func TestUnbalancedTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<div><p>a<br>b</p></div>`, ""},
		{`<textarea><b></textarea>`, ""},
		{`<div><p>a</div>`, "unexpected </div> inside <div><p>"},
		{`<ul><li>a</ul>`, "unexpected </ul> inside <ul><li>"},
		{`<span>`, "unclosed <span>"},
	}
	for _, tt := range tests {
		if got := unbalancedTag(tt.in); got != tt.want {
			t.Errorf("unbalancedTag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
