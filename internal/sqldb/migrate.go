package sqldb

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change, read from NNNN_name.sql.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the migrations in fsys (its *.sql files at the top level
// or under migrations/), ordered by version.
func Migrations(fsys fs.FS) ([]Migration, error) {
	dir := "."
	if fi, err := fs.Stat(fsys, "migrations"); err == nil && fi.IsDir() {
		dir = "migrations"
	}
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var out []Migration
	for _, name := range names {
		m, err := readMigration(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migration %d is defined twice", out[i].Version)
		}
	}
	return out, nil
}

func readMigration(fsys fs.FS, name string) (Migration, error) {
	base := strings.TrimSuffix(path.Base(name), ".sql")
	num, label, ok := strings.Cut(base, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil || len(num) != 4 {
		return Migration{}, fmt.Errorf("migration %s: name must be NNNN_what.sql", name)
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Migration{}, fmt.Errorf("read migration %s: %w", name, err)
	}
	return Migration{Version: v, Name: label, SQL: string(b)}, nil
}

// Migrate applies the migrations not yet recorded in schema_migrations, each
// in its own transaction, and returns how many ran.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := Migrations(db.Migrations)
	if err != nil {
		return 0, err
	}
	if _, err := db.Write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER NOT NULL PRIMARY KEY,
		name VARCHAR(255) NOT NULL,
		applied_at VARCHAR(14) NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	n := 0
	for _, m := range ms {
		ran, err := db.migrate(ctx, m)
		if err != nil {
			return n, err
		}
		if ran {
			n++
		}
	}
	return n, nil
}

// migrate applies m unless it is recorded already.
func (db *DB) migrate(ctx context.Context, m Migration) (bool, error) {
	ran := false
	err := db.write(ctx, func(tx *Tx) error {
		var count int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`,
			m.Version).Scan(&count); err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		if count > 0 {
			return nil
		}
		for _, stmt := range SplitStatements(m.SQL) {
			if _, err := tx.tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
		}
		ran = true
		_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at)
			VALUES (?, ?, ?)`, m.Version, m.Name, ts(tx.Now))
		return err
	})
	return ran, err
}

// SplitStatements splits a migration into statements. A statement ends with
// a semicolon at the end of a line; lines starting with -- are comments.
func SplitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(src) {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(trimmed, ";") {
			if s := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); s != "" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
