package backup_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// opener opens a fresh, empty database for a test.
type opener func(tb testing.TB) *sqldb.DB

func openSQLite(tb testing.TB) *sqldb.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "folio.db"))
	if err != nil {
		tb.Fatalf("sqlite.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func randomName(tb testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return "folio_test_" + hex.EncodeToString(b)
}

// openPostgres creates a database on the server of FOLIO_TEST_POSTGRES_DSN
// and drops it in Cleanup.
func openPostgres(tb testing.TB) *sqldb.DB {
	tb.Helper()
	dsn := os.Getenv("FOLIO_TEST_POSTGRES_DSN")
	admin, err := postgres.Open(dsn)
	if err != nil {
		tb.Fatalf("postgres.Open() error: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := randomName(tb)
	if _, err := admin.Write.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() { admin.Write.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, _ := url.Parse(dsn)
	u.Path = "/" + name
	db, err := postgres.Open(u.String())
	if err != nil {
		tb.Fatalf("postgres.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openMySQL creates a database on the server of FOLIO_TEST_MYSQL_DSN and
// drops it in Cleanup.
func openMySQL(tb testing.TB) *sqldb.DB {
	tb.Helper()
	u, _ := url.Parse(os.Getenv("FOLIO_TEST_MYSQL_DSN"))
	u.Path = "/"
	admin, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("mysql.Open() error: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := randomName(tb)
	if _, err := admin.Write.Exec(`CREATE DATABASE ` + name + ` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() { admin.Write.Exec(`DROP DATABASE IF EXISTS ` + name) })
	u.Path = "/" + name
	db, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("mysql.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// backends lists the databases to test: SQLite always, the servers when
// their variables are set.
func backends(t *testing.T) []struct {
	name string
	env  string
	open opener
} {
	return []struct {
		name string
		env  string
		open opener
	}{
		{"sqlite", "", openSQLite},
		{"postgres", "FOLIO_TEST_POSTGRES_DSN", openPostgres},
		{"mysql", "FOLIO_TEST_MYSQL_DSN", openMySQL},
	}
}

// MustPopulate migrates db and writes pages, revisions, a user and a
// deleted page into it.
func MustPopulate(tb testing.TB, db *sqldb.DB, pages, edits int) {
	tb.Helper()
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	if err := db.CreateUser(ctx, &folio.User{Name: "Admin", Groups: []string{"sysop"}}); err != nil {
		tb.Fatalf("CreateUser() error: %v", err)
	}
	anon := folio.Actor{Name: "192.0.2.1"}
	for p := range pages {
		var base int64
		for e := range edits {
			text := fmt.Sprintf("Page %d, edit %d: ünïcödé ✓ [[Page %d]]\n%s", p, e, p+1, strings.Repeat("x", p*10))
			res, err := db.SaveRevision(ctx, &folio.Edit{DBKey: fmt.Sprintf("Page_%d", p), Text: text,
				Actor: anon, Comment: fmt.Sprintf("edit %d", e), BaseRevID: base})
			if err != nil {
				tb.Fatalf("SaveRevision() error: %v", err)
			}
			base = res.Revision.ID
		}
	}
}

func TestBackupRestore(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			if be.env != "" && os.Getenv(be.env) == "" {
				t.Skipf("set %s to run the %s backup test", be.env, be.name)
			}
			ctx := context.Background()
			src := be.open(t)
			MustPopulate(t, src, 12, 3)
			if err := src.SetReadOnly(ctx, folio.ReadOnly{On: true, Reason: "backup test"}); err != nil {
				t.Fatalf("SetReadOnly() error: %v", err)
			}
			root := t.TempDir()
			dir, m, err := backup.NewWriter(root, "test").Backup(ctx, src)
			if err != nil {
				t.Fatalf("Backup() error: %v", err)
			}
			if m.Pages != 12 || m.Revisions != 36 || m.Users != 1 {
				t.Errorf("manifest counts pages=%d revisions=%d users=%d, want 12, 36, 1", m.Pages, m.Revisions, m.Users)
			}
			if rep, err := backup.Verify(dir); err != nil || !rep.OK() {
				t.Fatalf("Verify() = %+v, %v; want no problems", rep, err)
			}
			dst := be.open(t)
			rep, err := backup.Restore(ctx, dir, dst)
			if err != nil {
				t.Fatalf("Restore() error: %v", err)
			}
			if !rep.OK() {
				t.Fatalf("Restore() problems: %v", rep.Problems)
			}
			checkRestored(t, src, dst)
		})
	}
}

// checkRestored compares summaries and checks that the restored database
// accepts new edits (its id sequences were moved past the restored ids).
func checkRestored(t *testing.T, src, dst *sqldb.DB) {
	t.Helper()
	ctx := context.Background()
	want, err := backup.Summarize(ctx, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := backup.Summarize(ctx, dst, 0)
	if err != nil {
		t.Fatal(err)
	}
	if diffs := backup.Compare(want, got); len(diffs) > 0 {
		t.Errorf("restored database differs: %v", diffs)
	}
	if ro, err := dst.FindReadOnly(ctx); err != nil || ro.Reason != "backup test" {
		t.Errorf("FindReadOnly() after restore = %+v, %v; want the switch on", ro, err)
	}
	if err := dst.SetReadOnly(ctx, folio.ReadOnly{}); err != nil {
		t.Fatalf("SetReadOnly(off) error: %v", err)
	}
	// The search index is not in the backup: the restore rebuilds it.
	q := folio.SearchQuery{Text: "Page edit"}
	_, wantHits, _ := src.SearchPages(ctx, q)
	if hits, total, err := dst.SearchPages(ctx, q); err != nil || total != wantHits || wantHits == 0 || len(hits) == 0 {
		t.Errorf("search after restore = %d hits of %d, %v; want the %d pages the source finds", len(hits), total, err, wantHits)
	}
	p, err := dst.FindPageByTitle(ctx, 0, "Page_3")
	if err != nil {
		t.Fatalf("FindPageByTitle() error: %v", err)
	}
	res, err := dst.SaveRevision(ctx, &folio.Edit{DBKey: "New_after_restore", Text: "new",
		Actor: folio.Actor{Name: "192.0.2.9"}})
	if err != nil {
		t.Fatalf("SaveRevision() after restore error: %v", err)
	}
	if res.Revision.ID <= want.MaxRevID || res.Page.ID <= p.ID {
		t.Errorf("new revision id %d, page id %d reuse restored ids (max rev %d)", res.Revision.ID, res.Page.ID, want.MaxRevID)
	}
}

// TestRestoreAcrossBackends restores a SQLite backup into each server
// database and back: the format is the same everywhere, so a wiki can move
// from the embedded database to PostgreSQL or MariaDB, and folio drill can
// restore a server's backup into a scratch SQLite database.
func TestRestoreAcrossBackends(t *testing.T) {
	type crossCase struct {
		name     string
		env      string
		from, to opener
	}
	var cases []crossCase
	for _, be := range backends(t)[1:] {
		cases = append(cases, crossCase{"sqlite to " + be.name, be.env, openSQLite, be.open},
			crossCase{be.name + " to sqlite (drill scratch)", be.env, be.open, openSQLite})
	}
	for _, be := range cases {
		t.Run(be.name, func(t *testing.T) {
			if os.Getenv(be.env) == "" {
				t.Skipf("set %s to restore across backends", be.env)
			}
			ctx := context.Background()
			src := be.from(t)
			MustPopulate(t, src, 6, 2)
			if err := src.SetReadOnly(ctx, folio.ReadOnly{On: true, Reason: "backup test"}); err != nil {
				t.Fatal(err)
			}
			dir, _, err := backup.NewWriter(t.TempDir(), "test").Backup(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			dst := be.to(t)
			rep, err := backup.Restore(ctx, dir, dst)
			if err != nil || !rep.OK() {
				t.Fatalf("Restore() = %v, %v", rep, err)
			}
			checkRestored(t, src, dst)
		})
	}
}
