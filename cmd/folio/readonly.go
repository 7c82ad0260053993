package main

import (
	"context"
	"flag"
	"fmt"
	"os/user"
	"time"

	"github.com/folio-wiki/folio"
)

// ReadOnlyCommand switches the wiki-wide read-only mode kept in the
// database: "readonly on --reason R", "readonly off", "readonly status".
type ReadOnlyCommand struct{ m *Main }

const readOnlyUsage = `Usage:
	folio readonly on --reason "…" [flags]
	folio readonly off [flags]
	folio readonly status [flags]

Read-only mode is stored in the database, so it takes effect on every web
head within a second: edits, uploads, account changes and API writes are
refused with the reason, and reads keep working.`

// Run switches or shows read-only mode.
func (cmd *ReadOnlyCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "on" && args[0] != "off" && args[0] != "status") {
		fmt.Fprintln(cmd.m.Stderr, readOnlyUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return &usageError{"readonly: expected on, off or status"}
	}
	fs := flag.NewFlagSet("folio readonly "+args[0], flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	reason := fs.String("reason", "", "why the wiki is read-only; shown to every visitor (required for on)")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, readOnlyUsage); fs.PrintDefaults() }
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if args[0] == "on" && *reason == "" {
		fs.Usage()
		return &usageError{"readonly on: --reason is required"}
	}
	c, err := load()
	if err != nil {
		return err
	}
	db, err := openSQL(&c)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	switch args[0] {
	case "on":
		err = db.SetReadOnly(ctx, folio.ReadOnly{On: true, Reason: *reason, Actor: operator()})
	case "off":
		err = db.SetReadOnly(ctx, folio.ReadOnly{})
	}
	if err != nil {
		return err
	}
	return cmd.status(ctx, db, c.ReadOnly)
}

func (cmd *ReadOnlyCommand) status(ctx context.Context, db folio.ReadOnlyStore, static string) error {
	ro, err := db.FindReadOnly(ctx)
	if err != nil {
		return err
	}
	switch {
	case ro.On:
		fmt.Fprintf(cmd.m.Stdout, "The wiki is read-only since %s (set by %s): %s\n",
			ro.Since.Format(time.RFC3339), ro.Actor, ro.Reason)
	default:
		fmt.Fprintln(cmd.m.Stdout, "The wiki accepts writes (read-only mode is off in the database).")
	}
	if static != "" {
		fmt.Fprintf(cmd.m.Stdout, "The configuration also sets read_only: %s\n", static)
	}
	return nil
}

// operator names who runs a maintenance command, for logs and the
// read-only notice.
func operator() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "maintenance (" + u.Username + ")"
	}
	return "maintenance"
}
