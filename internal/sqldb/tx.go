package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// Tx is a transaction. Now is read once when it begins, so every row a
// transaction writes carries the same timestamp.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	Now time.Time
}

// write runs fn in a write transaction, retrying when the database reports
// a deadlock, a serialization failure or a busy lock.
func (db *DB) write(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.Write, fn)
}

// read runs fn in a transaction on the read handle, so that its queries see
// one consistent state.
func (db *DB) read(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.Read, fn)
}

func (db *DB) run(ctx context.Context, h *sql.DB, fn func(*Tx) error) error {
	attempts := max(db.MaxAttempts, 1)
	var err error
	for i := range attempts {
		if i > 0 {
			db.retries.Add(1)
			if werr := backoff(ctx, i); werr != nil {
				return fmt.Errorf("%w (while retrying: %w)", werr, err)
			}
		}
		err = db.attempt(ctx, h, fn)
		if err == nil || db.Dialect.Classify(err) != ErrRetry {
			return db.mapError(err)
		}
	}
	return fmt.Errorf("%w (after %d attempts): %w",
		folio.Errorf(folio.EBusy, "The database is busy; try again later."), attempts, err)
}

func (db *DB) attempt(ctx context.Context, h *sql.DB, fn func(*Tx) error) error {
	stx, err := h.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{tx: stx, db: db, Now: db.Now().UTC().Truncate(time.Second)}
	if err := fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// mapError turns a read-only refusal into folio.EReadOnly.
func (db *DB) mapError(err error) error {
	if err != nil && db.Dialect.Classify(err) == ErrReadOnly {
		return fmt.Errorf("%w: %w", folio.Errorf(folio.EReadOnly, "The database is read-only."), err)
	}
	return err
}

// backoff sleeps before attempt i, with jitter, or returns ctx's error.
func backoff(ctx context.Context, i int) error {
	d := time.Duration(1<<min(i, 6)) * 5 * time.Millisecond
	d += rand.N(d)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

// insertID runs an INSERT and returns the generated value of idCol.
func (tx *Tx) insertID(ctx context.Context, query, idCol string, args ...any) (int64, error) {
	return tx.db.Dialect.InsertID(ctx, tx.tx, tx.db.Dialect.Rebind(query), idCol, args...)
}

// isUnique reports whether err is a unique-key violation.
func (tx *Tx) isUnique(err error) bool {
	return err != nil && tx.db.Dialect.Classify(err) == ErrUnique
}

// insertRows inserts rows into table in batches; cols is comma separated.
func (tx *Tx) insertRows(ctx context.Context, table, cols string, rows [][]any) error {
	const batch = 100
	n := len(strings.Split(cols, ","))
	one := "(" + placeholders(n) + ")"
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		vals := make([]string, 0, end-start)
		args := make([]any, 0, (end-start)*n)
		for _, r := range rows[start:end] {
			vals = append(vals, one)
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.Join(vals, ", ")
		if _, err := tx.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// timestampLayout is MediaWiki's TS_MW format.
const timestampLayout = "20060102150405"

// ts formats t as a 14-character MediaWiki timestamp in UTC.
func ts(t time.Time) string {
	return t.UTC().Format(timestampLayout)
}

// parseTS parses a MediaWiki timestamp; "" and "infinity" give the zero time.
func parseTS(s string) (time.Time, error) {
	if s == "" || s == "infinity" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timestampLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse timestamp %q: %w", s, err)
	}
	return t, nil
}

// expiry formats a protection or group expiry: zero is "infinity".
func expiry(t time.Time) string {
	if t.IsZero() {
		return "infinity"
	}
	return ts(t)
}

// b2i stores a bool as 0 or 1, the portable boolean.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// limit returns n, or def when n is not positive, capped at 5000.
func limit(n, def int) int {
	if n <= 0 {
		return def
	}
	return min(n, 5000)
}

// notFound reports whether err is sql.ErrNoRows.
func notFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// where joins conditions with AND, or returns "" for none.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// errNoRows is returned by single-row helpers that found nothing.
var errNoRows = sql.ErrNoRows

// joinComma joins SQL fragments with commas.
func joinComma(parts []string) string { return strings.Join(parts, ", ") }
