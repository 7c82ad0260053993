package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/dump"
	"github.com/folio-wiki/folio/wikitext"
)

// ExportCommand writes pages as a MediaWiki XML dump (schema 0.11), like
// dumpBackup.php and Special:Export.
type ExportCommand struct{ m *Main }

// exportOptions are the flags of folio export.
type exportOptions struct {
	full      bool
	templates bool
	category  string
	output    string
	titles    []string
}

// Run exports the selected pages.
func (cmd *ExportCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio export", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	var o exportOptions
	fs.BoolVar(&o.full, "full", false, "export every revision, not only the current one")
	fs.BoolVar(&o.templates, "templates", false, "also export the templates the pages use")
	fs.StringVar(&o.category, "category", "", "export the pages of this category")
	fs.StringVar(&o.output, "output", "-", `file to write ("-" for stdout)`)
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, `Usage: folio export [--full] [--templates] [--category C] [--output FILE] [PAGE ...]

Writes pages as a MediaWiki XML dump (schema 0.11) that MediaWiki's
importDump.php and folio import read. Without PAGE or --category, every
page is exported.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	o.titles = fs.Args()
	c, err := load()
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	return cmd.export(ctx, a, o)
}

// interleaved moves positional arguments after the flags, so that titles
// and flags may come in any order.
func interleaved(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(arg, "-") && arg != "-":
			flags = append(flags, arg)
			name := strings.TrimLeft(arg, "-")
			if f := fs.Lookup(name); f != nil && !strings.Contains(name, "=") && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			pos = append(pos, arg)
		}
	}
	return append(append(flags, "--"), pos...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (cmd *ExportCommand) export(ctx context.Context, a *app, o exportOptions) error {
	is, ok := a.Store.(folio.ImportStore)
	if !ok {
		return fmt.Errorf("the %T store cannot export dumps", a.Store)
	}
	var out io.Writer = cmd.m.Stdout
	if o.output != "-" {
		f, err := os.Create(o.output)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		defer bw.Flush()
		out = bw
	}
	ex := &exporter{a: a, is: is, full: o.full}
	w, err := dump.NewWriter(out, ex.lang(ctx), siteInfo(a))
	if err != nil {
		return fmt.Errorf("write dump: %w", err)
	}
	ex.w = w
	if len(o.titles) == 0 && o.category == "" {
		if err := ex.all(ctx); err != nil {
			return err
		}
	} else if err := ex.selected(ctx, o); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write dump: %w", err)
	}
	fmt.Fprintf(cmd.m.Stderr, "export: %d pages, %d revisions\n", ex.pages, ex.revisions)
	return nil
}

// siteInfo describes this wiki in a dump.
func siteInfo(a *app) *dump.SiteInfo {
	si := &dump.SiteInfo{SiteName: a.Config.SiteName, DBName: "folio", Case: "first-letter",
		Generator: "Folio " + Version, Base: strings.TrimRight(a.Config.Server, "/") + folio.ArticlePath + "Main_Page"}
	for _, ns := range a.Namespaces.All() {
		c := "first-letter"
		if ns.CaseSensitive {
			c = "case-sensitive"
		}
		si.Namespaces = append(si.Namespaces, dump.Namespace{Key: ns.ID, Case: c, Name: ns.Name})
	}
	return si
}

// exporter writes pages to a dump.
type exporter struct {
	a                *app
	is               folio.ImportStore
	w                *dump.Writer
	full             bool
	pages, revisions int
}

// lang is the content language recorded with the site configuration.
func (ex *exporter) lang(ctx context.Context) string {
	if sc, err := ex.is.FindSiteConfig(ctx); err == nil && sc.Lang != "" {
		return sc.Lang
	}
	return "en"
}

// all exports every page, by id.
func (ex *exporter) all(ctx context.Context) error {
	for after := int64(0); ; {
		ps, err := ex.is.FindPagesAfter(ctx, after, 500)
		if err != nil || len(ps) == 0 {
			return err
		}
		for _, p := range ps {
			if err := ex.page(ctx, p); err != nil {
				return err
			}
			after = p.ID
		}
	}
}

// selected exports the named pages, the category's members and, with
// --templates, the templates they use.
func (ex *exporter) selected(ctx context.Context, o exportOptions) error {
	var pages []*folio.Page
	for _, title := range o.titles {
		t, err := ex.a.Namespaces.ParseTitle(title, folio.NSMain)
		if err != nil {
			return fmt.Errorf("page %q: %s", title, folio.ErrorMessage(err))
		}
		p, err := ex.a.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			ex.a.Logger.Warn("skipping a missing page", "title", t.PrefixedText())
			continue
		} else if err != nil {
			return err
		}
		pages = append(pages, p)
	}
	if o.category != "" {
		t, err := ex.a.Namespaces.ParseTitle(o.category, folio.NSCategory)
		if err != nil || t.Namespace != folio.NSCategory {
			return fmt.Errorf("--category %q is not a category title", o.category)
		}
		members, err := ex.is.FindCategoryMembers(ctx, t.DBKey)
		if err != nil {
			return err
		}
		pages = append(pages, members...)
	}
	if o.templates {
		var err error
		if pages, err = ex.withTemplates(ctx, pages); err != nil {
			return err
		}
	}
	seen := map[int64]bool{}
	for _, p := range pages {
		if !seen[p.ID] {
			seen[p.ID] = true
			if err := ex.page(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// withTemplates appends the existing templates that pages transclude.
func (ex *exporter) withTemplates(ctx context.Context, pages []*folio.Page) ([]*folio.Page, error) {
	var targets []folio.LinkTarget
	for _, p := range pages {
		ls, err := ex.a.Store.FindLinks(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		targets = append(targets, ls.Templates...)
	}
	out := pages
	for _, t := range targets {
		p, err := ex.a.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// page writes one page with its current revision, or its whole history.
func (ex *exporter) page(ctx context.Context, p *folio.Page) error {
	t := ex.a.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	latest, err := ex.a.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		return fmt.Errorf("export %s: %w", t.PrefixedText(), err)
	}
	dp := &dump.Page{Title: t.PrefixedText(), NS: p.Namespace, ID: p.ID}
	if target, ok := wikitext.Redirect(latest.Text); ok && p.IsRedirect {
		if rt, err := ex.a.Namespaces.ParseTitle(target, folio.NSMain); err == nil {
			dp.Redirect = rt.PrefixedText()
		}
	}
	if err := ex.w.StartPage(dp); err != nil {
		return err
	}
	if ex.full {
		err = ex.history(ctx, p.ID)
	} else {
		err = ex.revision(latest)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", t.PrefixedText(), err)
	}
	ex.pages++
	return ex.w.EndPage()
}

// history writes every revision of a page, oldest first.
func (ex *exporter) history(ctx context.Context, pageID int64) error {
	for after := int64(0); ; {
		revs, err := ex.a.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pageID, After: after,
			Reverse: true, Limit: 500})
		if err != nil || len(revs) == 0 {
			return err
		}
		for _, r := range revs {
			full, err := ex.a.Store.FindRevisionByID(ctx, r.ID)
			if err != nil {
				return err
			}
			if err := ex.revision(full); err != nil {
				return err
			}
			after = r.ID
		}
	}
}

// revision writes one revision.
func (ex *exporter) revision(r *folio.Revision) error {
	dr := &dump.Revision{ID: r.ID, ParentID: r.ParentID, Timestamp: r.Timestamp, Minor: r.Minor,
		Comment: r.Comment, Model: r.Model, Format: dump.FormatForModel(r.Model), Text: r.Text,
		TextBytes: -1, SHA1: r.SHA1}
	switch {
	case r.Actor.Name == dump.HiddenContributor && r.Actor.IsAnon():
		dr.Contributor.Deleted = true
	case r.Actor.IsAnon():
		dr.Contributor.IP = r.Actor.Name
	default:
		dr.Contributor.Username, dr.Contributor.ID = r.Actor.Name, r.Actor.UserID
	}
	ex.revisions++
	return ex.w.WriteRevision(dr)
}
