package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/jobs"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/wiki"
)

// maintAdminTasks are the tasks that act on pages and users as an
// administrator would, plus the checks and rebuilds that go with them.
func maintAdminTasks() map[string]maintTask {
	return map[string]maintTask{
		"rebuild-rc":      {"refill RecentChanges from the revisions of the last days: rebuild-rc [--days N] (rebuildrecentchanges.php)", runRebuildRC},
		"block":           {"block a user: block NAME --reason R [--expiry DURATION|infinite] (blockUsers.php)", runBlock},
		"unblock":         {"lift a user's block: unblock NAME --reason R", runUnblock},
		"undelete":        {"restore the deleted pages listed in FILE, one title a line: undelete --reason R FILE|- (undelete.php)", runUndeleteBatch},
		"move":            {"move pages listed in FILE as \"From|To\" lines: move --reason R [--noredirect] FILE|- (moveBatch.php)", runMoveBatch},
		"purge":           {"purge the cached pages of titles, or of every page: purge [--all] [TITLE…] (purgeList.php)", runPurge},
		"rebuild-search":  {"index every page's title and text for search again (rebuildtextindex.php)", runRebuildSearch},
		"integrity-check": {"check the database: engine check, consistency of pages, revisions and links, every text's SHA-1", runIntegrityCheck},
	}
}

// maintUser returns the "Maintenance script" user that batch tasks act
// as, creating it on first use as MediaWiki does. It gets sysop rights
// for the task's duration only (they are not stored).
func maintUser(ctx context.Context, a *app) (*folio.User, error) {
	u, err := a.Store.FindUserByName(ctx, maintActor.Name)
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		// A random password nobody knows: the account cannot log in.
		u, err = a.Wiki.CreateUser(ctx, maintActor.Name, rand.Text()+rand.Text(), nil)
	}
	if err != nil {
		return nil, fmt.Errorf("maintenance user: %w", err)
	}
	c := *u
	c.Groups = append(append([]string(nil), u.Groups...), "sysop", "bureaucrat")
	return &c, nil
}

