package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/folio-wiki/folio/internal/sqldb"
)

var _ sqldb.BackupDialect = Dialect{}

// TablesQuery selects the user tables from sqlite_schema.
func (Dialect) TablesQuery() string {
	return `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
}

// SnapshotOptions returns nil: in WAL mode a read transaction already sees
// one consistent state, from its first read until it ends.
func (Dialect) SnapshotOptions() *sql.TxOptions { return nil }

// AfterImport does nothing: rowids continue after the largest loaded one.
func (Dialect) AfterImport(context.Context, *sql.Tx, string, []string) error { return nil }

// Snapshot writes a consistent, compacted copy of the database at src to
// the new file dst with VACUUM INTO, while other connections keep reading
// and writing. It is the physical alternative to a logical export and the
// base of continuous backups.
func Snapshot(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("snapshot %s: the file exists", dst)
	}
	db, err := sql.Open("sqlite", dsn(src, false))
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("snapshot %s: %w", src, err)
	}
	return nil
}
