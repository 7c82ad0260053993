package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/compat"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/ops"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/wiki"
)

// app is the wired program: every backend chosen from the configuration.
type app struct {
	Config     Config
	Logger     *slog.Logger
	Store      folio.Store
	Namespaces *folio.Namespaces
	Renderer   *render.Renderer
	// Compat holds the browser-compatibility data of {{#compat:…}}.
	Compat *compat.Service
	Wiki   *wiki.Service
	// MailQueue sends account mail and retries failures; serve runs it.
	MailQueue *mail.Queue
}

// openStore picks the database backend from the URL scheme; this switch is
// the one place that knows every backend.
func openStore(c *Config) (folio.Store, error) {
	if c.DB == "" {
		if err := os.MkdirAll(c.Data, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		return nilStore(sqlite.Open(c.SQLitePath()))
	}
	u, err := url.Parse(c.DB)
	if err != nil {
		return nil, fmt.Errorf("parse db URL: %w", err)
	}
	switch u.Scheme {
	case "postgres", "postgresql":
		return nilStore(postgres.Open(c.DatabaseURL()))
	case "mysql":
		return nilStore(mysql.Open(c.DatabaseURL()))
	}
	return nil, fmt.Errorf("unsupported database scheme %q", u.Scheme)
}

// nilStore keeps a failed open from returning a non-nil interface that
// holds a nil pointer.
func nilStore(db *sqldb.DB, err error) (folio.Store, error) {
	if err != nil {
		return nil, err
	}
	return db, nil
}

// openApp opens the store, applies migrations when migrate is set, and wires
// the services.
func (m *Main) openApp(ctx context.Context, c Config, migrate bool) (*app, error) {
	logger := c.Logger(m.Stderr)
	store, err := openStore(&c)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if migrate {
		n, err := store.Migrate(ctx)
		if err != nil {
			store.Close()
			return nil, fmt.Errorf("migrate database: %w", err)
		}
		if n > 0 {
			logger.Info("applied migrations", "count", n)
		}
	}
	ns := folio.NewNamespaces(c.SiteName)
	// A site configuration adopted from an imported dump (import.go) names
	// the site and its namespaces.
	if sns, name, ok := storedSiteConfig(ctx, store, logger); ok {
		ns, c.SiteName = sns, name
	}
	if ns, err = widgetNamespaces(ns, disabledExtensions(c.Extensions)); err != nil {
		store.Close()
		return nil, err
	}
	r := &render.Renderer{Store: store, Namespaces: ns, SiteName: c.SiteName, Server: c.Server,
		Disabled: disabledExtensions(c.Extensions), GraphvizWorker: m.graphvizWorker()}
	comp := newCompatService(store, ns, logger, r)
	if err := configureBugzilla(&c, r); err != nil {
		store.Close()
		return nil, err
	}
	w := wiki.New(store, ns)
	w.Linker = r
	w.PreSaver = r
	if err := configureWidgets(&c, r, w); err != nil {
		store.Close()
		return nil, err
	}
	w.ReadOnly = c.ReadOnly
	if db, ok := store.(*sqldb.DB); ok {
		// The switch flipped by "folio readonly on" holds on every web head.
		w.ReadOnlyFunc = (&ops.ReadOnlyCache{Store: db}).Reason
	}
	w.Logger = logger
	q, err := configureAccounts(&c, w, logger)
	if err != nil {
		store.Close()
		return nil, err
	}
	return &app{Config: c, Logger: logger, Store: store, Namespaces: ns, Renderer: r, Wiki: w, MailQueue: q,
		Compat: comp}, nil
}

func (a *app) Close() error { return a.Store.Close() }
