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
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// RestoreCommand restores a backup into an empty data directory or
// database: "restore --from DIR".
type RestoreCommand struct{ m *Main }

const restoreUsage = `Usage: folio restore --from DIR [--at TIME] [flags]

Restores the backup folder DIR, or the newest backup in the backup root DIR,
into the configured database, which must not hold a wiki: a new data
directory, a new PostgreSQL or MariaDB database, or one left by an
interrupted restore. Every file's checksum and
row count is checked before the restore commits, and the restored database
is compared with the manifest.

When DIR is a continuous replica (folio backup --continuous), the SQLite
database is rebuilt as of --at (RFC 3339, e.g. 2026-11-23T10:00:00Z), or
to the latest shipped state without it.`

// Run restores the backup and prints a report.
func (cmd *RestoreCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio restore", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	from := fs.String("from", "", "backup folder, backup root, continuous replica, or s3://KEY:SECRET@host/bucket/prefix")
	files := fs.String("files", "", "folder of an empty local blob store that receives the backed-up uploads")
	at := fs.String("at", "", "with a continuous replica: restore the state at this RFC 3339 time")
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
	if isRemote(*from) {
		remote, err := openRemote(ctx, *from)
		if err != nil {
			return err
		}
		if ok, err := isRemoteReplica(ctx, remote); err != nil {
			return err
		} else if ok {
			if err := checkEmptySQLite(&c); err != nil {
				return err
			}
			dir, cleanup, err := fetchRemoteReplica(ctx, remote, func(f string, a ...any) { fmt.Fprintf(cmd.m.Stderr, f, a...) })
			if err != nil {
				return err
			}
			defer cleanup()
			return cmd.restoreReplica(ctx, &c, dir, *at)
		}
	}
	if sqlite.IsReplica(*from) {
		if err := checkEmptySQLite(&c); err != nil {
			return err
		}
		return cmd.restoreReplica(ctx, &c, *from, *at)
	} else if *at != "" {
		return &usageError{"restore: --at needs a continuous replica (folio backup --continuous)"}
	}
	dir, cleanup, err := cmd.resolve(ctx, *from)
	if err != nil {
		return err
	}
	defer cleanup()
	db, err := openSQL(&c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := backup.RestoreProgress(ctx, dir, db, cmd.m.Stderr)
	if err != nil {
		return err
	}
	if err := cmd.report(rep); err != nil || *files == "" {
		return err
	}
	return cmd.restoreFiles(ctx, dir, *files)
}

// resolve finds the backup folder to restore: a local folder or root, or
// the newest backup in an S3 bucket, downloaded into a temporary folder
// that cleanup removes.
func (cmd *RestoreCommand) resolve(ctx context.Context, from string) (string, func(), error) {
	if !isRemote(from) {
		dir, err := backup.Resolve(from)
		return dir, func() {}, err
	}
	remote, err := openRemote(ctx, from)
	if err != nil {
		return "", nil, err
	}
	name, err := backup.LatestRemote(ctx, remote)
	if err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp("", "folio-restore-")
	if err != nil {
		return "", nil, err
	}
	fmt.Fprintf(cmd.m.Stderr, "downloading backup %s from %s\n", name, redactURL(from))
	dir, err := backup.Download(ctx, remote, name, tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(tmp) }, nil
}

// restoreFiles puts the backed-up uploads into the local blob store at dir.
func (cmd *RestoreCommand) restoreFiles(ctx context.Context, backupDir, dir string) error {
	bs := localfs.NewBlobStore(dir)
	if err := bs.Open(); err != nil {
		return err
	}
	n, d, err := backup.RestoreBlobs(ctx, backupDir, bs)
	if err != nil {
		return fmt.Errorf("restore files: %w", err)
	}
	fmt.Fprintf(cmd.m.Stdout, "Restored %d files in %s; every size and SHA-256 matches.\n", n, d.Round(time.Millisecond))
	return nil
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

// restoreReplica rebuilds the SQLite database from a continuous replica
// and reports what it holds.
func (cmd *RestoreCommand) restoreReplica(ctx context.Context, c *Config, dir, at string) error {
	var t time.Time
	if at != "" {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return &usageError{fmt.Sprintf("restore: --at %q is not an RFC 3339 time", at)}
		}
	}
	if c.DB != "" {
		return errors.New("restore: a continuous replica restores into the embedded SQLite database only")
	}
	start := time.Now()
	if err := os.MkdirAll(c.Data, 0o750); err != nil {
		return err
	}
	res, err := sqlite.RestoreReplica(dir, c.SQLitePath(), t)
	if err != nil {
		return err
	}
	db, err := openSQL(c)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := backup.Summarize(ctx, db, 0)
	if err != nil {
		return fmt.Errorf("restore: the restored database does not read back: %w", err)
	}
	fmt.Fprintf(cmd.m.Stdout, "Restored generation %s (%d segments, %d frames) up to %s in %s: %d pages, %d revisions.\n",
		res.Generation, res.Segments, res.Frames, res.Until.Format(time.RFC3339Nano), time.Since(start).Round(time.Millisecond),
		sum.Pages, sum.Revisions)
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
