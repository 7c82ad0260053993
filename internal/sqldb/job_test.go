package sqldb_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/queuetest"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// TestJobQueue runs the queue suite on the job table of every SQL backend
// that is available: SQLite always, PostgreSQL and MariaDB when their
// FOLIO_TEST_* variables are set.
func TestJobQueue(t *testing.T) {
	for _, b := range sqlBackends {
		t.Run(b.name, func(t *testing.T) {
			dsn := ""
			if b.env != "" {
				if dsn = os.Getenv(b.env); dsn == "" {
					t.Skipf("set %s to run the job queue suite on %s", b.env, b.name)
				}
			}
			queuetest.Run(t, func(t *testing.T) folio.JobQueue {
				db := b.open(t, dsn)
				if _, err := db.Migrate(context.Background()); err != nil {
					t.Fatalf("Migrate: %v", err)
				}
				return db
			})
		})
	}
}

// sqlBackends are the SQL backends the tests of this package run on:
// SQLite always, the servers when their FOLIO_TEST_* variable is set.
var sqlBackends = []struct {
	name, env string
	open      func(t *testing.T, dsn string) *sqldb.DB
}{
	{"sqlite", "", openSQLite},
	{"postgres", "FOLIO_TEST_POSTGRES_DSN", openPostgres},
	{"mysql", "FOLIO_TEST_MYSQL_DSN", openMySQL},
}

func openSQLite(t *testing.T, _ string) *sqldb.DB {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func tempName(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "folio_test_" + hex.EncodeToString(b)
}

func openPostgres(t *testing.T, dsn string) *sqldb.DB {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := tempName(t)
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := postgres.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openMySQL(t *testing.T, dsn string) *sqldb.DB {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/"
	admin, err := mysql.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := tempName(t)
	if _, err := admin.Write.Exec(`CREATE DATABASE ` + name + ` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Write.Exec(`DROP DATABASE IF EXISTS ` + name) })
	u.Path = "/" + name
	db, err := mysql.Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
