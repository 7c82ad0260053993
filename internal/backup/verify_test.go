package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/sqldb"
)

// TestVerifyDetectsDamage damages a fresh backup in several ways and
// expects Verify to name the problem, and Restore to refuse it.
func TestVerifyDetectsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   string
	}{
		{"intact", func(*testing.T, string) {}, ""},
		{"flipped byte", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "db", "revision.jsonl.gz")
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 0xff
			os.WriteFile(p, b, 0o640)
		}, "revision.jsonl.gz"},
		{"missing file", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "db", "page.jsonl.gz"))
		}, "page.jsonl.gz"},
		{"manifest count", func(t *testing.T, dir string) {
			p := filepath.Join(dir, backup.ManifestName)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"pages": 4`, `"pages": 5`, 1)), 0o640)
		}, "pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			src := openSQLite(t)
			MustPopulate(t, src, 4, 2)
			dir, _, err := backup.NewWriter(t.TempDir(), "test").Backup(ctx, src)
			if err != nil {
				t.Fatalf("Backup() error: %v", err)
			}
			tt.damage(t, dir)
			rep, err := backup.Verify(dir)
			if err != nil {
				t.Fatalf("Verify() error: %v", err)
			}
			got := strings.Join(rep.Problems, "; ")
			if (tt.want == "") != rep.OK() || !strings.Contains(got, tt.want) {
				t.Errorf("Verify() problems = %q, want mention of %q", got, tt.want)
			}
			rrep, err := backup.Restore(ctx, dir, openSQLite(t))
			if ok := err == nil && rrep.OK(); ok != (tt.want == "") {
				t.Errorf("Restore() = %v, %v; want success %v", rrep, err, tt.want == "")
			}
		})
	}
}

// TestResolve picks the newest complete backup in a root.
func TestResolve(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"20261101T000000Z", "20261102T000000Z", "20261103T000000Z.partial", "notes"} {
		os.MkdirAll(filepath.Join(root, d), 0o750)
		os.WriteFile(filepath.Join(root, d, backup.ManifestName), []byte("{}"), 0o640)
	}
	got, err := backup.Resolve(root)
	if want := filepath.Join(root, "20261102T000000Z"); err != nil || got != want {
		t.Errorf("Resolve() = %q, %v; want %q", got, err, want)
	}
}

// TestRestoreTarget checks which targets Restore accepts.
func TestRestoreTarget(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	MustPopulate(t, src, 2, 1)
	dir, _, err := backup.NewWriter(t.TempDir(), "test").Backup(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T) *sqldb.DB
		wantErr string
	}{
		{"no schema", func(t *testing.T) *sqldb.DB { return openSQLite(t) }, ""},
		{"migrated and empty", func(t *testing.T) *sqldb.DB {
			db := openSQLite(t)
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			return db
		}, ""},
		{"a wiki", func(t *testing.T) *sqldb.DB {
			db := openSQLite(t)
			MustPopulate(t, db, 1, 1)
			return db
		}, "holds a wiki"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := backup.Restore(ctx, dir, tt.prepare(t))
			if got := fmt.Sprint(err); (tt.wantErr == "") != (err == nil) || !strings.Contains(got, tt.wantErr) {
				t.Errorf("Restore() error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
