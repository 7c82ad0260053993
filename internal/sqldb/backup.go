package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// BackupDialect is implemented by dialects that support logical export and
// import (folio backup and folio restore). It is kept apart from Dialect so
// that a backend without it still builds.
type BackupDialect interface {
	// TablesQuery selects the names of the database's own tables, one per
	// row.
	TablesQuery() string
	// SnapshotOptions returns the options of a read transaction that sees
	// one consistent state of every table.
	SnapshotOptions() *sql.TxOptions
	// AfterImport runs once the rows of table were loaded, inside the
	// import transaction; PostgreSQL moves its identity sequences past the
	// loaded ids there.
	AfterImport(ctx context.Context, tx *sql.Tx, table string, columns []string) error
}

// importBatch is how many rows one INSERT statement of an import carries.
const importBatch = 200

func (db *DB) backupDialect() (BackupDialect, error) {
	bd, ok := db.Dialect.(BackupDialect)
	if !ok {
		return nil, fmt.Errorf("the %s backend does not support logical backups", db.Dialect.Name())
	}
	return bd, nil
}

// Tables lists the database's tables, sorted by name.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	bd, err := db.backupDialect()
	if err != nil {
		return nil, err
	}
	return queryTables(ctx, db.Read, bd)
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// derivedTable reports tables rebuilt from the others rather than backed
// up: the search index (and SQLite's FTS5 shadow tables of it).
func derivedTable(name string) bool {
	return name == "searchindex" || strings.HasPrefix(name, "searchindex_")
}

