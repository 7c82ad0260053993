// Package api is Folio's MediaWiki Action API: /api.php with MediaWiki
// 1.39's parameter names, error codes and JSON shapes (formatversion 1 and
// 2, and format=xml), so that existing bots and client libraries work
// unchanged.
//
// Requests go through one pipeline (main.go): parse parameters, load the
// session (internal/session, shared with the web interface), apply the main
// module's parameters (format, assert, maxlag, origin, errorformat…), check
// POST, token, read-only and rights requirements, then dispatch on the
// module tables (modules.go for action=, prop=, list= and meta=). Each
// module lives in its own file: an action in <action>.go, a query
// submodule in prop_<name>.go, list_<name>.go or meta_<name>.go. Modules
// write into a result tree (result.go) that is encoded at the end, as JSON
// (result.go) or XML (format_xml.go); errors and warnings follow the
// requested errorformat (errors.go). Uploads that stop on warnings and
// chunked uploads wait in an in-memory stash (stash.go).
package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/wiki"
)

// Site describes the wiki to API clients.
type Site struct {
	// Name is the site name.
	Name string
	// Server is the public base URL without a trailing slash.
	Server string
	// MainPage is the title of the main page, "Main Page" when empty.
	MainPage string
	// Logo is the URL of the logo, if any.
	Logo string
}

// VersionInfo describes the running software for meta=siteinfo.
type VersionInfo struct {
	// Folio is the Folio version, such as "0.1.0".
	Folio string
	// Go is the Go version; runtime.Version() when empty.
	Go string
	// Backend names the database, such as "sqlite"; asked from the store
	// when empty.
	Backend string
}

// Server serves api.php. Set the exported fields, then call Handler once.
type Server struct {
	Wiki       *wiki.Service
	Store      folio.Store
	Renderer   *render.Renderer
	Namespaces *folio.Namespaces
	Sessions   *session.Manager
	Site       Site
	Version    VersionInfo
	Logger     *slog.Logger
	// Files is the file repository; nil disables uploads and file
	// information.
	Files *filerepo.Repo
	// ReadOnly, when set, tells whether the wiki-wide read-only switch is on
	// (ops.ReadOnlyCache); Wiki.ReadOnly is consulted as well.
	ReadOnly ReadOnlyReasoner
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client for the login and account throttles, as the HTML
	// interface's; empty trusts none.
	TrustedProxies []netip.Prefix

	once    sync.Once
	actions map[string]*module
	props   map[string]*queryModule
	lists   map[string]*queryModule
	metas   map[string]*queryModule
	stash   uploadStash
}

// Handler returns the handler of /api.php.
func (s *Server) Handler() http.Handler {
	s.once.Do(s.setup)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api.php", s.serveAPI)
	mux.HandleFunc("POST /api.php", s.serveAPI)
	mux.HandleFunc("OPTIONS /api.php", s.servePreflight)
	return mux
}

func (s *Server) setup() {
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if s.Site.MainPage == "" {
		s.Site.MainPage = "Main Page"
	}
	if s.Version.Go == "" {
		s.Version.Go = runtime.Version()
	}
	if s.Sessions == nil {
		s.Sessions = &session.Manager{Store: s.Store, Logger: s.Logger}
	}
	s.actions = s.actionModules()
	s.props = s.propModules()
	s.lists = s.listModules()
	s.metas = s.metaModules()
}

func (s *Server) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// ReadOnlyReasoner reports why the wiki is read-only, "" when writable.
type ReadOnlyReasoner interface {
	Reason(ctx context.Context) string
}

// readOnlyReason is the reason writes are refused now, or "".
func (s *Server) readOnlyReason(ctx context.Context) string {
	if s.Wiki.ReadOnly != "" {
		return s.Wiki.ReadOnly
	}
	if s.ReadOnly != nil {
		return s.ReadOnly.Reason(ctx)
	}
	return ""
}

// apiURL is the absolute URL of api.php.
func (s *Server) apiURL() string { return s.Site.Server + "/api.php" }

// timestamp formats t as MediaWiki's ISO 8601 API timestamps.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
