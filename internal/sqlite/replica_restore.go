package sqlite

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ReplicaRestore reports what RestoreReplica restored.
type ReplicaRestore struct {
	Generation string
	Segments   int
	Frames     int64
	// Until is when the last applied segment was shipped: the restored
	// database holds every transaction committed before it.
	Until time.Time
}

type replicaGen struct {
	dir     string
	started time.Time
}

// generations lists the generations in dir, oldest first.
func generations(dir string) ([]replicaGen, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read replica: %w", err)
	}
	var out []replicaGen
	for _, e := range entries {
		t, err := time.Parse(segmentTime, e.Name())
		if err != nil || !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "base.json")); err == nil {
			out = append(out, replicaGen{dir: filepath.Join(dir, e.Name()), started: t})
		}
	}
	return out, nil
}

// IsReplica reports whether dir holds a continuous replica.
func IsReplica(dir string) bool {
	gens, err := generations(dir)
	return err == nil && len(gens) > 0
}

// RestoreReplica rebuilds the database as of at (the latest state when at
// is zero) from the replica in dir into the new file out: the base of the
// newest generation started before at, then its WAL segments shipped up to
// at.
func RestoreReplica(dir, out string, at time.Time) (*ReplicaRestore, error) {
	gens, err := generations(dir)
	if err != nil {
		return nil, err
	}
	i := len(gens) - 1
	for !at.IsZero() && i >= 0 && gens[i].started.After(at) {
		i--
	}
	if i < 0 {
		return nil, fmt.Errorf("restore replica: no generation in %s starts before %s", dir, at.Format(time.RFC3339))
	}
	if _, err := os.Stat(out); err == nil {
		return nil, fmt.Errorf("restore replica: %s exists", out)
	}
	g := gens[i]
	res := &ReplicaRestore{Generation: filepath.Base(g.dir), Until: g.started}
	tmp := out + ".restoring"
	if err := gunzipFile(filepath.Join(g.dir, "base.db.gz"), tmp); err != nil {
		return nil, fmt.Errorf("restore base: %w", err)
	}
	if err := applySegments(g.dir, tmp, at, res); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return res, os.Rename(tmp, out)
}

func gunzipFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, zr); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// applySegments writes the pages of the segments shipped up to at into
// the database file path, and truncates it to the size of the last commit.
func applySegments(gen, path string, at time.Time, res *ReplicaRestore) error {
	names, err := filepath.Glob(filepath.Join(gen, "wal", "*.wal.gz"))
	if err != nil {
		return err
	}
	slices.Sort(names)
	db, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer db.Close()
	var pages, pageSize uint32
	for _, name := range names {
		_, stamp, _ := strings.Cut(strings.TrimSuffix(filepath.Base(name), ".wal.gz"), "-")
		t, err := time.Parse(segmentTime, stamp)
		if err != nil || (!at.IsZero() && t.After(at)) {
			break
		}
		n, ps, size, err := applySegment(name, db)
		if err != nil {
			return fmt.Errorf("apply %s: %w", filepath.Base(name), err)
		}
		res.Segments++
		res.Frames += n
		res.Until = t
		pageSize = ps
		if size > 0 {
			pages = size
		}
	}
	if pages > 0 {
		if err := db.Truncate(int64(pages) * int64(pageSize)); err != nil {
			return err
		}
	}
	return db.Sync()
}

// applySegment writes one segment's pages; it returns the frame count,
// page size and the database size of its last commit.
func applySegment(name string, db *os.File) (int64, uint32, uint32, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, 0, 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, 0, 0, err
	}
	hdr := make([]byte, walHeaderSize)
	if _, err := io.ReadFull(zr, hdr); err != nil {
		return 0, 0, 0, err
	}
	ps := binary.BigEndian.Uint32(hdr[8:])
	buf := make([]byte, walFrameHeaderSize+int(ps))
	var n int64
	var size uint32
	for {
		if _, err := io.ReadFull(zr, buf); errors.Is(err, io.EOF) {
			return n, ps, size, nil
		} else if err != nil {
			return n, ps, size, err
		}
		pgno := binary.BigEndian.Uint32(buf[0:])
		if _, err := db.WriteAt(buf[walFrameHeaderSize:], int64(pgno-1)*int64(ps)); err != nil {
			return n, ps, size, err
		}
		if c := binary.BigEndian.Uint32(buf[4:]); c > 0 {
			size = c
		}
		n++
	}
}

// prune removes the WAL segments of generations superseded more than
// Retention ago and whole generations superseded more than
// SnapshotRetention ago.
func (r *Replicator) prune() error {
	gens, err := generations(r.Dir)
	if err != nil {
		return err
	}
	now := r.Now()
	for i := 0; i+1 < len(gens); i++ {
		ended := gens[i+1].started
		switch {
		case now.Sub(ended) > r.SnapshotRetention:
			err = os.RemoveAll(gens[i].dir)
		case now.Sub(ended) > r.Retention:
			err = os.RemoveAll(filepath.Join(gens[i].dir, "wal"))
		}
		if err != nil {
			return fmt.Errorf("prune replica: %w", err)
		}
	}
	return nil
}
