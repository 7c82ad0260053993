// Package web is Folio's HTML user interface: /wiki/ paths, index.php
// actions, Special pages, the skin, sessions and CSRF tokens.
//
// Helpers for handlers (special pages included):
//
//   - s.currentUser(r) returns the logged-in *folio.User, nil for anonymous
//     visitors; s.clientIP(r) the address anonymous edits are credited to
//     (X-Forwarded-For only behind TrustedProxies); s.now() is the service
//     clock. Sessions live in internal/session, shared with the API.
//   - s.csrfToken(w, r) returns the session's CSRF token, creating a session
//     (and its cookie) for anonymous visitors; put it in a hidden input named
//     "wpEditToken" ({{template "token" .Token}}). s.checkToken(r) verifies
//     it on POST (it also accepts the fields "token" and "wpLoginToken") and
//     returns an EBadToken error.
//   - s.newView(r, heading) returns a *view for the layout: set v.Title (a
//     *folio.Title for the tabs), v.Data (what the page template reads as
//     .Data), v.Robots, and add messages with v.addNotice(class, text); then
//     s.render(w, r, status, "name", v) executes templates/name.html inside
//     the layout. Every page template defines {{define "content"}}.
//     s.showConfirm and s.showResult render one-button POST forms and
//     "action complete" pages.
//   - s.writeError(w, r, err) shows any error: folio.Error codes map to HTTP
//     statuses in one table (errors.go); internal errors are logged with the
//     request id and shown as a generic message.
//   - URLs: titlePath(t), s.titleURL(t, query), s.actionURL(t, action,
//     key, value…) and s.specialURL("Name/sub", key, value…) build MediaWiki
//     URLs with wfUrlencode rules. s.titleLink(ctx, t, text) and
//     s.titleLinks(ctx, ts) build links, red (class "new", to the edit form)
//     for missing pages, with one existence query per batch;
//     s.userLinks(actor) renders a user with (talk | contribs), and
//     s.actorLinks(ctx, actors...) does so for a list, keyed by name, with
//     red links to missing user pages from one query. Templates
//     call these through the funcs in templates.go (userlinks, comment,
//     date, bytes, sizediff, number, titleurl, actionurl, specialurl).
//   - formatDate(t) formats times like MediaWiki's default ("13:45, 23
//     November 2026", UTC); formatDay, formatTime, formatBytes,
//     formatSizeDiff and formatNumber do the rest.
//   - parsePager(r, defaultLimit) reads limit/offset/dir (offset is a row
//     id; dir=prev pages towards newer rows); p.Before()/p.After()/p.Newer()
//     feed store filters and p.nav(urlFor, firstID, lastID, more) builds the
//     links that {{template "pager" .}} renders.
//   - specialSubpage(r) is the text after "Special:Name/"; idParam(r, name)
//     reads a positive integer parameter.
//   - Handlers for the special page table from this side: handleUserLogin,
//     handleUserLogout and handleSpecialUndelete (Special:Undelete/Title,
//     the action=undelete form; give it Right "undelete").
package web

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

// Site describes the wiki to the skin.
type Site struct {
	// Name is the site name shown in page titles and the logo's alt text.
	Name string
	// Server is the public base URL without a trailing slash, such as
	// "https://wiki.example.org"; relative URLs are used when it is empty.
	Server string
	// MainPage is the title of the main page, "Main Page" when empty.
	MainPage string
	// Logo is the URL of the logo image; the embedded logo when empty.
	Logo string
}

// VersionInfo describes the running software for Special:Version.
type VersionInfo struct {
	// Folio is the Folio version, such as "0.1.0".
	Folio string
	// Commit is the source revision the binary was built from, if known.
	Commit string
	// Go is the Go version; runtime.Version() when empty.
	Go string
	// Extensions are the wikitext extensions compiled in.
	Extensions []Extension
}

// Extension is one entry of Special:Version's extension list.
type Extension struct {
	Name        string
	Version     string
	Description string
	URL         string
}

// Server serves the HTML interface. Set the exported fields, then call
// Handler once.
type Server struct {
	// Wiki runs every change and permission check.
	Wiki *wiki.Service
	// Store is read directly for views, histories and sessions.
	Store folio.Store
	// Files is the file repository behind uploads, File pages and
	// /images/; nil turns uploads off.
	Files *filerepo.Repo
	// Compat serves Special:Compatables; nil shows that there is no data.
	Compat CompatTables
	// Renderer turns page text into HTML.
	Renderer *render.Renderer
	// Namespaces parses and prints titles.
	Namespaces *folio.Namespaces
	// Site describes the wiki to the skin.
	Site Site
	// Version is shown on Special:Version.
	Version VersionInfo
	// Logger receives request errors and notable events; slog.Default()
	// when nil.
	Logger *slog.Logger
	// SecureCookies sends the session cookie with the Secure attribute;
	// set it when the wiki is served over HTTPS.
	SecureCookies bool
	// Sessions keeps the sessions; nil makes one over Store. Share it with
	// the action API so that one login serves both.
	Sessions *session.Manager
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client, as MediaWiki's $wgCdnServers; empty trusts none.
	TrustedProxies []netip.Prefix
	// ParserCache, when set, renders the current revisions of pages for
	// views (logged-in readers skip the page cache but not this one); old
	// revisions and previews go to Renderer.
	ParserCache PageRenderer
	// Status, when set, gives the figures of Special:Status (health,
	// requests, caches, job queue, backups) to operators.
	Status func(ctx context.Context) []StatusSection

	once      sync.Once
	filesOnce sync.Once
	filesMux  http.Handler
	templates map[string]*templateSet
	assets    *assetSet
	specials  specialTable
}

// PageRenderer renders page text as Renderer does; a parser cache is one.
type PageRenderer interface {
	Render(ctx context.Context, t folio.Title, text string, opt render.Options) (*render.Output, error)
}

// specialPage is one entry of the Special page table returned by
// specialPages (special.go). The handler reads the subpage with
// specialSubpage(r).
type specialPage struct {
	Handler http.HandlerFunc
	// Listed pages appear on Special:SpecialPages.
	Listed bool
	// Group is the heading Special:SpecialPages lists the page under.
	Group string
	// Right, when set, is needed to use the page.
	Right string
}

// Handler returns the HTTP handler of the interface. It parses the embedded
// templates on first use and panics if they are broken, which the template
// test catches before any release.
func (s *Server) Handler() http.Handler {
	s.once.Do(s.setup)
	return s.middleware(s.routes())
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
	assets, err := loadAssets()
	if err != nil {
		panic("web: " + err.Error())
	}
	s.assets = assets
	tpls, err := s.parseTemplates()
	if err != nil {
		panic("web: " + err.Error())
	}
	s.templates = tpls
	s.specials = newSpecialTable(s.specialPages())
	if s.Sessions == nil {
		s.Sessions = &session.Manager{Store: s.Store, Secure: s.SecureCookies, Logger: s.Logger}
	}
}

// mainPage returns the title of the main page.
func (s *Server) mainPage() folio.Title {
	t, err := s.Namespaces.ParseTitle(s.Site.MainPage, folio.NSMain)
	if err != nil {
		return s.Namespaces.MakeTitle(folio.NSMain, "Main_Page")
	}
	return t
}

// now is the wiki's clock: the service's, so that tests can fix it.
func (s *Server) now() time.Time {
	if s.Wiki != nil && s.Wiki.Now != nil {
		return s.Wiki.Now()
	}
	return time.Now()
}