func queryTables(ctx context.Context, q queryer, bd BackupDialect) ([]string, error) {
	rows, err := q.QueryContext(ctx, bd.TablesQuery())
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		if !derivedTable(name) {
			names = append(names, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	slices.Sort(names)
	return names, nil
}

// ExportTables reads every table from one consistent snapshot, while the
// wiki keeps serving, and calls visit once per table. next returns the
// table's rows in the order of its first column, then io.EOF. Values are
// nil, int64, float64, string (text and UTF-8 bytes) or []byte (other
// bytes).
func (db *DB) ExportTables(ctx context.Context, visit func(table string, columns []string, next func() ([]any, error)) error) error {
	bd, err := db.backupDialect()
	if err != nil {
		return err
	}
	tx, err := db.Read.BeginTx(ctx, bd.SnapshotOptions())
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer tx.Rollback()
	tables, err := queryTables(ctx, tx, bd)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if err := exportTable(ctx, tx, t, visit); err != nil {
			return fmt.Errorf("export %s: %w", t, err)
		}
	}
	return nil
}

func exportTable(ctx context.Context, tx *sql.Tx, table string, visit func(string, []string, func() ([]any, error)) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+quoteIdent(table)+` ORDER BY 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	cols := make([]string, len(types))
	for i, ct := range types {
		cols[i] = ct.Name()
	}
	next := func() ([]any, error) {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			vals[i] = exportValue(v, types[i].DatabaseTypeName())
		}
		return vals, nil
	}
	if err := visit(table, cols, next); err != nil {
		return err
	}
	return rows.Err()
}

// exportValue normalises a scanned value to the few types of an export.
func exportValue(v any, dbType string) any {
	switch x := v.(type) {
	case []byte:
		if isIntegerType(dbType) {
			if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return n
			}
		}
		if utf8.Valid(x) {
			return string(x)
		}
		return slices.Clone(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return v
}

func isIntegerType(dbType string) bool {
	t := strings.ToUpper(dbType)
	return strings.Contains(t, "INT") && !strings.Contains(t, "INTERVAL")
}

func isBinaryType(dbType string) bool {
	t := strings.ToUpper(dbType)
	return strings.Contains(t, "BLOB") || strings.Contains(t, "BINARY") || t == "BYTEA"
}

// ImportTables loads exported tables into this database, which must hold
// the schema but no wiki content (freshly migrated). load calls put once per
// table; put deletes the rows the migrations seeded in that table and
// inserts the rows next returns until io.EOF. Everything happens in one
// transaction, so a failed import leaves the database as it was.
func (db *DB) ImportTables(ctx context.Context, load func(put func(table string, columns []string, next func() ([]any, error)) error) error) error {
	bd, err := db.backupDialect()
	if err != nil {
		return err
	}
	stx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin import: %w", err)
	}
	defer stx.Rollback()
	tx := &Tx{tx: stx, db: db, Now: db.Now().UTC()}
	have, err := queryTables(ctx, stx, bd)
	if err != nil {
		return err
	}
	put := func(table string, cols []string, next func() ([]any, error)) error {
		if !slices.Contains(have, table) {
			return fmt.Errorf("import %s: the database has no such table", table)
		}
		if err := importTable(ctx, tx, table, cols, next); err != nil {
			return fmt.Errorf("import %s: %w", table, err)
		}
		return bd.AfterImport(ctx, stx, table, cols)
	}
	if err := load(put); err != nil {
		return err
	}
	if err := reindexAll(ctx, tx); err != nil {
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

func importTable(ctx context.Context, tx *Tx, table string, cols []string, next func() ([]any, error)) error {
	qt := quoteIdent(table)
	if _, err := tx.exec(ctx, `DELETE FROM `+qt); err != nil {
		return err
	}
	binary, err := binaryColumns(ctx, tx, qt, cols)
	if err != nil {
		return err
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	list := strings.Join(quoted, ", ")
	batch := make([][]any, 0, importBatch)
	for {
		row, err := next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
		batch = append(batch, importRow(row, binary))
		if len(batch) == importBatch {
			if err := tx.insertRows(ctx, qt, list, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return tx.insertRows(ctx, qt, list, batch)
}

// binaryColumns reports, for each of cols, whether the target column holds
// bytes rather than text.
func binaryColumns(ctx context.Context, tx *Tx, qtable string, cols []string) ([]bool, error) {
	rows, err := tx.query(ctx, `SELECT * FROM `+qtable+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	byName := map[string]bool{}
	for _, ct := range types {
		byName[ct.Name()] = isBinaryType(ct.DatabaseTypeName())
	}
	out := make([]bool, len(cols))
	for i, c := range cols {
		b, ok := byName[c]
		if !ok {
			return nil, fmt.Errorf("the table has no column %s", c)
		}
		out[i] = b
	}
	return out, rows.Err()
}

func importRow(row []any, binary []bool) []any {
	for i, v := range row {
		switch x := v.(type) {
		case string:
			if binary[i] {
				row[i] = []byte(x)
			}
		case []byte:
			if !binary[i] {
				row[i] = string(x)
			}
		}
	}
	return row
}

// quoteIdent quotes a table or column name in standard SQL (MariaDB runs
// with ANSI_QUOTES).
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// MigrateTo applies the pending migrations up to and including version, so
// that a backup taken at that schema can be loaded before the newer
// migrations run.
func (db *DB) MigrateTo(ctx context.Context, version int) (int, error) {
	limited := New(db.Write, db.Read, db.Dialect, upTo{db.Migrations, version})
	limited.Now = db.Now
	return limited.Migrate(ctx)
}

// SchemaVersion returns the highest applied migration, 0 for an empty
// database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	bd, err := db.backupDialect()
	if err != nil {
		return 0, err
	}
	tables, err := queryTables(ctx, db.Read, bd)
	if err != nil || !slices.Contains(tables, "schema_migrations") {
		return 0, err
	}
	var v sql.NullInt64
	if err := db.Read.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// upTo hides the migrations newer than max.
type upTo struct {
	fsys fs.FS
	max  int
}

func (u upTo) Open(name string) (fs.File, error) { return u.fsys.Open(name) }

// Glob lists the migration files not newer than max.
func (u upTo) Glob(pattern string) ([]string, error) {
	names, err := fs.Glob(u.fsys, pattern)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(names, func(n string) bool {
		num, _, _ := strings.Cut(path.Base(n), "_")
		v, err := strconv.Atoi(num)
		return err == nil && v > u.max
	}), nil
}
