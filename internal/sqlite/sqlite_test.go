package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/storetest"
)

// MustOpen opens a new SQLite store in a temporary directory.
func MustOpen(tb testing.TB) folio.Store {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "folio.db"))
	if err != nil {
		tb.Fatalf("sqlite.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestStore runs the store conformance suite against this backend.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) folio.Store { return MustOpen(t) })
}

// TestOpen checks the connection settings the store relies on.
func TestOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "folio.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("sqlite.Open() error: %v", err)
	}
	defer db.Close()
	tests := []struct {
		pragma string
		h      *sql.DB
		want   string
	}{
		{"journal_mode", db.Write, "wal"},
		{"foreign_keys", db.Write, "1"},
		{"synchronous", db.Write, "1"}, // NORMAL
		{"busy_timeout", db.Write, "10000"},
		{"foreign_keys", db.Read, "1"},
		{"query_only", db.Read, "1"},
		{"busy_timeout", db.Read, "10000"},
	}
	for _, tt := range tests {
		var got string
		if err := tt.h.QueryRow("PRAGMA " + tt.pragma).Scan(&got); err != nil || got != tt.want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", tt.pragma, got, err, tt.want)
		}
	}
	if n := db.Write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("write pool allows %d connections, want 1", n)
	}
	for _, bad := range []string{"", ":memory:", "/tmp/a?b.db"} {
		if _, err := sqlite.Open(bad); err == nil {
			t.Errorf("sqlite.Open(%q) = nil error, want one", bad)
		}
	}
}
