package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/folio-wiki/folio/internal/sqldb"
)

var _ sqldb.BackupDialect = Dialect{}

// TablesQuery selects the base tables of the current schema.
func (Dialect) TablesQuery() string {
	return `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
}

// SnapshotOptions returns a read-only REPEATABLE READ transaction: every
// query in it sees the snapshot taken at its first statement, as pg_dump's
// does.
func (Dialect) SnapshotOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// AfterImport moves the identity sequences of table past the largest
// loaded value, so that new rows do not collide with restored ones.
func (Dialect) AfterImport(ctx context.Context, tx *sql.Tx, table string, columns []string) error {
	rows, err := tx.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'`, table)
	if err != nil {
		return fmt.Errorf("find identity columns of %s: %w", table, err)
	}
	var idents []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return fmt.Errorf("find identity columns of %s: %w", table, err)
		}
		idents = append(idents, c)
	}
	rows.Close()
	for _, c := range idents {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence($1, $2),
			COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)`, quote(c), quote(table))
		if _, err := tx.ExecContext(ctx, q, quote(table), c); err != nil {
			return fmt.Errorf("reset sequence of %s.%s: %w", table, c, err)
		}
	}
	return nil
}

func quote(name string) string { return `"` + name + `"` }
