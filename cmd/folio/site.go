package main

import (
	"context"
	"net/http"
	"runtime"

	"github.com/folio-wiki/folio/internal/api"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/wiki"
)

// siteHandler composes what a web head serves: api.php and the HTML
// interface, sharing one session manager so that a login through either
// holds for both.
func (cmd *ServeCommand) siteHandler(a *app, base string, files *filerepo.Repo) http.Handler {
	ws := cmd.webServer(a, base)
	ws.Files = files
	secure := ws.SecureCookies
	ws.Sessions = &session.Manager{Store: a.Store, Sessions: cmd.accounts.sessions(), Secure: secure, Logger: a.Logger}
	// Validate checked the list.
	proxies, _ := parseTrustedProxies(a.Config.TrustedProxies)
	ws.TrustedProxies = proxies
	as := &api.Server{
		Wiki:       a.Wiki,
		Store:      a.Store,
		Renderer:   a.Renderer,
		Namespaces: a.Namespaces,
		Sessions:   ws.Sessions,
		Site:       api.Site{Name: ws.Site.Name, Server: ws.Site.Server, MainPage: ws.Site.MainPage},
		Version:    api.VersionInfo{Folio: Version, Go: runtime.Version()},
		Logger:     a.Logger,
		ReadOnly:   wikiReadOnly{a.Wiki},
		Files:      files,

		TrustedProxies: proxies,
	}
	mux := http.NewServeMux()
	mux.Handle("/api.php", as.Handler())
	mux.Handle("/", ws.Handler())
	return mux
}

// wikiReadOnly lets the API ask the wiki service for the read-only reason,
// which covers both the configuration and the switch in the database.
type wikiReadOnly struct{ w *wiki.Service }

func (r wikiReadOnly) Reason(ctx context.Context) string { return r.w.ReadOnlyReason(ctx) }
