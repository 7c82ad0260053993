package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/s3"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// BackupCommand takes and checks backups: "backup --to DIR" and
// "backup verify DIR".
type BackupCommand struct{ m *Main }

const backupUsage = `Usage:
	folio backup --to DIR|s3://KEY:SECRET@host/bucket/prefix [--keep N] [--files DIR] [flags]
	folio backup --continuous --to DIR [--interval 1s] [flags]
	folio backup verify DIR

backup writes a consistent, compressed snapshot of the database into a new
folder DIR/<UTC time> while the wiki keeps serving, with a manifest of
versions, checksums and counts. --continuous (embedded SQLite only) ships
every committed change into the replica folder DIR each interval until
stopped, for restore --at TIME. verify checks a backup folder (or the newest
one in DIR) without restoring it.`

// backupOptions are the flags of "folio backup".
type backupOptions struct {
	to, files  string
	keep       int
	keepAge    time.Duration
	continuous bool
	interval   time.Duration
}

// Run dispatches to backup or backup verify.
func (cmd *BackupCommand) Run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "verify" {
		return cmd.verify(args[1:])
	}
	o, load, err := cmd.parse(args)
	if err != nil {
		return err
	}
	c, err := load()
	if err != nil {
		return err
	}
	if o.continuous {
		return cmd.replicate(ctx, &c, o.to, o.interval)
	}
	return cmd.snapshot(ctx, &c, o)
}

func (cmd *BackupCommand) parse(args []string) (*backupOptions, func() (Config, error), error) {
	fs := flag.NewFlagSet("folio backup", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	o := &backupOptions{}
	fs.StringVar(&o.to, "to", "", "backup root folder (each backup is a new sub-folder), or s3://KEY:SECRET@host/bucket/prefix")
	fs.IntVar(&o.keep, "keep", 0, "after the backup, remove older local backups beyond the newest N (0 keeps all)")
	fs.DurationVar(&o.keepAge, "keep-min-age", 30*24*time.Hour, "never prune backups younger than this")
	fs.StringVar(&o.files, "files", "", "folder of the local blob store whose uploads (orig/…) are backed up too")
	fs.BoolVar(&o.continuous, "continuous", false, "replicate the SQLite WAL continuously into DIR until stopped")
	fs.DurationVar(&o.interval, "interval", time.Second, "with --continuous: how often changes are shipped")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, backupUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if o.to == "" {
		fs.Usage()
		return nil, nil, &usageError{"backup: --to DIR is required"}
	}
	return o, load, nil
}

// snapshot takes one backup into a local root, or into a temporary folder
// that is then uploaded to S3.
func (cmd *BackupCommand) snapshot(ctx context.Context, c *Config, o *backupOptions) error {
	db, err := openSQL(c)
	if err != nil {
		return err
	}
	defer db.Close()
	root, remote, cleanup, err := backupRoot(ctx, o.to)
	if err != nil {
		return err
	}
	defer cleanup()
	w := backup.NewWriter(root, Version)
	w.Progress = cmd.m.Stderr
	if o.files != "" {
		w.Blobs, w.BlobPrefix = localfs.NewBlobStore(o.files), "orig/"
	}
	dir, man, err := w.Backup(ctx, db)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	cmd.printBackup(dir, man)
	if remote != nil {
		n, err := backup.Upload(ctx, dir, remote)
		fmt.Fprintf(cmd.m.Stdout, "Uploaded %d objects to %s.\n", n, redactURL(o.to))
		return err
	}
	if o.keep > 0 {
		removed, err := backup.Prune(o.to, o.keep, o.keepAge, time.Now())
		for _, r := range removed {
			fmt.Fprintf(cmd.m.Stdout, "Removed old backup %s.\n", r)
		}
		return err
	}
	return nil
}

func (cmd *BackupCommand) printBackup(dir string, man *backup.Manifest) {
	if b := man.Blobs; b != nil {
		fmt.Fprintf(cmd.m.Stdout, "Files: %d (%s), %d unchanged since the previous backup and hard-linked.\n", b.Count, byteSize(b.Bytes), b.Linked)
	}
	fmt.Fprintf(cmd.m.Stdout, "Backed up %s %s (schema %d) to %s in %s: %d pages, %d revisions, %d rows, %s compressed.\n",
		man.Backend, man.BackendVersion, man.SchemaVersion, dir, man.Finished.Sub(man.Started).Round(time.Millisecond),
		man.Pages, man.Revisions, man.Rows(), byteSize(man.Size()))
}

// isRemote reports whether a backup location is an S3 URL.
func isRemote(loc string) bool {
	return strings.HasPrefix(loc, "s3://") || strings.HasPrefix(loc, "s3+http://")
}

// openRemote connects to the S3 bucket and prefix of an s3:// URL.
func openRemote(ctx context.Context, loc string) (*s3.BlobStore, error) {
	remote, err := s3.ParseURL(loc)
	if err != nil {
		return nil, err
	}
	if err := remote.Open(ctx); err != nil {
		return nil, fmt.Errorf("open %s: %w", redactURL(loc), err)
	}
	return remote, nil
}

// backupRoot returns the local folder backups are written to: loc itself,
// or for an S3 URL a temporary folder (removed by cleanup) and the bucket.
func backupRoot(ctx context.Context, loc string) (string, *s3.BlobStore, func(), error) {
	if !isRemote(loc) {
		return loc, nil, func() {}, nil
	}
	remote, err := openRemote(ctx, loc)
	if err != nil {
		return "", nil, nil, err
	}
	tmp, err := os.MkdirTemp("", "folio-backup-")
	if err != nil {
		return "", nil, nil, err
	}
	return tmp, remote, func() { os.RemoveAll(tmp) }, nil
}

// redactURL hides the credentials of a URL for messages.
func redactURL(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return "the remote store"
	}
	return u.Redacted()
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
	logger := c.Logger(cmd.m.Stderr)
	local := dir
	var mirrored chan error
	if isRemote(dir) {
		remote, err := openRemote(ctx, dir)
		if err != nil {
			return err
		}
		local = replicaStaging(c)
		mctx, stopMirror := context.WithCancel(context.Background())
		defer stopMirror()
		mirrored = make(chan error, 1)
		go func() { mirrored <- mirrorReplica(mctx, local, remote, interval, logger) }()
		defer func() {
			stopMirror()
			if err := <-mirrored; err != nil {
				logger.Error("replica mirror", "err", err)
			}
		}()
	}
	r := sqlite.NewReplicator(c.SQLitePath(), local)
	r.Interval = interval
	r.Logger = logger
	fmt.Fprintf(cmd.m.Stdout, "Replicating %s to %s every %s; stop with SIGTERM.\n", c.SQLitePath(), redactURL(dir), interval)
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