// openList reads FILE (or stdin for "-") as maintenance input lines.
func openList(m *Main, path string) ([]string, error) {
	if path == "-" {
		return readLines(m.Stdin)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readLines(file)
}

func runRebuildRC(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "rebuild-rc", "rebuild-rc [--days N] [flags]")
	days := f.fs.Int("days", 90, "how many days of revisions RecentChanges covers (MediaWiki's $wgRCMaxAge is 90)")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	if *days <= 0 {
		return &usageError{"maint rebuild-rc: --days must be positive"}
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	db, ok := a.Store.(*sqldb.DB)
	if !ok {
		return errors.New("maint rebuild-rc: the store has no recent-changes table")
	}
	n, err := db.RebuildRecentChanges(ctx, time.Now().AddDate(0, 0, -*days))
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Added %d missing recent changes from the last %d days.\n", n, *days)
	return nil
}

func runBlock(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "block", "block NAME --reason R [--expiry DURATION|infinite] [flags]")
	reason := f.fs.String("reason", "", "reason shown to the user and in the block log (required)")
	expiry := f.fs.String("expiry", "infinite", "how long the block lasts, e.g. 72h, or infinite")
	name, rest := splitName(args)
	if err := f.fs.Parse(rest); err != nil {
		return err
	}
	if name == "" || *reason == "" {
		f.fs.Usage()
		return &usageError{"maint block: NAME and --reason are required"}
	}
	var until time.Time
	if *expiry != "infinite" && *expiry != "never" {
		d, err := time.ParseDuration(*expiry)
		if err != nil || d <= 0 {
			return &usageError{fmt.Sprintf("maint block: --expiry %q is neither a positive duration (72h) nor infinite", *expiry)}
		}
		until = time.Now().Add(d)
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	admin, err := maintUser(ctx, a)
	if err != nil {
		return err
	}
	b, err := a.Wiki.Block(ctx, admin, name, until, *reason)
	if err != nil {
		return err
	}
	when := "indefinitely"
	if !b.Expiry.IsZero() {
		when = "until " + b.Expiry.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(m.Stdout, "Blocked %s %s.\n", b.Target, when)
	return nil
}

func runUnblock(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "unblock", "unblock NAME --reason R [flags]")
	reason := f.fs.String("reason", "", "reason written to the block log (required)")
	name, rest := splitName(args)
	if err := f.fs.Parse(rest); err != nil {
		return err
	}
	if name == "" || *reason == "" {
		f.fs.Usage()
		return &usageError{"maint unblock: NAME and --reason are required"}
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	admin, err := maintUser(ctx, a)
	if err != nil {
		return err
	}
	if err := a.Wiki.Unblock(ctx, admin, name, *reason); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Unblocked %s.\n", name)
	return nil
}

// batchTask is a task that acts as the maintenance user on each line of a
// list, each line in its own transaction, so that an interrupted run can
// be started again; lines that fail are reported and skipped.
type batchTask struct {
	name, usage, reasonHelp string
	done                    string // "Restored", "Moved"…
	flags                   func(fs *flag.FlagSet) func(ctx context.Context, a *app, admin *folio.User, line, reason string) error
}

func (b batchTask) run(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, b.name, b.usage)
	reason := f.fs.String("reason", "", b.reasonHelp+" (required)")
	do := b.flags(f.fs)
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	if f.fs.NArg() != 1 || *reason == "" {
		f.fs.Usage()
		return &usageError{"maint " + b.name + ": --reason and one FILE (or - for stdin) are required"}
	}
	lines, err := openList(m, f.fs.Arg(0))
	if err != nil {
		return err
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	admin, err := maintUser(ctx, a)
	if err != nil {
		return err
	}
	p := &progress{w: m.Stderr, every: 100}
	var done, skipped int
	for _, line := range lines {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted after %d pages: %w", done, err)
		}
		if err := do(ctx, a, admin, line, *reason); err != nil {
			fmt.Fprintf(m.Stderr, "skipped %q: %v\n", line, err)
			skipped++
			continue
		}
		done++
		p.step(line)
	}
	fmt.Fprintf(m.Stdout, "%s %d pages; skipped %d.\n", b.done, done, skipped)
	return nil
}

// runUndeleteBatch restores the deleted pages listed one title a line.
func runUndeleteBatch(ctx context.Context, m *Main, args []string) error {
	return batchTask{name: "undelete", usage: "undelete --reason R FILE|- [flags]",
		reasonHelp: "reason written to the deletion log", done: "Restored",
		flags: func(*flag.FlagSet) func(context.Context, *app, *folio.User, string, string) error {
			return func(ctx context.Context, a *app, admin *folio.User, line, reason string) error {
				t, err := a.Namespaces.ParseTitle(line, folio.NSMain)
				if err == nil {
					_, err = a.Wiki.Undelete(ctx, admin, "127.0.0.1", t, nil, reason)
				}
				return err
			}
		}}.run(ctx, m, args)
}

// runMoveBatch moves pages listed as "From|To" lines, as moveBatch.php.
func runMoveBatch(ctx context.Context, m *Main, args []string) error {
	return batchTask{name: "move", usage: "move --reason R [--noredirect] [--movetalk] FILE|- [flags]",
		reasonHelp: "reason written to the move log", done: "Moved",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, *folio.User, string, string) error {
			noRedirect := fs.Bool("noredirect", false, "leave no redirect behind")
			moveTalk := fs.Bool("movetalk", true, "move the talk pages too")
			return func(ctx context.Context, a *app, admin *folio.User, line, reason string) error {
				from, to, ok := strings.Cut(line, "|")
				if !ok {
					return errors.New("expected From|To")
				}
				return moveOne(ctx, a, admin, strings.TrimSpace(from), strings.TrimSpace(to), reason, *noRedirect, *moveTalk)
			}
		}}.run(ctx, m, args)
}

func moveOne(ctx context.Context, a *app, admin *folio.User, from, to, reason string, noRedirect, moveTalk bool) error {
	ft, err := a.Namespaces.ParseTitle(from, folio.NSMain)
	if err != nil {
		return err
	}
	tt, err := a.Namespaces.ParseTitle(to, folio.NSMain)
	if err != nil {
		return err
	}
	out, err := a.Wiki.Move(ctx, wiki.MoveRequest{From: ft, To: tt, Reason: reason, NoRedirect: noRedirect,
		MoveTalk: moveTalk, User: admin, IP: "127.0.0.1", Bot: true})
	if err != nil {
		return err
	}
	return out.Err
}

