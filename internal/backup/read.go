package backup

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ReadManifest reads the manifest of the backup folder dir.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", dir, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("backup %s has format %d; this Folio reads format %d", dir, m.Format, FormatVersion)
	}
	return &m, nil
}

// List returns the complete backups under root, oldest first.
func List(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasSuffix(e.Name(), ".partial") {
			continue
		}
		if _, err := time.Parse(StampFormat, e.Name()); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), ManifestName)); err == nil {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	slices.Sort(out)
	return out, nil
}

// Resolve returns dir when it is a backup folder, or else the newest
// complete backup in the backup root dir.
func Resolve(dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err == nil {
		return dir, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	all, err := List(dir)
	if err != nil {
		return "", err
	}
	if len(all) == 0 {
		return "", fmt.Errorf("no complete backup in %s", dir)
	}
	return all[len(all)-1], nil
}

// Report is the outcome of Verify or Restore.
type Report struct {
	Dir      string
	Manifest *Manifest
	Tables   int
	Rows     int64
	Duration time.Duration
	// Problems lists every mismatch found; empty means the check passed.
	Problems []string
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Verify reads every file of the backup folder dir, checks sizes,
// checksums and row counts against the manifest, decodes every row and
// recomputes the content summary, without touching any database.
func Verify(dir string) (*Report, error) {
	start := time.Now()
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	r := &Report{Dir: dir, Manifest: m}
	z := newSummarizer(0)
	for _, tf := range m.Tables {
		if err := readAll(dir, tf, z); err != nil {
			r.Problems = append(r.Problems, err.Error())
			continue
		}
		r.Tables++
		r.Rows += tf.Rows
	}
	r.Problems = append(r.Problems, Compare(m.Summary, z.summary())...)
	if m.Blobs != nil {
		r.Problems = append(r.Problems, verifyBlobs(dir, m.Blobs)...)
	}
	r.Duration = time.Since(start)
	return r, nil
}

func readAll(dir string, tf TableFile, z *summarizer) error {
	tr, err := openTable(dir, tf)
	if err != nil {
		return err
	}
	defer tr.close()
	obs := z.table(tf.Name, tr.header.Columns)
	for {
		row, err := tr.next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		obs(row)
	}
}
