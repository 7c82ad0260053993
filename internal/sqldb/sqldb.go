// Package sqldb is the database/sql engine behind every SQL backend of Folio.
//
// It implements folio.Store with portable SQL written for MediaWiki's schema
// (page, revision, slots, content, actor, user, recentchanges, logging…). A
// backend package (sqlite, postgres, mysql) opens the driver, supplies a
// Dialect that holds the few things that differ between databases, and
// embeds its numbered migrations.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sync/atomic"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.Store = (*DB)(nil)

// ErrorKind sorts driver errors into the few classes the engine acts on.
type ErrorKind int

// Error kinds returned by Dialect.Classify.
const (
	ErrOther    ErrorKind = iota // anything else: an internal error
	ErrUnique                    // a unique or primary key was violated
	ErrRetry                     // deadlock, serialization failure or busy: retry the transaction
	ErrReadOnly                  // the database refuses writes
)

// Dialect holds what differs between SQL databases. Queries in this package
// are written with ? placeholders and run through Rebind.
type Dialect interface {
	// Name is the backend's name as shown on Special:Version.
	Name() string
	// Rebind rewrites ? placeholders into the driver's syntax.
	Rebind(query string) string
	// InsertIgnore returns an INSERT statement with one placeholder per
	// column of cols (comma separated) that silently skips rows violating a
	// unique key.
	InsertIgnore(table, cols string) string
	// InsertID runs the INSERT statement query (already rebound) and returns
	// the value generated for the column idCol.
	InsertID(ctx context.Context, tx *sql.Tx, query, idCol string, args ...any) (int64, error)
	// Classify sorts an error returned by the driver.
	Classify(err error) ErrorKind
	// VersionQuery is a statement selecting the server version as one string.
	VersionQuery() string
}

// DB is a Folio store over database/sql. Writes go through Write and reads
// through Read; both may be the same handle.
type DB struct {
	Write   *sql.DB
	Read    *sql.DB
	Dialect Dialect
	// Migrations holds the backend's NNNN_name.sql files.
	Migrations fs.FS
	// Now returns the current time; tests replace it. Each transaction
	// reads it once (Tx.Now).
	Now func() time.Time
	// MaxAttempts bounds how often a transaction failing with a retryable
	// error is tried.
	MaxAttempts int

	retries atomic.Int64
}

// New returns a DB over the given handles. read may equal write.
func New(write, read *sql.DB, d Dialect, migrations fs.FS) *DB {
	return &DB{
		Write:       write,
		Read:        read,
		Dialect:     d,
		Migrations:  migrations,
		Now:         time.Now,
		MaxAttempts: 8,
	}
}

// Retries returns how many transactions were retried after a deadlock, a
// serialization failure or a busy database since the DB was opened.
func (db *DB) Retries() int64 { return db.retries.Load() }

// Close closes the database handles.
func (db *DB) Close() error {
	err := db.Write.Close()
	if db.Read != nil && db.Read != db.Write {
		if rerr := db.Read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Backend names the database and its server version.
func (db *DB) Backend(ctx context.Context) (name, version string, err error) {
	if err := db.Read.QueryRowContext(ctx, db.Dialect.VersionQuery()).Scan(&version); err != nil {
		return "", "", fmt.Errorf("query server version: %w", err)
	}
	return db.Dialect.Name(), version, nil
}

// Stats returns the site statistics kept in site_stats.
func (db *DB) Stats(ctx context.Context) (*folio.SiteStats, error) {
	var s folio.SiteStats
	err := db.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT ss_total_pages, ss_good_articles, ss_total_edits, ss_users
			FROM site_stats WHERE ss_row_id = 1`).Scan(&s.Pages, &s.Articles, &s.Edits, &s.Users)
	})
	if err != nil {
		return nil, fmt.Errorf("read site stats: %w", err)
	}
	return &s, nil
}

// statsDelta changes the site_stats counters.
type statsDelta struct {
	pages, articles, edits, users int
}

func updateStats(ctx context.Context, tx *Tx, d statsDelta) error {
	_, err := tx.exec(ctx, `UPDATE site_stats SET ss_total_pages = ss_total_pages + ?,
		ss_good_articles = ss_good_articles + ?, ss_total_edits = ss_total_edits + ?,
		ss_users = ss_users + ? WHERE ss_row_id = 1`, d.pages, d.articles, d.edits, d.users)
	if err != nil {
		return fmt.Errorf("update site stats: %w", err)
	}
	return nil
}

// isArticle reports whether a page counts as a content article: a
// main-namespace page that is not a redirect.
func isArticle(ns int, redirect bool) int {
	if ns == 0 && !redirect {
		return 1
	}
	return 0
}