// purgeJob is the job type that carries a purge from the command line to
// the running web heads: the job runner inside "folio serve" executes it
// against its own caches (and, through them, the other heads and the CDN).
const purgeJob = "folioPurgeTitles"

// purgeHandler runs purgeJob.
type purgeHandler struct {
	inv *pagecache.Invalidator
	ns  *folio.Namespaces
}

func (h purgeHandler) RunJob(ctx context.Context, j *folio.Job) error {
	var titles []folio.Title
	for _, line := range strings.Split(j.Params["titles"], "\n") {
		if line == "" {
			continue
		}
		t, err := h.ns.ParseTitle(line, folio.NSMain)
		if err != nil {
			continue // titles were valid when queued; skip what is not now
		}
		titles = append(titles, t)
	}
	return h.inv.PurgeTitles(ctx, titles...)
}

var _ jobs.Handler = purgeHandler{}

func runPurge(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "purge", "purge [--all] [TITLE…] [flags]")
	all := f.fs.Bool("all", false, "purge every page")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	if *all == (f.fs.NArg() > 0) {
		f.fs.Usage()
		return &usageError{"maint purge: give titles or --all, not both"}
	}
	a, err := f.open(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	var titles []string
	if *all {
		for _, ns := range a.Namespaces.All() {
			if ns.ID < 0 {
				continue
			}
			id, from := ns.ID, ""
			for {
				pages, err := a.Store.FindPages(ctx, folio.PageFilter{Namespace: &id, From: from, Limit: 500})
				if err != nil {
					return err
				}
				for _, pg := range pages {
					if pg.DBKey != from || from == "" {
						titles = append(titles, a.Namespaces.MakeTitle(pg.Namespace, pg.DBKey).PrefixedText())
					}
				}
				if len(pages) < 500 {
					break
				}
				from = pages[len(pages)-1].DBKey
			}
		}
	} else {
		for _, arg := range f.fs.Args() {
			t, err := a.Namespaces.ParseTitle(arg, folio.NSMain)
			if err != nil {
				return fmt.Errorf("%q: %w", arg, err)
			}
			titles = append(titles, t.PrefixedText())
		}
	}
	cs, err := openCacheStack(ctx, a, a.Config.cacheSettings())
	if err != nil {
		return err
	}
	defer cs.Close()
	var batch []*folio.Job
	for i := 0; i < len(titles); i += 100 {
		chunk := titles[i:min(i+100, len(titles))]
		batch = append(batch, &folio.Job{Type: purgeJob, Params: map[string]string{"titles": strings.Join(chunk, "\n")}})
	}
	if err := cs.Queue.PushJobs(ctx, batch...); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Queued the purge of %d pages in %d jobs; the running web heads apply it within seconds (see folio jobs).\n", len(titles), len(batch))
	return nil
}

func runIntegrityCheck(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "integrity-check", "integrity-check [flags]")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	a, err := f.open(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	db, ok := a.Store.(*sqldb.DB)
	if !ok {
		return errors.New("maint integrity-check: the store is not an SQL database")
	}
	findings, err := db.CheckIntegrity(ctx, everyFewSeconds(m.Stderr, "… %d texts checked\n"))
	if err != nil {
		return err
	}
	bad := 0
	for _, fd := range findings {
		status := "ok"
		if fd.Problems > 0 {
			bad++
			status = fmt.Sprintf("%d PROBLEMS (e.g. %s)", fd.Problems, fd.Example)
		}
		fmt.Fprintf(m.Stdout, "%-55s %s\n", fd.Check, status)
	}
	if bad > 0 {
		return fmt.Errorf("integrity check: %d of %d checks found problems", bad, len(findings))
	}
	fmt.Fprintln(m.Stdout, "No problems found.")
	return nil
}

func runRebuildSearch(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "rebuild-search", "rebuild-search [flags]")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	ss, ok := a.Store.(folio.SearchStore)
	if !ok {
		return errors.New("maint rebuild-search: the store has no search index")
	}
	n, err := ss.RebuildSearchIndex(ctx, everyFewSeconds(m.Stderr, "… %d pages indexed\n"))
	if err != nil {
		return fmt.Errorf("interrupted after %d pages (run again to finish): %w", n, err)
	}
	fmt.Fprintf(m.Stdout, "Indexed %d pages for search.\n", n)
	return nil
}
