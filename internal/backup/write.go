package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// StampFormat names backup folders after the UTC time they started.
const StampFormat = "20060102T150405Z"

// Writer takes backups into a backup root folder.
type Writer struct {
	// Root is the folder that receives one sub-folder per backup.
	Root string
	// FolioVersion is recorded in the manifest.
	FolioVersion string
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Blobs, when set, is the blob store whose files under BlobPrefix are
	// copied after the database (uploads are immutable and content
	// addressed, so every file the snapshot refers to is there).
	Blobs      BlobSource
	BlobPrefix string
	// Progress, when set, receives a line per table written.
	Progress io.Writer
}

// NewWriter returns a Writer into root.
func NewWriter(root, folioVersion string) *Writer {
	return &Writer{Root: root, FolioVersion: folioVersion, Now: time.Now}
}

// Backup exports src into a new folder under w.Root and returns the folder
// and its manifest.
func (w *Writer) Backup(ctx context.Context, src Source) (string, *Manifest, error) {
	m := &Manifest{Format: FormatVersion, FolioVersion: w.FolioVersion, Started: w.Now().UTC()}
	var err error
	if m.Backend, m.BackendVersion, err = src.Backend(ctx); err != nil {
		return "", nil, err
	}
	final := filepath.Join(w.Root, m.Started.Format(StampFormat))
	partial := final + ".partial"
	if _, err := os.Stat(final); err == nil {
		return "", nil, fmt.Errorf("backup %s exists", final)
	}
	if err := os.MkdirAll(filepath.Join(partial, "db"), 0o750); err != nil {
		return "", nil, fmt.Errorf("create backup folder: %w", err)
	}
	if err := w.export(ctx, src, partial, m); err != nil {
		os.RemoveAll(partial)
		return "", nil, err
	}
	if err := w.copyBlobs(ctx, partial, m); err != nil {
		os.RemoveAll(partial)
		return "", nil, err
	}
	m.Finished = w.Now().UTC()
	if err := writeManifest(partial, m); err != nil {
		os.RemoveAll(partial)
		return "", nil, err
	}
	if err := os.Rename(partial, final); err != nil {
		return "", nil, fmt.Errorf("finish backup: %w", err)
	}
	return final, m, syncDir(w.Root)
}

func (w *Writer) export(ctx context.Context, src Source, dir string, m *Manifest) error {
	z := newSummarizer(0)
	err := src.ExportTables(ctx, func(table string, cols []string, next func() ([]any, error)) error {
		tf, err := writeTable(dir, table, cols, next, z.table(table, cols))
		if err != nil {
			return fmt.Errorf("back up %s: %w", table, err)
		}
		m.Tables = append(m.Tables, tf)
		if w.Progress != nil {
			fmt.Fprintf(w.Progress, "backed up %s: %d rows\n", table, tf.Rows)
		}
		return nil
	})
	if err != nil {
		return err
	}
	m.Summary, m.SchemaVersion = z.summary(), z.schema
	return nil
}

func (w *Writer) copyBlobs(ctx context.Context, dir string, m *Manifest) error {
	if w.Blobs == nil {
		return nil
	}
	prev := ""
	if all, err := List(w.Root); err == nil && len(all) > 0 {
		prev = all[len(all)-1]
	}
	set, err := backupBlobs(ctx, w.Blobs, w.BlobPrefix, dir, prev)
	if err != nil {
		return err
	}
	m.Blobs = set
	return nil
}

func writeTable(dir, table string, cols []string, next func() ([]any, error), observe func([]any)) (TableFile, error) {
	tf := TableFile{Name: table, File: "db/" + table + ".jsonl.gz"}
	tw, err := createTable(filepath.Join(dir, tf.File), tableHeader{Table: table, Columns: cols})
	if err != nil {
		return tf, err
	}
	for {
		row, err := next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			tw.close()
			return tf, err
		}
		observe(row)
		if err := tw.write(row); err != nil {
			tw.close()
			return tf, err
		}
	}
	tf.Rows = tw.rows
	tf.Bytes, tf.SHA256, err = tw.close()
	return tf, err
}

func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, ManifestName))
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write manifest: %w", err)
	}
	return f.Close()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
