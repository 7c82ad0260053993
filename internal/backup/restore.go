package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Restore loads the backup folder dir into db, which must be empty: it
// applies the migrations up to the backup's schema, loads every table in
// one transaction (checking each file's checksum and row count before it
// commits), applies the newer migrations, and compares the restored
// database with the manifest.
func Restore(ctx context.Context, dir string, db Target) (*Report, error) {
	return RestoreProgress(ctx, dir, db, nil)
}

// RestoreProgress is Restore that prints a line to progress (when not nil)
// as each table is loaded.
func RestoreProgress(ctx context.Context, dir string, db Target, progress io.Writer) (*Report, error) {
	start := time.Now()
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, db, m); err != nil {
		return nil, err
	}
	if _, err := db.MigrateTo(ctx, m.SchemaVersion); err != nil {
		return nil, fmt.Errorf("restore: create schema %d: %w", m.SchemaVersion, err)
	}
	r := &Report{Dir: dir, Manifest: m}
	if err := db.ImportTables(ctx, func(put func(string, []string, func() ([]any, error)) error) error {
		return loadTables(dir, m, put, r, progress)
	}); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("restore: migrate: %w", err)
	}
	got, err := Summarize(ctx, db, 0)
	if err != nil {
		return nil, err
	}
	r.Problems = Compare(m.Summary, got)
	r.Duration = time.Since(start)
	return r, nil
}

// checkEmpty accepts a target without a schema, or with a schema no newer
// than the backup's and no pages, revisions or users (a restore that was
// interrupted, or a database made with folio migrate).
func checkEmpty(ctx context.Context, db Target, m *Manifest) error {
	v, err := db.SchemaVersion(ctx)
	if err != nil || v == 0 {
		return err
	}
	if v > m.SchemaVersion {
		return fmt.Errorf("restore: the target has schema %d, newer than the backup's %d; restore into a new data directory or database", v, m.SchemaVersion)
	}
	s, err := Summarize(ctx, db, 0)
	if err != nil {
		return err
	}
	if s.Pages > 0 || s.Revisions > 0 || s.Users > 0 {
		return errors.New("restore: the target database holds a wiki; restore into a new data directory or database")
	}
	return nil
}

func loadTables(dir string, m *Manifest, put func(string, []string, func() ([]any, error)) error, r *Report, progress io.Writer) error {
	for _, tf := range m.Tables {
		tr, err := openTable(dir, tf)
		if err != nil {
			return err
		}
		err = put(tf.Name, tr.header.Columns, tr.next)
		tr.close()
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		r.Tables++
		r.Rows += tr.rows
		if progress != nil {
			fmt.Fprintf(progress, "restored %s: %d rows\n", tf.Name, tr.rows)
		}
	}
	return nil
}
