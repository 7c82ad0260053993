package sqlite

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"
)

// Replicator ships a live SQLite database continuously into a replica
// folder, for point-in-time restores (RestoreReplica): a base copy of the
// database file per generation, then every committed WAL frame, in
// segments written every Interval.
//
// Frames are safe to copy because the replicator always holds a read
// transaction: SQLite cannot restart the WAL (overwrite it from the start)
// while a reader uses it, and the replicator takes each new read
// transaction before it reads the WAL and releases the old one after. When
// the WAL grows past CheckpointBytes the replicator checkpoints it itself.
//
// Layout: DIR/<generation>/base.db.gz, base.json and wal/<seq>-<time>.wal.gz,
// where a generation is named after the UTC time it started.
type Replicator struct {
	Path string // the database file
	Dir  string // the replica folder
	// Interval is how often new frames are shipped (default 1s): the most a
	// lost machine loses.
	Interval time.Duration
	// SnapshotInterval starts a new generation with a fresh base copy
	// (default 24h: nightly snapshots).
	SnapshotInterval time.Duration
	// Retention keeps the WAL segments of older generations this long
	// (default 72h) and SnapshotRetention their base copies (default 30
	// days).
	Retention         time.Duration
	SnapshotRetention time.Duration
	// CheckpointBytes is the WAL size above which the replicator runs a
	// RESTART checkpoint (default 16 MiB).
	CheckpointBytes int64
	Logger          *slog.Logger
	Now             func() time.Time

	db   *sql.DB
	pin  *sql.Tx
	gen  *generation
	last atomic.Int64 // when the last shipment succeeded, Unix nanoseconds
}

// generation is the replica being written.
type generation struct {
	dir     string
	started time.Time
	scan    *walScan // nil until the WAL has a header
	seq     int
}

// baseInfo is a generation's base.json.
type baseInfo struct {
	Started  time.Time `json:"started"`
	PageSize uint32    `json:"page_size,omitempty"`
}

// NewReplicator returns a Replicator of the database at path into dir with
// the default intervals.
func NewReplicator(path, dir string) *Replicator {
	return &Replicator{Path: path, Dir: dir, Interval: time.Second, SnapshotInterval: 24 * time.Hour,
		Retention: 72 * time.Hour, SnapshotRetention: 30 * 24 * time.Hour, CheckpointBytes: 16 << 20,
		Logger: slog.Default(), Now: time.Now}
}

// LastShipped returns when frames were last shipped successfully.
// It is safe to call from any goroutine (metrics).
func (r *Replicator) LastShipped() time.Time {
	if n := r.last.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Open connects to the database and starts a new generation, so that
// nothing that happened while no replicator ran can be missed.
func (r *Replicator) Open(ctx context.Context) error {
	db, err := sql.Open("sqlite", dsn(r.Path, false))
	if err != nil {
		return fmt.Errorf("replicate %s: %w", r.Path, err)
	}
	db.SetMaxOpenConns(3)
	r.db = db
	if err := r.newGeneration(ctx); err != nil {
		r.Close()
		return err
	}
	return nil
}

// Close ships the last frames and lets go of the database.
func (r *Replicator) Close() error {
	var err error
	if r.gen != nil {
		err = r.ship(context.Background())
	}
	r.unpin()
	if cerr := r.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Run replicates every Interval until ctx ends.
func (r *Replicator) Run(ctx context.Context) error {
	if err := r.Open(ctx); err != nil {
		return err
	}
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return r.Close()
		case <-t.C:
			if err := r.Sync(ctx); err != nil && ctx.Err() == nil {
				r.Logger.Error("replicate", "path", r.Path, "err", err)
			}
		}
	}
}

// Sync ships the frames committed since the last call, then checkpoints
// and rotates generations when due.
func (r *Replicator) Sync(ctx context.Context) error {
	if err := r.ship(ctx); err != nil {
		return err
	}
	r.last.Store(r.Now().UnixNano())
	if r.Now().Sub(r.gen.started) >= r.SnapshotInterval {
		if err := r.newGeneration(ctx); err != nil {
			return err
		}
		return r.prune()
	}
	if fi, err := os.Stat(r.Path + "-wal"); err == nil && fi.Size() > r.CheckpointBytes {
		return r.checkpoint(ctx)
	}
	return nil
}

// repin begins a read transaction that holds the WAL and returns the
// function that ends the previous one: callers read the WAL in between, so
// that some read transaction holds it at every moment.
func (r *Replicator) repin(ctx context.Context) (func(), error) {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master`).Scan(&n); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("begin read: %w", err)
	}
	old := r.pin
	r.pin = tx
	return func() {
		if old != nil {
			old.Rollback()
		}
	}, nil
}

func (r *Replicator) unpin() {
	if r.pin != nil {
		r.pin.Rollback()
		r.pin = nil
	}
}

// checkpoint ships what is left, lets go of the WAL and runs a RESTART
// checkpoint, so that writers start the WAL again from its beginning. The
// frames committed between the last read and the checkpoint stay in the
// file under the old salt, and the next ship drains them first.
func (r *Replicator) checkpoint(ctx context.Context) error {
	if err := r.ship(ctx); err != nil {
		return err
	}
	r.unpin()
	if _, err := r.db.ExecContext(ctx, `PRAGMA wal_checkpoint(RESTART)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	_, err := r.repin(ctx)
	return err
}

// newGeneration copies the database file as the base of a new generation
// while a read transaction holds the WAL; the frames shipped next, from
// the WAL's first frame, repair any page a checkpoint changed during the
// copy.
func (r *Replicator) newGeneration(ctx context.Context) error {
	release, err := r.repin(ctx)
	if err != nil {
		return err
	}
	defer release()
	now := r.Now().UTC()
	info := baseInfo{Started: now}
	g := &generation{dir: filepath.Join(r.Dir, now.Format("20060102T150405.000000000Z")), started: now}
	if err := os.MkdirAll(filepath.Join(g.dir, "wal"), 0o750); err != nil {
		return fmt.Errorf("create generation: %w", err)
	}
	h, err := readWALHeader(r.Path + "-wal")
	if err == nil {
		info.PageSize = h.PageSize
		g.scan = newWALScan(h)
	} else if !errors.Is(err, errNoWAL) {
		return err
	}
	if err := copyGzip(r.Path, filepath.Join(g.dir, "base.db.gz")); err != nil {
		return fmt.Errorf("copy base: %w", err)
	}
	b, _ := json.Marshal(info)
	if err := writeFileSync(filepath.Join(g.dir, "base.json"), b); err != nil {
		return err
	}
	r.gen = g
	r.Logger.Info("replica generation started", "dir", g.dir)
	return r.shipPinned()
}

// readWALHeader reads the header of the WAL file at path; errNoWAL when
// the file is missing, empty or not yet written.
func readWALHeader(path string) (walHeader, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return walHeader{}, errNoWAL
	} else if err != nil {
		return walHeader{}, err
	}
	defer f.Close()
	b := make([]byte, walHeaderSize)
	if _, err := io.ReadFull(f, b); err != nil {
		return walHeader{}, errNoWAL
	}
	return parseWALHeader(b)
}

func copyGzip(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestSpeed)
	if _, err := io.Copy(zw, in); err != nil {
		out.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func writeFileSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
