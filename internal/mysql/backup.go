package mysql

import (
	"context"
	"database/sql"

	"github.com/folio-wiki/folio/internal/sqldb"
)

var _ sqldb.BackupDialect = Dialect{}

// TablesQuery selects the base tables of the current database.
func (Dialect) TablesQuery() string {
	return `SELECT table_name FROM information_schema.tables
		WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`
}

// SnapshotOptions returns a read-only REPEATABLE READ transaction: InnoDB
// serves every query in it from one consistent read view, as
// mariadb-dump --single-transaction does.
func (Dialect) SnapshotOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// AfterImport does nothing: InnoDB moves AUTO_INCREMENT past explicitly
// inserted ids.
func (Dialect) AfterImport(context.Context, *sql.Tx, string, []string) error { return nil }
