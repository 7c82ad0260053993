package sqlite_test

import (
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
