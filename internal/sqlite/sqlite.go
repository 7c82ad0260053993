// Package sqlite is Folio's embedded default backend: a folio.Store in one
// SQLite file, through the pure-Go modernc.org/sqlite driver.
//
// The database runs in WAL mode with one write connection (every write
// transaction begins IMMEDIATE, so writers queue instead of failing) and a
// separate pool of read connections.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/folio-wiki/folio/internal/sqldb"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations holds this backend's numbered migrations (NNNN_what.sql).
var Migrations fs.FS = mustSub(migrations, "migrations")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// BusyTimeoutMS is how long a connection waits for a lock held by another
// process before SQLITE_BUSY, in milliseconds.
const BusyTimeoutMS = 10000

// Open opens the SQLite database at path, creating the file and its
// directory when missing. It does not apply migrations; call Migrate.
func Open(path string) (*sqldb.DB, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.ContainsAny(path, "?#") {
		return nil, errors.New("open sqlite: a file path without ? or # is required")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// The write connection switches the file to WAL before readers open it.
	if err := write.PingContext(context.Background()); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return sqldb.New(write, read, Dialect{}, Migrations), nil
}

// dsn builds the modernc.org/sqlite connection string for path.
func dsn(path string, write bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if write {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return path + "?" + q.Encode()
}

// Dialect is SQLite's sqldb.Dialect.
type Dialect struct{}

var _ sqldb.Dialect = Dialect{}

// Name returns "SQLite".
func (Dialect) Name() string { return "SQLite" }

// Rebind returns query unchanged: SQLite understands ? placeholders.
func (Dialect) Rebind(query string) string { return query }

// InsertIgnore returns an INSERT OR IGNORE statement.
func (Dialect) InsertIgnore(table, cols string) string {
	n := len(strings.Split(cols, ","))
	return "INSERT OR IGNORE INTO " + table + " (" + cols + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// InsertID runs query and returns the rowid it generated.
func (Dialect) InsertID(ctx context.Context, tx *sql.Tx, query, _ string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Classify maps SQLite result codes to error kinds.
func (Dialect) Classify(err error) sqldb.ErrorKind {
	var e *msqlite.Error
	if !errors.As(err, &e) {
		return sqldb.ErrOther
	}
	switch code := e.Code(); {
	case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqldb.ErrUnique
	case code&0xff == sqlite3.SQLITE_BUSY || code&0xff == sqlite3.SQLITE_LOCKED:
		return sqldb.ErrRetry
	case code&0xff == sqlite3.SQLITE_READONLY:
		return sqldb.ErrReadOnly
	}
	return sqldb.ErrOther
}

// VersionQuery selects sqlite_version().
func (Dialect) VersionQuery() string { return "SELECT sqlite_version()" }
