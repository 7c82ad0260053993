package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// DrillCommand rehearses a recovery: "drill --from ROOT".
type DrillCommand struct{ m *Main }

const drillUsage = `Usage: folio drill --from DIR [--scratch DIR] [flags]

Restores the newest backup in the backup root DIR (or the backup folder DIR)
into a scratch SQLite database, checks it against the manifest, checks that
the live wiki (the configured database) still holds the backed-up revisions
unchanged, prints the recovery time and records the result in
DIR/drill.json for the folio_backup_drill_* metrics. It exits non-zero when
anything does not match, so cron can alert on it.`

// Run runs the drill.
func (cmd *DrillCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio drill", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	from := fs.String("from", "", "backup root or backup folder")
	scratch := fs.String("scratch", "", "folder for the scratch database (default: a temporary folder, removed afterwards)")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, drillUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" {
		fs.Usage()
		return &usageError{"drill: --from DIR is required"}
	}
	c, err := load()
	if err != nil {
		return err
	}
	dir, err := backup.Resolve(*from)
	if err != nil {
		return err
	}
	live, err := openSQL(&c)
	if err != nil {
		return err
	}
	defer live.Close()
	work, cleanup, err := scratchDir(*scratch)
	if err != nil {
		return err
	}
	defer cleanup()
	target, err := sqlite.Open(filepath.Join(work, "drill.db"))
	if err != nil {
		return err
	}
	defer target.Close()
	res, err := backup.Drill(ctx, dir, target, live)
	if err != nil {
		return fmt.Errorf("drill: %w", err)
	}
	return cmd.report(res)
}

func (cmd *DrillCommand) report(res *backup.DrillResult) error {
	for _, p := range res.Problems {
		fmt.Fprintln(cmd.m.Stdout, "PROBLEM:", p)
	}
	if !res.OK {
		return fmt.Errorf("drill of %s failed with %d problem(s)", res.Backup, len(res.Problems))
	}
	fmt.Fprintf(cmd.m.Stdout, "Drill passed: restored %s (%s old, %d rows) in %s; the live wiki has %d more pages and %d more revisions since.\n",
		res.Backup, res.BackupAge, res.Rows, res.Recovery.Round(time.Millisecond), res.NewPages, res.NewRevisions)
	return nil
}

// scratchDir returns dir, which must not hold a drill database, or a new
// temporary folder that cleanup removes.
func scratchDir(dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "folio-drill-")
		if err != nil {
			return "", nil, err
		}
		return tmp, func() { os.RemoveAll(tmp) }, nil
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", nil, err
	}
	db := filepath.Join(dir, "drill.db")
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(f)
	}
	return dir, func() {}, nil
}
