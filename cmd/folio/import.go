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
	sha1     string // error or warn
	from     string // api.php URL of a wiki to copy from
	pages    string // with from: pipe-separated titles
	all      bool   // with from: every page
	history  bool   // with from: every revision
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
	fs.StringVar(&o.sha1, "sha1", "error", "a revision whose text does not match its <sha1>: error (stop before its page) or warn (import it, log a warning)")
	fs.StringVar(&o.from, "from", "", "copy from a running MediaWiki: the URL of its api.php (instead of FILE)")
	fs.StringVar(&o.pages, "pages", "", `with --from: the titles to copy, separated by "|"`)
	fs.BoolVar(&o.all, "all", false, "with --from: copy every page")
	fs.BoolVar(&o.history, "history", false, "with --from: copy every revision, not only the latest")
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, `Usage: folio import [flags] FILE
       folio import [flags] --from URL/api.php (--pages "A|B" | --all) [--history]

Imports a MediaWiki XML dump (schema 0.10 or 0.11; plain, .gz or .bz2; "-"
for stdin) with full history. Into an empty wiki, page and revision ids are
kept and the dump's <siteinfo> (site name, namespaces) becomes the wiki's
configuration. Running the same command again after an interruption
resumes without duplicating revisions. With --from, pages are copied from a
running MediaWiki through its Action API instead.`)
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
	case o.sha1 != "error" && o.sha1 != "warn":
		return &usageError{"import: --sha1 must be error or warn"}
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
	fresh     bool           // the wiki was empty when this import began
	dumpNS    map[int]string // namespace names of the dump's siteinfo
	touched   []int64        // pages whose latest revision changed
	bar       *progressPrinter
	warnSHA1  bool // import revisions whose SHA-1 does not match, with a warning
	afterPage func(n int64)
	stats     struct{ pages, added, skipped, badSHA1, uploads int }
}

func (cmd *ImportCommand) run(ctx context.Context, c Config, o importOptions) error {
	src, err := cmd.openSource(ctx, o)
	if err != nil {
		return err
	}
	defer src.close()
	run := &importRun{m: cmd.m, src: src, dumpNS: map[int]string{}, warnSHA1: o.sha1 == "warn",
		afterPage: cmd.afterPage}
	if src.siteInfo != nil {
		for _, ns := range src.siteInfo.Namespaces {
			run.dumpNS[ns.Key] = ns.Name
		}
	}
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
	summary := fmt.Sprintf("%d pages: %d revisions added, %d already present",
		run.stats.pages, run.stats.added, run.stats.skipped)
	if run.stats.badSHA1 > 0 {
		summary += fmt.Sprintf(", %d with a SHA-1 not matching their text", run.stats.badSHA1)
	}
	if run.stats.uploads > 0 {
		summary += fmt.Sprintf("; %d <upload> file versions skipped (file import is not supported yet)", run.stats.uploads)
	}
	run.bar.finish(summary)
	return nil
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
	ip, err := run.convert(p)
	if err != nil {
		return err
	}
	res, err := run.store.ImportPage(ctx, ip, run.opt)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &dump.Error{Line: p.Line, Title: p.Title, Msg: folio.ErrorMessage(err)}
	}
	run.stats.pages++
	run.stats.uploads += len(p.Uploads)
	run.stats.added += res.Added
	run.stats.skipped += res.Skipped
	run.progress.Revisions += int64(res.Added)
	if res.LatestChanged {
		run.touched = append(run.touched, res.PageID)
	}
	return nil
}

