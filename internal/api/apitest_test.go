package api_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/api"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/wiki"
)

// The helpers in this file start a real api.Server over a fresh store and
// talk to it as clients with their own cookies.

// Backend opens a fresh, empty store for one test.
type Backend struct {
	Name string
	Open func(tb testing.TB) folio.Store
}

// Backends returns SQLite, and PostgreSQL and MariaDB/MySQL when
// FOLIO_TEST_POSTGRES_DSN and FOLIO_TEST_MYSQL_DSN are set.
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

// MustOpenPostgres creates a database with a random name, opens it and
// drops it in Cleanup.
func MustOpenPostgres(tb testing.TB, dsn string) folio.Store {
	tb.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("open admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := "folio_apitest_" + randomHex()
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

// MustOpenMySQL creates a database with a random name, opens it and drops
// it in Cleanup.
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
	name := "folio_apitest_" + randomHex()
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

// Env is a running API server over a migrated store.
type Env struct {
	T      testing.TB
	Store  folio.Store
	Wiki   *wiki.Service
	Server *api.Server
	URL    string // base URL; the API is at URL + "/api.php"
}

// TestPassword is the password of users made by MustCreateUser.
const TestPassword = "correct horse battery"

// MustStart migrates store and serves the API over it until Cleanup.
func MustStart(tb testing.TB, store folio.Store) *Env {
	tb.Helper()
	if _, err := store.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	ns := folio.NewNamespaces("Folio Test")
	svc := wiki.New(store, ns)
	rr := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Folio Test"}
	svc.Linker = rr
	svc.PreSaver = rr
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc.Logger = logger
	srv := &api.Server{
		Wiki: svc, Store: store, Renderer: rr, Namespaces: ns, Logger: logger,
		Sessions: &session.Manager{Store: store, Logger: logger},
		Version:  api.VersionInfo{Folio: "0.0.0-test"},
	}
	srv.Files = mustOpenRepo(tb, store, ns)
	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	srv.Site = api.Site{Name: "Folio Test", Server: ts.URL}
	ts.Config.Handler = srv.Handler()
	tb.Cleanup(ts.Close)
	return &Env{T: tb, Store: store, Wiki: svc, Server: srv, URL: ts.URL}
}

// mustOpenRepo returns a file repository over store with blobs on disk.
func mustOpenRepo(tb testing.TB, store folio.Store, ns *folio.Namespaces) *filerepo.Repo {
	tb.Helper()
	files, ok := store.(folio.FileStore)
	if !ok {
		tb.Fatalf("%T is not a folio.FileStore", store)
	}
	blobs := localfs.NewBlobStore(filepath.Join(tb.TempDir(), "blobs"))
	if err := blobs.Open(); err != nil {
		tb.Fatalf("localfs Open() error: %v", err)
	}
	repo := filerepo.New(files, blobs)
	repo.Log, repo.Namespaces = store, ns
	return repo
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

// MustEdit saves text to title as user (nil: anonymous) and returns the
// new revision id.
func (e *Env) MustEdit(title, text string, user *folio.User) int64 {
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
	out, err := e.Wiki.Edit(ctx, wiki.EditRequest{Title: t, Text: text, Summary: "test edit", BaseRevID: base, User: user, IP: "192.0.2.7"})
	if err != nil {
		e.T.Fatalf("Edit(%q) error: %v", title, err)
	}
	return out.Result.Revision.ID
}

// Client is an API client with its own cookies.
type Client struct {
	env  *Env
	http *http.Client
}

// NewClient returns a client with an empty cookie jar.
func (e *Env) NewClient() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{env: e, http: &http.Client{Jar: jar}}
}

// Response is a decoded API answer.
type Response struct {
	Status int
	Header http.Header
	Body   string
	JSON   map[string]any
}

// Get sends a GET request with params.
func (c *Client) Get(params url.Values) *Response {
	c.env.T.Helper()
	return c.do(http.MethodGet, params)
}

// Post sends a urlencoded POST request with params.
func (c *Client) Post(params url.Values) *Response {
	c.env.T.Helper()
	return c.do(http.MethodPost, params)
}

func (c *Client) do(method string, params url.Values) *Response {
	c.env.T.Helper()
	u := c.env.URL + "/api.php"
	var body io.Reader
	if method == http.MethodGet {
		u += "?" + params.Encode()
	} else {
		body = strings.NewReader(params.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		c.env.T.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c.send(req)
}

func (c *Client) send(req *http.Request) *Response {
	c.env.T.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.env.T.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		return r
	}
	if err := json.Unmarshal(b, &r.JSON); err != nil {
		c.env.T.Fatalf("%s %s: body is not a JSON object: %v\n%s", req.Method, req.URL, err, b)
	}
	return r
}

// Token fetches a token of type typ.
func (c *Client) Token(typ string) string {
	c.env.T.Helper()
	r := c.Get(url.Values{"action": {"query"}, "meta": {"tokens"}, "type": {typ}, "format": {"json"}})
	tok, _ := Path(r.JSON, "query", "tokens", typ+"token").(string)
	if tok == "" {
		c.env.T.Fatalf("no %s token in %s", typ, r.Body)
	}
	return tok
}

// MustLogin logs in with action=login.
func (c *Client) MustLogin(name string) {
	c.env.T.Helper()
	r := c.Post(url.Values{"action": {"login"}, "lgname": {name}, "lgpassword": {TestPassword},
		"lgtoken": {c.Token("login")}, "format": {"json"}})
	if got := Path(r.JSON, "login", "result"); got != "Success" {
		c.env.T.Fatalf("login as %s: %s", name, r.Body)
	}
}

// Path walks a decoded JSON value by object keys and array indexes
// (given as ints); nil when a step is missing.
func Path(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			if m, ok := v.(map[string]any); ok {
				v = m[strconv.Itoa(k)] // objects keyed by number
				continue
			}
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

// Params builds url.Values from alternating keys and values.
func Params(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}
