package main

import (
	"net/http"
	"runtime"
	"strings"

	"github.com/folio-wiki/folio/internal/api"
	"github.com/folio-wiki/folio/internal/session"
)

// apiServer builds the action API (api.php) over the same services and
// sessions as the web interface.
func (cmd *ServeCommand) apiServer(a *app, base string) *api.Server {
	server := a.Config.Server
	if server == "" {
		server = base
	}
	return &api.Server{
		Wiki:       a.Wiki,
		Store:      a.Store,
		Renderer:   a.Renderer,
		Namespaces: a.Namespaces,
		Sessions:   &session.Manager{Store: a.Store, Secure: strings.HasPrefix(server, "https:"), Logger: a.Logger},
		Site:       api.Site{Name: a.Config.SiteName, Server: server, MainPage: "Main Page"},
		Version:    api.VersionInfo{Folio: Version, Go: runtime.Version()},
		Logger:     a.Logger,
	}
}

// handler serves the web interface and, at /api.php, the action API.
// Both use one session manager, so one login serves both.
func (cmd *ServeCommand) handler(a *app, base string) http.Handler {
	ws, as := cmd.webServer(a, base), cmd.apiServer(a, base)
	ws.Sessions = as.Sessions
	return withAPI(ws.Handler(), as.Handler())
}

// withAPI serves /api.php with apiHandler and everything else with web.
func withAPI(web, apiHandler http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api.php", apiHandler)
	mux.Handle("/", web)
	return mux
}
