package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// opsCommands returns the operations subcommands (read-only mode, drills,
// maintenance) that main.go adds to its command table.
func opsCommands(m *Main) map[string]command {
	return map[string]command{
		"readonly": &ReadOnlyCommand{m: m},
		"drill":    &DrillCommand{m: m},
		"maint":    &MaintCommand{m: m},
	}
}

// MaintCommand runs the maintenance tasks that MediaWiki operators run
// from maintenance/: "maint TASK [flags]".
type MaintCommand struct{ m *Main }

// maintTask is one maintenance task.
type maintTask struct {
	usage string
	run   func(ctx context.Context, m *Main, args []string) error
}

func maintTasks() map[string]maintTask {
	tasks := map[string]maintTask{
		"rebuild-links": {"rebuild the link tables from every page's text (refreshLinks.php)", runRebuildLinks},
		"recount":       {"recount the site statistics (initSiteStats.php)", runRecount},
		"password":      {"set a user's password: password NAME --password-file F (changePassword.php)", runPassword},
		"groups":        {"change a user's groups: groups NAME [--add G] [--remove G] (createAndPromote.php)", runGroups},
		"delete":        {"delete the pages listed in FILE, one title a line: delete --reason R FILE|- (deleteBatch.php)", runDeleteBatch},
	}
	for name, t := range maintAdminTasks() {
		tasks[name] = t
	}
	return tasks
}

// Run dispatches to the task named by args[0].
func (cmd *MaintCommand) Run(ctx context.Context, args []string) error {
	tasks := maintTasks()
	if len(args) == 0 || tasks[args[0]].run == nil {
		cmd.usage(tasks)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return &usageError{"maint: expected a task"}
	}
	return tasks[args[0]].run(ctx, cmd.m, args[1:])
}

func (cmd *MaintCommand) usage(tasks map[string]maintTask) {
	fmt.Fprint(cmd.m.Stderr, "Usage: folio maint TASK [flags]\n\nTasks:\n")
	names := make([]string, 0, len(tasks))
	for n := range tasks {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(cmd.m.Stderr, "\t%-16s %s\n", n, tasks[n].usage)
	}
	fmt.Fprintln(cmd.m.Stderr, "\nTasks that write refuse to run in read-only mode unless --ignore-readonly is given.")
}

// maintFlags is the flag set every task starts from.
type maintFlags struct {
	fs             *flag.FlagSet
	load           func() (Config, error)
	ignoreReadOnly *bool
}

func newMaintFlags(m *Main, name, usage string) *maintFlags {
	fs := flag.NewFlagSet("folio maint "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	f := &maintFlags{fs: fs, load: configFlags(fs, m.Getenv)}
	f.ignoreReadOnly = fs.Bool("ignore-readonly", false, "run even when the wiki is in read-only mode")
	fs.Usage = func() { fmt.Fprintf(m.Stderr, "Usage: folio maint %s\n\n", usage); fs.PrintDefaults() }
	return f
}

// openWritable opens the wiki for a task that writes, refusing when the
// database says the wiki is read-only.
func (f *maintFlags) openWritable(ctx context.Context, m *Main) (*app, error) {
	c, err := f.load()
	if err != nil {
		return nil, err
	}
	a, err := m.openApp(ctx, c, true)
	if err != nil {
		return nil, err
	}
	if ros, ok := a.Store.(folio.ReadOnlyStore); ok && !*f.ignoreReadOnly {
		ro, err := ros.FindReadOnly(ctx)
		if err != nil {
			a.Close()
			return nil, err
		}
		if ro.On {
			a.Close()
			return nil, folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s (use --ignore-readonly to run anyway).", ro.Reason)
		}
	}
	return a, nil
}

// open opens the wiki for a task that only reads, or that writes only
// through the job queue.
func (f *maintFlags) open(ctx context.Context, m *Main) (*app, error) {
	c, err := f.load()
	if err != nil {
		return nil, err
	}
	return m.openApp(ctx, c, true)
}

// everyFewSeconds returns a progress callback that prints format (with the
// count done) to w at most every two seconds.
func everyFewSeconds(w io.Writer, format string) func(int) {
	last := time.Now()
	return func(n int) {
		if time.Since(last) > 2*time.Second {
			fmt.Fprintf(w, format, n)
			last = time.Now()
		}
	}
}

// progress prints a line every n items to w.
type progress struct {
	w     io.Writer
	every int
	n     int
}

func (p *progress) step(what string) {
	p.n++
	if p.every > 0 && p.n%p.every == 0 {
		fmt.Fprintf(p.w, "… %d done (at %s)\n", p.n, what)
	}
}

// readLines returns the non-empty lines of r, trimmed.
func readLines(r io.Reader) ([]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []string
	for l := range strings.Lines(string(b)) {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}
