package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/ops"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/web"
)

// mainPageText is the text of the Main Page created on first start.
const mainPageText = `'''Welcome to your new wiki.''' Folio is running.

Some first steps:
* [[Special:RecentChanges|Recent changes]] lists every edit.
* [[Help:Contents|Help]] is yours to write.
* Create a page by following a red link, or by visiting its address and choosing ''Create''.

== Getting started ==
Edit this page to tell readers what this wiki is about.`

// ServeCommand runs the wiki server.
type ServeCommand struct {
	m *Main
	// mainPage is the title of the main page: the one named by the site
	// configuration of an imported dump, or "Main Page".
	mainPage string
	// accounts keeps sessions and throttle counts (Redis when set).
	accounts *accountState
	// status gives Special:Status its figures once serve has built them.
	status func(ctx context.Context) []web.StatusSection
	// parserCache renders page views once serve has opened the caches.
	parserCache web.PageRenderer
}

// Run parses flags, opens the database, and serves until ctx is cancelled,
// then drains in-flight requests.
func (cmd *ServeCommand) Run(ctx context.Context, args []string) error {
	c, err := cmd.m.loadCommandConfig("serve", "Usage: folio serve [flags]\n\nRuns the wiki server; applies pending migrations and, on first start, creates the Main Page (unless an imported dump names the main page of its wiki).", args)
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	// A wiki imported from a dump keeps its own main page; others get the
	// default Main Page.
	if cmd.mainPage = importedMainPage(ctx, a); cmd.mainPage == "" {
		if err := ensureMainPage(ctx, a); err != nil {
			return err
		}
	}
	return cmd.serve(ctx, a)
}

func (cmd *ServeCommand) serve(ctx context.Context, a *app) error {
	ln, err := listenShared(ctx, a.Config.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	var repl *sqlite.Replicator
	if a.Config.ReplicaDir != "" {
		rctx, stopRepl := context.WithCancel(context.Background())
		r, wait, err := startReplicator(rctx, a, a.Config.ReplicaDir)
		if err != nil {
			stopRepl()
			return err
		}
		repl = r
		// Runs after Shutdown and before the store closes: the last
		// frames are shipped.
		defer func() {
			stopRepl()
			if err := wait(); err != nil {
				a.Logger.Error("replicator", "err", err)
			}
		}()
	}
	ow, err := newOpsWiring(a, a.Config.BackupDir, repl)
	if err != nil {
		return err
	}
	settings := a.Config.cacheSettings()
	settings.LocalPages = true
	if settings.Server == "" {
		settings.Server = base
	}
	cs, err := openCacheStack(ctx, a, settings)
	if err != nil {
		return err
	}
	defer cs.Close()
	if err := cs.Start(ctx); err != nil {
		return err
	}
	a.Wiki.Invalidator = cs.Invalidator
	if cmd.accounts, err = openAccountState(ctx, a); err != nil {
		return err
	}
	defer cmd.accounts.Close()
	wireCompatCaches(a.Compat, cs)
	files, err := openFiles(ctx, a)
	if err != nil {
		return err
	}
	ow.addDependencyChecks(files, cs.Shared)
	a.Renderer.ObserveParse = ow.Metrics.ObserveParse
	cmd.status = ow.status
	cmd.parserCache = cs.Parser
	if err := ow.Metrics.RegisterCacheStats("parser", cs.Parser.Stats); err != nil {
		return err
	}
	handler := ow.register(http.NewServeMux(), cs.Pages.Handler(cmd.siteHandler(a, base, files)))
	if a.Config.accessLog() {
		handler = ops.AccessLog(a.Logger, handler)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	if a.Config.MetricsListen != "" {
		mln, err := net.Listen("tcp", a.Config.MetricsListen)
		if err != nil {
			return fmt.Errorf("metrics listen: %w", err)
		}
		msrv := &http.Server{Handler: ow.Metrics.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	mailCtx, stopMail := context.WithCancel(ctx)
	mailDone := make(chan struct{})
	go func() { defer close(mailDone); a.MailQueue.Run(mailCtx, time.Minute) }()
	defer func() { stopMail(); <-mailDone }()
	a.Logger.Info("serving", "config", a.Config, "url", base+"/")
	fmt.Fprintf(cmd.m.Stdout, "Folio is running at %s/\n", base)
	if cmd.m.Ready != nil {
		cmd.m.Ready <- base
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.Logger.Info("shutting down: draining requests")
	ow.Health.Drain()
	if d, _ := time.ParseDuration(a.Config.DrainDelay); d > 0 {
		time.Sleep(d)
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Serve may have accepted a connection just before its listener
	// closed, and not yet tracked it when Shutdown looked: Shutdown then
	// returns at once and the exit would cut that request off. Once Serve
	// has returned, every accepted connection is tracked, so a second
	// Shutdown waits for it.
	select {
	case <-errc:
	case <-shutCtx.Done():
	}
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	a.Logger.Info("stopped")
	return nil
}

func (cmd *ServeCommand) webServer(a *app, base string) *web.Server {
	server := a.Config.Server
	if server == "" {
		server = base
	}
	a.Wiki.Accounts.Server = server // links in account mail
	return &web.Server{
		Wiki:          a.Wiki,
		Store:         a.Store,
		Renderer:      a.Renderer,
		Compat:        compatTables(a.Compat),
		Namespaces:    a.Namespaces,
		Site:          web.Site{Name: a.Config.SiteName, Server: server, MainPage: cmp.Or(cmd.mainPage, "Main Page")},
		Version:       web.VersionInfo{Folio: Version, Go: runtime.Version(), Extensions: versionExtensions(a.Renderer)},
		Logger:        a.Logger,
		Status:        cmd.status,
		ParserCache:   cmd.parserCache,
		SecureCookies: len(server) > 5 && server[:6] == "https:",
	}
}

// ensureMainPage creates the Main Page on first start, as MediaWiki's
// installer does.
func ensureMainPage(ctx context.Context, a *app) error {
	_, err := a.Store.FindPageByTitle(ctx, folio.NSMain, "Main_Page")
	if folio.ErrorCode(err) != folio.EMissingTitle {
		return err
	}
	if a.Config.ReadOnly != "" {
		return nil
	}
	_, err = a.Wiki.Edit(ctx, wikiEditMainPage(a))
	if err != nil && folio.ErrorCode(err) != folio.EArticleExists {
		return fmt.Errorf("create main page: %w", err)
	}
	return nil
}
