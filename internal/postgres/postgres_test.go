package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/storetest"
)

// MustOpenTemp creates a database named folio_test_<random hex> on the
// server of dsn, opens it and drops it in Cleanup.
func MustOpenTemp(tb testing.TB, dsn string) folio.Store {
	tb.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("open admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := "folio_test_" + hex.EncodeToString(randBytes(tb, 8))
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("parse %s: %v", dsn, err)
	}
	u.Path = "/" + name
	db, err := postgres.Open(u.String())
	if err != nil {
		tb.Fatalf("postgres.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func randBytes(tb testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		tb.Fatalf("random: %v", err)
	}
	return b
}

// TestStore runs the store conformance suite against this backend.
func TestStore(t *testing.T) {
	dsn := os.Getenv("FOLIO_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("set FOLIO_TEST_POSTGRES_DSN (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable) to run the PostgreSQL store suite")
	}
	storetest.Run(t, func(t *testing.T) folio.Store { return MustOpenTemp(t, dsn) })
}

// TestRebind checks the numbering of placeholders.
func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"},
	}
	for _, tt := range tests {
		if got := (postgres.Dialect{}).Rebind(tt.in); got != tt.want {
			t.Errorf("Rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
