package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/folio-wiki/folio"
)

// runRebuildLinks re-renders every page's latest text and replaces its
// link tables. Each page is its own transaction, so an interrupted run
// leaves every page either old or rebuilt; --from NS:TITLE resumes.
func runRebuildLinks(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "rebuild-links [--from TITLE]", "rebuild-links [flags]")
	from := f.fs.String("from", "", "resume at this title (as printed in the progress lines)")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	start := folio.Title{Namespace: -10}
	if *from != "" {
		if start, err = a.Namespaces.ParseTitle(*from, folio.NSMain); err != nil {
			return fmt.Errorf("--from: %w", err)
		}
	}
	p := &progress{w: m.Stderr, every: 500}
	for _, ns := range a.Namespaces.All() {
		if ns.ID < 0 || ns.ID < start.Namespace {
			continue
		}
		key := ""
		if ns.ID == start.Namespace {
			key = start.DBKey
		}
		if err := relinkNamespace(ctx, a, ns.ID, key, p); err != nil {
			return err
		}
	}
	fmt.Fprintf(m.Stdout, "Rebuilt the links of %d pages.\n", p.n)
	return nil
}

func relinkNamespace(ctx context.Context, a *app, ns int, from string, p *progress) error {
	for {
		pages, err := a.Store.FindPages(ctx, folio.PageFilter{Namespace: &ns, From: from, Limit: 500})
		if err != nil {
			return err
		}
		for _, pg := range pages {
			if pg.DBKey == from && p.n > 0 {
				continue // From is inclusive; this page was done in the last batch
			}
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("interrupted; resume with --from %q: %w", a.Namespaces.MakeTitle(ns, pg.DBKey).PrefixedText(), err)
			}
			if err := relinkPage(ctx, a, pg); err != nil {
				return err
			}
			p.step(a.Namespaces.MakeTitle(ns, pg.DBKey).PrefixedText())
		}
		if len(pages) < 500 {
			return nil
		}
		from = pages[len(pages)-1].DBKey
	}
}

func relinkPage(ctx context.Context, a *app, pg *folio.Page) error {
	rev, err := a.Store.FindRevisionByID(ctx, pg.Latest)
	if err != nil {
		return fmt.Errorf("page %d: %w", pg.ID, err)
	}
	t := a.Namespaces.MakeTitle(pg.Namespace, pg.DBKey)
	links, _, err := a.Renderer.Links(ctx, t, rev.Text)
	if err != nil {
		return fmt.Errorf("render %s: %w", t.PrefixedText(), err)
	}
	if links == nil {
		links = &folio.LinkSet{}
	}
	return a.Store.UpdateLinks(ctx, pg.ID, links)
}

// statsRecounter is the store method behind "maint recount".
type statsRecounter interface {
	RecountStats(ctx context.Context) (*folio.SiteStats, error)
}

// runRecount recomputes the site statistics from the tables.
func runRecount(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "recount", "recount [flags]")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	rc, ok := a.Store.(statsRecounter)
	if !ok {
		return errors.New("recount: the store cannot recount statistics")
	}
	s, err := rc.RecountStats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Site statistics: %d pages, %d articles, %d edits, %d users.\n", s.Pages, s.Articles, s.Edits, s.Users)
	return nil
}