// convert turns a dump page into an import request, checking its title
// and the SHA-1 of every revision.
func (run *importRun) convert(p *dump.Page) (*folio.ImportPage, error) {
	t, err := run.title(p)
	if err != nil {
		return nil, err
	}
	ip := &folio.ImportPage{ID: p.ID, Namespace: t.Namespace, DBKey: t.DBKey}
	if p.Redirect != "" {
		if rt, err := run.a.Namespaces.ParseTitle(p.Redirect, folio.NSMain); err == nil && rt.Interwiki == "" {
			ip.Redirect = &folio.LinkTarget{Namespace: rt.Namespace, DBKey: rt.DBKey, Fragment: rt.Fragment}
		}
	}
	for _, r := range p.Revisions {
		ir := &folio.ImportRevision{ID: r.ID, Timestamp: r.Timestamp, Comment: r.Comment,
			Minor: r.Minor, Model: r.Model, Text: r.Text, SHA1: r.SHA1}
		ir.Contributor, ir.Anonymous = run.contributor(r.Contributor)
		if r.TextDeleted {
			ir.SHA1 = "" // the dump's SHA-1 is that of the hidden text
		}
		if err := run.checkSHA1(p, r, ir); err != nil {
			return nil, err
		}
		ip.Revisions = append(ip.Revisions, ir)
	}
	if len(ip.Revisions) == 0 {
		return nil, &dump.Error{Line: p.Line, Title: p.Title, Msg: "the page has no revisions"}
	}
	return ip, nil
}

// checkSHA1 compares a revision's text with its <sha1>. On a mismatch it
// fails, or with --sha1 warn logs a warning and drops the dump's SHA-1 so
// that the store keeps the text's own.
func (run *importRun) checkSHA1(p *dump.Page, r *dump.Revision, ir *folio.ImportRevision) error {
	sum := folio.SHA1Base36(r.Text)
	if ir.SHA1 == "" || ir.SHA1 == sum {
		return nil
	}
	if run.warnSHA1 {
		if run.stats.badSHA1++; run.stats.badSHA1 <= 5 { // the summary counts the rest
			run.a.Logger.Warn("the text does not match its SHA-1; importing it anyway", "line", r.Line,
				"title", p.Title, "rev_id", r.ID, "dump_sha1", r.SHA1, "text_sha1", sum)
		}
		ir.SHA1 = ""
		return nil
	}
	return &dump.Error{Line: r.Line, Title: p.Title, Msg: fmt.Sprintf("revision %d: the text does not "+
		"match its SHA-1 (the dump says %s, the text hashes to %s); nothing of this page was imported "+
		"(--sha1 warn imports such revisions)", r.ID, r.SHA1, sum)}
}

// title parses a dump page's title in its namespace, using the dump's own
// namespace names to strip the prefix.
func (run *importRun) title(p *dump.Page) (folio.Title, error) {
	bad := func(why string) error {
		return &dump.Error{Line: p.Line, Title: p.Title, Msg: "invalid title: " + why}
	}
	ns, ok := run.a.Namespaces.ByID(p.NS)
	if !ok {
		return folio.Title{}, bad(fmt.Sprintf("this wiki has no namespace %d", p.NS))
	}
	rest := p.Title
	if p.NS != folio.NSMain {
		name, ok := run.dumpNS[p.NS]
		if ok && strings.HasPrefix(rest, name+":") {
			rest = rest[len(name)+1:]
		} else if _, after, found := strings.Cut(rest, ":"); found {
			rest = after
		} else {
			return folio.Title{}, bad(fmt.Sprintf("no prefix for namespace %d", p.NS))
		}
		rest = ns.Name + ":" + rest // this wiki's prefix: the rest is never split again
	}
	t, err := run.a.Namespaces.ParseTitle(rest, folio.NSMain)
	if err != nil {
		return t, bad(folio.ErrorMessage(err))
	}
	if t.Namespace != p.NS || t.Interwiki != "" || t.Fragment != "" {
		return t, bad(fmt.Sprintf("it does not name a page in namespace %d", p.NS))
	}
	return t, nil
}

// hiddenContributor names the actor of revisions whose contributor was
// hidden in the source wiki.
const hiddenContributor = "Hidden contributor"

// contributor returns the actor name of a dump contributor, normalised as
// a user name, and whether it is anonymous.
func (run *importRun) contributor(c dump.Contributor) (string, bool) {
	name, anon := c.Username, false
	if name == "" {
		name, anon = c.IP, true
	}
	if c.Deleted || name == "" {
		return hiddenContributor, true
	}
	if t, err := run.a.Namespaces.ParseTitle(name, folio.NSUser); err == nil && t.Namespace == folio.NSUser {
		name = t.Text()
	}
	return name, anon
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
