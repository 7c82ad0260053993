package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/compat"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/web"
)

// CompatCommand loads MDN's browser-compatibility data: "compat import
// DIR" reads a checkout of @mdn/browser-compat-data or its npm package and
// stores the features that changed since the last import; the pages
// showing them are purged through the job queue.
type CompatCommand struct{ m *Main }

const compatUsage = `Usage:
	folio compat import DIR [flags]

DIR is a checkout of github.com/mdn/browser-compat-data (css/, html/,
javascript/… folders of JSON files), the unpacked npm package
@mdn/browser-compat-data (its data.json), or data.json itself. Running it
again with newer data rewrites only the features that changed, and queues
the purge of every page showing them ({{#compat:…}}); a running
"folio serve" (or "folio jobs run") carries the purges out.`

// Run imports the data.
func (cmd *CompatCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(cmd.m.Stderr, compatUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return flag.ErrHelp
		}
		return &usageError{"compat: expected import DIR"}
	}
	fs := flag.NewFlagSet("folio compat import", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, compatUsage); fs.PrintDefaults() }
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &usageError{"compat import: expected one DIR"}
	}
	c, err := load()
	if err != nil {
		return err
	}
	start := time.Now()
	features, err := compat.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	cs, err := openCacheStack(ctx, a, c.cacheSettings())
	if err != nil {
		return err
	}
	defer cs.Close()
	svc := newCompatService(a.Store, a.Namespaces, a.Logger, nil)
	if svc == nil {
		return fmt.Errorf("compat import: the database keeps no compatibility data")
	}
	wireCompatCaches(svc, cs)
	res, err := svc.Import(ctx, features)
	if res != nil {
		fmt.Fprintf(cmd.m.Stdout, "Read %d features from %s: %d added, %d changed, %d unchanged (%s).\n",
			len(features), fs.Arg(0), res.Added, res.Changed, res.Unchanged, time.Since(start).Round(time.Millisecond))
		if res.Purged > 0 {
			fmt.Fprintf(cmd.m.Stdout, "Queued the purge of the pages showing %d of the changed features.\n", res.Purged)
		}
	}
	return err
}

// newCompatService returns the compatibility data service over store and
// gives it to r, or nil when store keeps no such data.
func newCompatService(store folio.Store, ns *folio.Namespaces, logger *slog.Logger, r *render.Renderer) *compat.Service {
	cstore, ok := store.(folio.CompatStore)
	if !ok {
		return nil
	}
	svc := &compat.Service{Store: cstore, Namespaces: ns, Logger: logger}
	if r != nil {
		r.Compat = svc
	}
	return svc
}

// wireCompatCaches keeps rendered tables in the parser cache's storage and
// purges pages through the cache stack's invalidator.
func wireCompatCaches(svc *compat.Service, cs *cacheStack) {
	if svc == nil {
		return
	}
	svc.Cache = cs.Parser.Cache
	svc.Invalidator = cs.Invalidator
	svc.Links = cs.Invalidator.Links
}

// compatTables returns svc for the web server, or nil without data.
func compatTables(svc *compat.Service) web.CompatTables {
	if svc == nil {
		return nil
	}
	return svc
}
