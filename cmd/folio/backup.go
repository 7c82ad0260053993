package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// BackupCommand takes and checks backups: "backup --to DIR" and
// "backup verify DIR".
type BackupCommand struct{ m *Main }

const backupUsage = `Usage:
	folio backup --to DIR [--keep N] [flags]
	folio backup --continuous --to DIR [--interval 1s] [flags]
	folio backup verify DIR

backup writes a consistent, compressed snapshot of the database into a new
folder DIR/<UTC time> while the wiki keeps serving, with a manifest of
versions, checksums and counts. --continuous (embedded SQLite only) ships
every committed change into the replica folder DIR each interval until
stopped, for restore --at TIME. verify checks a backup folder (or the newest
one in DIR) without restoring it.`

// Run dispatches to backup or backup verify.
func (cmd *BackupCommand) Run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "verify" {
		return cmd.verify(args[1:])
	}
	fs := flag.NewFlagSet("folio backup", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	to := fs.String("to", "", "backup root folder; each backup is a new sub-folder")
	keep := fs.Int("keep", 0, "after the backup, remove older backups beyond the newest N (0 keeps all)")
	keepAge := fs.Duration("keep-min-age", 30*24*time.Hour, "never prune backups younger than this")
	files := fs.String("files", "", "folder of the local blob store whose uploads (orig/…) are backed up too")
	continuous := fs.Bool("continuous", false, "replicate the SQLite WAL continuously into DIR until stopped")
	interval := fs.Duration("interval", time.Second, "with --continuous: how often changes are shipped")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, backupUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		fs.Usage()
		return &usageError{"backup: --to DIR is required"}
	}
	c, err := load()
	if err != nil {
		return err
	}
	if *continuous {
		return cmd.replicate(ctx, &c, *to, *interval)
	}
	db, err := openSQL(&c)
	if err != nil {
		return err
	}
	defer db.Close()
	w := backup.NewWriter(*to, Version)
	w.Progress = cmd.m.Stderr
	if *files != "" {
		w.Blobs, w.BlobPrefix = localfs.NewBlobStore(*files), "orig/"
	}
	dir, man, err := w.Backup(ctx, db)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if b := man.Blobs; b != nil {
		fmt.Fprintf(cmd.m.Stdout, "Files: %d (%s), %d unchanged since the previous backup and hard-linked.\n", b.Count, byteSize(b.Bytes), b.Linked)
	}
	fmt.Fprintf(cmd.m.Stdout, "Backed up %s %s (schema %d) to %s in %s: %d pages, %d revisions, %d rows, %s compressed.\n",
		man.Backend, man.BackendVersion, man.SchemaVersion, dir, man.Finished.Sub(man.Started).Round(time.Millisecond),
		man.Pages, man.Revisions, man.Rows(), byteSize(man.Size()))
	if *keep > 0 {
		removed, err := backup.Prune(*to, *keep, *keepAge, time.Now())
		for _, r := range removed {
			fmt.Fprintf(cmd.m.Stdout, "Removed old backup %s.\n", r)
		}
		return err
	}
	return nil
}

// replicate runs the continuous SQLite replicator until ctx ends (SIGTERM).
func (cmd *BackupCommand) replicate(ctx context.Context, c *Config, dir string, interval time.Duration) error {
	if c.DB != "" {
		return errors.New("backup --continuous: only the embedded SQLite database replicates this way; use WAL archiving (PostgreSQL) or binlogs (MariaDB), see docs/operations.md")
	}
	db, err := openSQL(c)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	r := sqlite.NewReplicator(c.SQLitePath(), dir)
	r.Interval = interval
	r.Logger = c.Logger(cmd.m.Stderr)
	fmt.Fprintf(cmd.m.Stdout, "Replicating %s to %s every %s; stop with SIGTERM.\n", c.SQLitePath(), dir, interval)
	if err := r.Run(ctx); err != nil {
		return fmt.Errorf("backup --continuous: %w", err)
	}
	return nil
}

func (cmd *BackupCommand) verify(args []string) error {
	fs := flag.NewFlagSet("folio backup verify", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, backupUsage) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &usageError{"backup verify: one backup folder is required"}
	}
	dir, err := backup.Resolve(fs.Arg(0))
	if err != nil {
		return err
	}
	rep, err := backup.Verify(dir)
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(cmd.m.Stdout, "PROBLEM:", p)
	}
	if !rep.OK() {
		return fmt.Errorf("backup %s is damaged: %d problem(s)", dir, len(rep.Problems))
	}
	fmt.Fprintf(cmd.m.Stdout, "Backup %s is intact: %d tables, %d rows, %d pages, %d revisions checked in %s.\n",
		dir, rep.Tables, rep.Rows, rep.Manifest.Pages, rep.Manifest.Revisions, rep.Duration.Round(time.Millisecond))
	return nil
}

// openSQL opens the configured database as the SQL store that backups and
// maintenance commands work on.
func openSQL(c *Config) (*sqldb.DB, error) {
	store, err := openStore(c)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db, ok := store.(*sqldb.DB)
	if !ok {
		store.Close()
		return nil, errors.New("open database: the backend is not an SQL store")
	}
	return db, nil
}

// byteSize formats n bytes for people.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
