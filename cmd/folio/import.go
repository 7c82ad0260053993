package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/dump"
)

// ImportCommand imports a MediaWiki XML dump, like importDump.php followed
// by refreshLinks.php and rebuildrecentchanges.php.
type ImportCommand struct {
	m *Main
	// afterPage, when set, is called after each page is stored (tests).
	afterPage func(n int64)
}

// importOptions are the flags of folio import.
type importOptions struct {
	file     string
	ids      string // auto, keep or new
	rebuild  bool
	rcDays   int
	progress bool
	sha1     string // warn or strict
	from     string // api.php URL of a wiki to copy from
	pages    string // with from: pipe-separated titles
	all      bool   // with from: every page
	history  bool   // with from: every revision
	files    string // local blob store for <upload> file versions
}

// Run imports the dump named on the command line.
func (cmd *ImportCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio import", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	var o importOptions
	fs.StringVar(&o.ids, "ids", "auto", "page and revision ids: keep (as in the dump), new, or auto (keep when the wiki is empty)")
	fs.BoolVar(&o.rebuild, "rebuild", true, "rebuild link tables, categories, redirects and recent changes afterwards")
	fs.IntVar(&o.rcDays, "rc-days", 90, "recent changes are rebuilt from revisions of the last N days")
	fs.BoolVar(&o.progress, "progress", true, "show progress on stderr")
	fs.StringVar(&o.sha1, "sha1", "warn", "a revision whose text does not match its <sha1>: warn (import the text with its own SHA-1 and name the page, as importDump.php imports it) or strict (stop before its page)")
	fs.StringVar(&o.from, "from", "", "copy from a running MediaWiki: the URL of its api.php (instead of FILE)")
	fs.StringVar(&o.pages, "pages", "", `with --from: the titles to copy, separated by "|"`)
	fs.BoolVar(&o.all, "all", false, "with --from: copy every page")
	fs.BoolVar(&o.history, "history", false, "with --from: copy every revision, not only the latest")
	fs.StringVar(&o.files, "files", "", "folder of the local blob store that receives the file versions embedded in <upload> elements (with --from: downloaded from the wiki)")
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, `Usage: folio import [flags] FILE
       folio import [flags] --from URL/api.php (--pages "A|B" | --all) [--history]

Imports a MediaWiki XML dump (schema 0.10 or 0.11; plain, .gz or .bz2; "-"
for stdin) with full history. Into an empty wiki, page and revision ids are
kept and the dump's <siteinfo> (site name, namespaces) becomes the wiki's
configuration. Running the same command again after an interruption
resumes without duplicating revisions. A revision whose text does not match
its <sha1> is imported as the dump gives it, with the SHA-1 of its text, and
its page is named in a warning and in the summary (--sha1 strict stops
instead). With --from, pages are copied from a running MediaWiki through its
Action API instead.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if err := o.check(fs.Args()); err != nil {
		fs.Usage()
		return err
	}
	c, err := load()
	if err != nil {
		return err
	}
	return cmd.run(ctx, c, o)
}

// check validates the flags and takes FILE from args.
func (o *importOptions) check(args []string) error {
	switch {
	case o.ids != "auto" && o.ids != "keep" && o.ids != "new":
		return &usageError{"import: --ids must be auto, keep or new"}
	case o.sha1 != "warn" && o.sha1 != "strict" && o.sha1 != "error": // error: the old name of strict
		return &usageError{"import: --sha1 must be warn or strict"}
	case o.from == "" && len(args) != 1:
		return &usageError{"import: give one FILE (or --from URL)"}
	case o.from != "" && (len(args) != 0 || (o.pages == "") == !o.all):
		return &usageError{"import: --from takes no FILE, and either --pages or --all"}
	case o.from == "" && (o.pages != "" || o.all || o.history):
		return &usageError{"import: --pages, --all and --history go with --from"}
	}
	if o.from == "" {
		o.file = args[0]
	}
	return nil
}

// importRun is one run of folio import.
type importRun struct {
	m         *Main
	a         *app
	store     folio.ImportStore
	src       *importSource
	opt       folio.ImportOptions
	progress  *folio.ImportProgress
	resumed   bool
	fresh     bool // the wiki was empty when this import began
	im        *dump.Importer
	uploads   *uploadImporter // nil without --files
	bar       *progressPrinter
	afterPage func(n int64)
}

func (cmd *ImportCommand) run(ctx context.Context, c Config, o importOptions) error {
	src, err := cmd.openSource(ctx, o)
	if err != nil {
		return err
	}
	defer src.close()
	run := &importRun{m: cmd.m, src: src, afterPage: cmd.afterPage}
	defer func() {
		if run.a != nil {
			run.a.Close()
		}
	}()
	if err := run.open(ctx, c, o); err != nil {
		return err
	}
	if err := run.importPages(ctx); err != nil {
		return err
	}
	if !o.rebuild {
		return nil
	}
	return run.rebuild(ctx, o)
}

// open opens the wiki, decides whether ids are kept, stores the dump's
// site configuration into an empty wiki, and reads earlier progress.
func (run *importRun) open(ctx context.Context, c Config, o importOptions) error {
	a, err := run.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	run.a = a
	is, ok := a.Store.(folio.ImportStore)
	if !ok {
		return fmt.Errorf("the %T store cannot import dumps", a.Store)
	}
	run.store = is
	if run.progress, err = is.FindImportProgress(ctx, run.src.key); err != nil {
		return err
	}
	run.resumed = run.progress.Pages > 0
	stats, err := a.Store.Stats(ctx)
	if err != nil {
		return err
	}
	run.fresh = stats.Pages == 0 || (run.resumed && run.progress.KeepIDs)
	run.opt.KeepIDs = o.ids == "keep" || (o.ids == "auto" && run.fresh)
	run.progress.KeepIDs = run.opt.KeepIDs
	if stats.Pages == 0 && run.src.siteInfo != nil {
		if err := run.adoptSiteInfo(ctx, c); err != nil {
			return err
		}
	}
	run.bar = newProgressPrinter(run.m.Stderr, o.progress, "import", run.src.size)
	run.im = &dump.Importer{Store: run.store, Namespaces: run.a.Namespaces, SiteInfo: run.src.siteInfo,
		Options: run.opt, WarnSHA1: o.sha1 == "warn", Logger: run.a.Logger}
	if o.files != "" {
		if run.uploads, err = newUploadImporter(run.a, run.im, o.files); err != nil {
			return err
		}
	}
	return nil
}

// adoptSiteInfo makes the dump's <siteinfo> the configuration of the empty
// wiki, then reopens the wiki so that titles parse with its namespaces.
func (run *importRun) adoptSiteInfo(ctx context.Context, c Config) error {
	si := run.src.siteInfo
	var local []folio.SiteNamespace
	for _, ns := range si.Namespaces {
		local = append(local, folio.SiteNamespace{ID: ns.Key, Name: ns.Name, CaseSensitive: ns.Case == "case-sensitive"})
	}
	sc := &folio.SiteConfig{SiteName: si.SiteName, Lang: run.src.lang, Base: si.Base,
		Namespaces: folio.NamespacesFromSite(local)}
	if sc.SiteName == "" {
		sc.SiteName = c.SiteName
	}
	if _, err := sc.NamespaceTable(); err != nil {
		run.a.Logger.Warn("the dump's namespaces are unusable; keeping the default ones", "error", err)
		return nil
	}
	if err := run.store.SaveSiteConfig(ctx, sc); err != nil {
		return fmt.Errorf("save site configuration: %w", err)
	}
	run.a.Logger.Info("adopted the dump's site configuration", "sitename", sc.SiteName, "lang", sc.Lang,
		"namespaces", len(sc.Namespaces))
	run.a.Close()
	run.a = nil
	a, err := run.m.openApp(ctx, c, false)
	if err != nil {
		return err
	}
	run.a, run.store = a, a.Store.(folio.ImportStore)
	return nil
}

// importPages imports every page of the dump, recording progress.
func (run *importRun) importPages(ctx context.Context) error {
	done := run.progress.Pages
	if run.resumed {
		run.a.Logger.Info("resuming an earlier import", "pages_done", done, "last_title", run.progress.LastTitle)
	}
	lastSave, n := time.Now(), int64(0)
	if s, ok := run.src.pages.(interface{ Skip(int64) }); ok {
		s.Skip(done) // the source passes over finished pages without reading them
		n = done
	}
	for ; ; n++ {
		p, err := run.src.pages.Next()
		if ctx.Err() != nil {
			return run.fail(ctx, ctx.Err())
		} else if err == io.EOF {
			break
		} else if err != nil {
			return run.fail(ctx, err)
		}
		if n >= done { // pages before done were finished by an earlier run
			if err := run.importPage(ctx, p); err != nil {
				return run.fail(ctx, err)
			}
			run.progress.Pages, run.progress.LastTitle = n+1, p.Title
			if run.afterPage != nil {
				run.afterPage(n + 1)
			}
		}
		run.bar.update(int(n+1), run.src.offset())
		if time.Since(lastSave) > 2*time.Second {
			lastSave = time.Now()
			if err := run.saveProgress(ctx); err != nil {
				return err
			}
		}
	}
	run.progress.Done = true
	if err := run.saveProgress(ctx); err != nil {
		return err
	}
	run.bar.finish(importSummary(run.im.Stats, run.uploads))
	return nil
}

// importSummary describes what an import did in one line.
func importSummary(st dump.ImportStats, up *uploadImporter) string {
	s := fmt.Sprintf("%d pages: %d revisions added, %d already present", st.Pages, st.Added, st.Skipped)
	if st.BadSHA1 > 0 {
		s += fmt.Sprintf("; %s in %s did not match their SHA-1 and were imported with their text's own (%s",
			nouns(st.BadSHA1, "revision"), nouns(st.BadSHA1Pages, "page"), strings.Join(st.BadSHA1Titles, ", "))
		if more := st.BadSHA1Pages - len(st.BadSHA1Titles); more > 0 {
			s += fmt.Sprintf(" and %d more", more)
		}
		s += ")"
	}
	switch {
	case up != nil:
		s += fmt.Sprintf("; %d file versions stored, %d skipped", up.stored, up.skipped)
	case st.Uploads > 0:
		s += fmt.Sprintf("; %d <upload> file versions skipped (give --files to store them)", st.Uploads)
	}
	return s
}

// nouns writes n with noun, in the plural unless n is 1.
func nouns(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

func (run *importRun) saveProgress(ctx context.Context) error {
	if run.progress.Source == "" {
		return nil
	}
	return run.store.SaveImportProgress(ctx, run.progress)
}

// fail records progress and explains how to go on after an error.
func (run *importRun) fail(ctx context.Context, err error) error {
	run.bar.finish("")
	if serr := run.saveProgress(context.WithoutCancel(ctx)); serr != nil {
		run.a.Logger.Error("save import progress", "error", serr)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("import interrupted after %d pages; run the same command again to resume", run.progress.Pages)
	}
	return fmt.Errorf("import stopped after %d complete pages: %w", run.progress.Pages, err)
}

// importPage converts and stores one page.
func (run *importRun) importPage(ctx context.Context, p *dump.Page) error {
	res, err := run.im.Import(ctx, p)
	if err != nil {
		return err
	}
	run.progress.Revisions += int64(res.Added)
	if run.uploads != nil {
		return run.uploads.store(ctx, p)
	}
	return nil
}

// storedSiteConfig returns the namespaces and site name of the site
// configuration stored by an import, when there is a usable one.
func storedSiteConfig(ctx context.Context, s folio.Store, logger *slog.Logger) (*folio.Namespaces, string, bool) {
	is, ok := s.(folio.ImportStore)
	if !ok {
		return nil, "", false
	}
	sc, err := is.FindSiteConfig(ctx)
	if err != nil {
		if folio.ErrorCode(err) != folio.ENoSiteConfig {
			logger.Debug("no stored site configuration", "error", err)
		}
		return nil, "", false
	}
	ns, err := sc.NamespaceTable()
	if err != nil || sc.SiteName == "" {
		logger.Warn("ignoring the stored site configuration", "error", err)
		return nil, "", false
	}
	return ns, sc.SiteName, true
}

// importedMainPage returns the main page named by the site configuration
// adopted from a dump ("Suoku puslopa" for the Latgalian Wikipedia), or ""
// when there is none or its title is not valid here.
func importedMainPage(ctx context.Context, a *app) string {
	is, ok := a.Store.(folio.ImportStore)
	if !ok {
		return ""
	}
	sc, err := is.FindSiteConfig(ctx)
	if err != nil || sc.MainPage() == "" {
		return ""
	}
	t, err := a.Namespaces.ParseTitle(sc.MainPage(), folio.NSMain)
	if err != nil || t.Interwiki != "" || t.Namespace < 0 {
		a.Logger.Warn("ignoring the imported main page title", "title", sc.MainPage())
		return ""
	}
	return t.PrefixedText()
}
