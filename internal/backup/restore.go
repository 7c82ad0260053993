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
	start := time.Now()
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if v, err := db.SchemaVersion(ctx); err != nil {
		return nil, err
	} else if v != 0 {
		return nil, errors.New("restore: the target database is not empty (it has a schema); restore into a new data directory or database")
	}
	if _, err := db.MigrateTo(ctx, m.SchemaVersion); err != nil {
		return nil, fmt.Errorf("restore: create schema %d: %w", m.SchemaVersion, err)
	}
	r := &Report{Dir: dir, Manifest: m}
	if err := db.ImportTables(ctx, func(put func(string, []string, func() ([]any, error)) error) error {
		return loadTables(dir, m, put, r)
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

func loadTables(dir string, m *Manifest, put func(string, []string, func() ([]any, error)) error, r *Report) error {
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
	}
	return nil
}
