package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/folio-wiki/folio/internal/sqldb"
)

var _ sqldb.SequenceResetter = Dialect{}

// ResetSequence moves the identity sequence of table's column col past the
// largest value in the table, after an import inserted ids explicitly
// (identity columns do not follow explicit values). table and col are
// fixed names from the engine, never user input.
func (Dialect) ResetSequence(ctx context.Context, tx *sql.Tx, table, col string) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'),
		GREATEST((SELECT MAX(%s) FROM %s), 1))`, table, col, col, table))
	return err
}
