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
	lang := "en"
	if sc, err := is.FindSiteConfig(ctx); err == nil && sc.Lang != "" {
		lang = sc.Lang
	}
	w, err := dump.NewWriter(out, lang, siteInfo(a))
	if err != nil {
		return fmt.Errorf("write dump: %w", err)
	}
	ex := &dump.Exporter{Store: exportStore{a.Store, is}, Namespaces: a.Namespaces, Full: o.full}
	if err := ex.Export(ctx, w, dump.Selection{Titles: o.titles, Category: o.category, Templates: o.templates}); err != nil {
		if folio.ErrorCode(err) != folio.EInternal { // a user's mistake: show the message only
			return fmt.Errorf("export: %s", folio.ErrorMessage(err))
		}
		return err
	}
	for _, t := range ex.Missing {
		a.Logger.Warn("skipped a missing page", "title", t)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write dump: %w", err)
	}
	fmt.Fprintf(cmd.m.Stderr, "export: %d pages, %d revisions\n", ex.Pages, ex.Revisions)
	return nil
}

// exportStore joins the store's interfaces that dump.Exporter reads.
type exportStore struct {
	folio.Store
	folio.ImportStore
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
