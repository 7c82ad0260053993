// Package mysql is Folio's MariaDB and MySQL backend: a folio.Store over
// github.com/go-sql-driver/mysql.
//
// Connections use utf8mb4, READ COMMITTED isolation and ANSI_QUOTES (the
// shared queries quote the "user" table as standard SQL does). Strings are
// stored as binary, so titles compare byte-exactly.
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio/internal/sqldb"
	gomysql "github.com/go-sql-driver/mysql"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations holds this backend's numbered migrations (NNNN_what.sql).
var Migrations fs.FS = mustSub(migrations, "migrations")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// MaxConns bounds the connection pool.
const MaxConns = 32

// sessionSetup runs on every new connection.
var sessionSetup = []string{
	"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
	"SET SESSION sql_mode = 'ANSI_QUOTES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE," +
		"ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
}

// Open connects to the database named by a URL of the form
// mysql://user:password@host:port/dbname?param=value. Parameters are passed
// to the driver as system variables, as go-sql-driver/mysql does. The
// database name may be empty for administrative connections. Open does not
// apply migrations; call Migrate.
func Open(rawURL string) (*sqldb.DB, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	base, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	db := sql.OpenDB(connector{base})
	db.SetMaxOpenConns(MaxConns)
	db.SetMaxIdleConns(MaxConns / 2)
	var version string
	if err := db.QueryRowContext(context.Background(), "SELECT version()").Scan(&version); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to mysql: %w", err)
	}
	d := Dialect{Server: "MySQL"}
	if strings.Contains(strings.ToLower(version), "mariadb") {
		d.Server = "MariaDB"
	}
	return sqldb.New(db, db, d, Migrations), nil
}

// ParseURL converts a mysql:// URL into a driver configuration.
func ParseURL(rawURL string) (*gomysql.Config, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse mysql url: %w", err)
	}
	if u.Scheme != "mysql" && u.Scheme != "mariadb" {
		return nil, fmt.Errorf("parse mysql url: scheme %q, want mysql://", u.Scheme)
	}
	cfg := gomysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net = "tcp"
	cfg.Addr = u.Host
	if u.Port() == "" {
		cfg.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime = false
	cfg.ClientFoundRows = true // UPDATE reports matched rows, as the engine expects
	cfg.Collation = "utf8mb4_bin"
	cfg.InterpolateParams = true // one round trip per statement instead of three
	for k, vs := range u.Query() {
		if cfg.Params == nil {
			cfg.Params = map[string]string{}
		}
		cfg.Params[k] = vs[len(vs)-1]
	}
	return cfg, nil
}

// connector prepares every new connection with sessionSetup.
type connector struct{ driver.Connector }

// Connect opens a connection and sets up its session.
func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, errors.New("mysql connection cannot execute statements")
	}
	for _, q := range sessionSetup {
		if _, err := ex.ExecContext(ctx, q, nil); err != nil {
			conn.Close()
			return nil, fmt.Errorf("set up mysql session: %w", err)
		}
	}
	return conn, nil
}

// Dialect is MariaDB's and MySQL's sqldb.Dialect.
type Dialect struct {
	Server string // "MariaDB" or "MySQL"
}

var _ sqldb.Dialect = Dialect{}

// Name returns the server kind, MariaDB or MySQL.
func (d Dialect) Name() string { return d.Server }

// Rebind returns query unchanged: the driver understands ? placeholders.
func (Dialect) Rebind(query string) string { return query }

// InsertIgnore returns an INSERT that turns a duplicate key into a no-op.
// Unlike INSERT IGNORE it still fails on other errors.
func (Dialect) InsertIgnore(table, cols string) string {
	list := strings.Split(cols, ",")
	first := strings.TrimSpace(list[0])
	return "INSERT INTO " + table + " (" + cols + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(list)), ", ") +
		") ON DUPLICATE KEY UPDATE " + first + " = " + first
}

// InsertID runs query and returns LAST_INSERT_ID().
func (Dialect) InsertID(ctx context.Context, tx *sql.Tx, query, _ string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Classify maps server error numbers to error kinds.
func (Dialect) Classify(err error) sqldb.ErrorKind {
	var e *gomysql.MySQLError
	if !errors.As(err, &e) {
		return sqldb.ErrOther
	}
	switch e.Number {
	case 1062, 1586: // ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME
		return sqldb.ErrUnique
	case 1213, 1205: // ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT
		return sqldb.ErrRetry
	case 1290, 1792, 1836: // read-only server, transaction or mode
		return sqldb.ErrReadOnly
	}
	return sqldb.ErrOther
}

// VersionQuery selects the server version.
func (Dialect) VersionQuery() string { return "SELECT version()" }

// SkipLocked lets concurrent job workers (several web heads) claim
// different jobs without waiting on each other's row locks; MariaDB has
// SKIP LOCKED since 10.6 and MySQL since 8.0.
func (Dialect) SkipLocked() string { return "FOR UPDATE SKIP LOCKED" }
