// Package postgres is Folio's PostgreSQL backend: a folio.Store over
// PostgreSQL through pgx's database/sql driver.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
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

// MaxConns bounds the connection pool.
const MaxConns = 32

// Open connects to the PostgreSQL database named by a postgres:// URL (or
// any connection string pgx accepts). It does not apply migrations; call
// Migrate.
func Open(dsn string) (*sqldb.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(MaxConns)
	db.SetMaxIdleConns(MaxConns / 2)
	if err := db.PingContext(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return sqldb.New(db, db, Dialect{}, Migrations), nil
}

// Dialect is PostgreSQL's sqldb.Dialect.
type Dialect struct{}

var _ sqldb.Dialect = Dialect{}

// Name returns "PostgreSQL".
func (Dialect) Name() string { return "PostgreSQL" }

// Rebind numbers the ? placeholders as $1, $2… Queries never contain a
// literal question mark.
func (Dialect) Rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// InsertIgnore returns an INSERT … ON CONFLICT DO NOTHING statement.
func (d Dialect) InsertIgnore(table, cols string) string {
	n := len(strings.Split(cols, ","))
	return "INSERT INTO " + table + " (" + cols + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ") ON CONFLICT DO NOTHING"
}

// InsertID runs query with RETURNING idCol.
func (Dialect) InsertID(ctx context.Context, tx *sql.Tx, query, idCol string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, query+" RETURNING "+idCol, args...).Scan(&id)
	return id, err
}

// Classify maps SQLSTATE codes to error kinds.
func (Dialect) Classify(err error) sqldb.ErrorKind {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return sqldb.ErrOther
	}
	switch e.Code {
	case "23505": // unique_violation
		return sqldb.ErrUnique
	case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
		return sqldb.ErrRetry
	case "25006": // read_only_sql_transaction
		return sqldb.ErrReadOnly
	}
	return sqldb.ErrOther
}

// VersionQuery selects the server version.
func (Dialect) VersionQuery() string { return "SHOW server_version" }

// SkipLocked lets concurrent job workers (several web heads) claim
// different jobs without waiting on each other's row locks.
func (Dialect) SkipLocked() string { return "FOR UPDATE SKIP LOCKED" }
