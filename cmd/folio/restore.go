package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
)

// RestoreCommand restores a backup into an empty data directory or
// database: "restore --from DIR".
type RestoreCommand struct{ m *Main }

const restoreUsage = `Usage: folio restore --from DIR [flags]

Restores the backup folder DIR, or the newest backup in the backup root DIR,
into the configured database, which must be empty: a data directory without
folio.db, or a new PostgreSQL or MariaDB database. Every file's checksum and
row count is checked before the restore commits, and the restored database
is compared with the manifest.`

// Run restores the backup and prints a report.
func (cmd *RestoreCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio restore", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	from := fs.String("from", "", "backup folder or backup root")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, restoreUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" {
		fs.Usage()
		return &usageError{"restore: --from DIR is required"}
	}
	c, err := load()
	if err != nil {
		return err
	}
	dir, err := backup.Resolve(*from)
	if err != nil {
		return err
	}
	if err := checkEmptySQLite(&c); err != nil {
		return err
	}
	db, err := openSQL(&c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := backup.Restore(ctx, dir, db)
	if err != nil {
		return err
	}
	return cmd.report(rep)
}

func (cmd *RestoreCommand) report(rep *backup.Report) error {
	m := rep.Manifest
	for _, p := range rep.Problems {
		fmt.Fprintln(cmd.m.Stdout, "PROBLEM:", p)
	}
	if !rep.OK() {
		return fmt.Errorf("restore of %s finished with %d problem(s)", rep.Dir, len(rep.Problems))
	}
	fmt.Fprintf(cmd.m.Stdout, "Restored %s (taken %s from %s, schema %d) in %s: %d tables, %d rows, %d pages, %d revisions; counts and revision checksums match.\n",
		rep.Dir, m.Started.Format(time.RFC3339), m.Backend, m.SchemaVersion, rep.Duration.Round(time.Millisecond),
		rep.Tables, rep.Rows, m.Pages, m.Revisions)
	return nil
}

// checkEmptySQLite refuses to restore over an existing SQLite database.
func checkEmptySQLite(c *Config) error {
	if c.DB != "" {
		return nil
	}
	if _, err := os.Stat(c.SQLitePath()); err == nil {
		return fmt.Errorf("restore: %s exists; restore into an empty data directory", c.SQLitePath())
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
