package storetest_test

import (
	"io/fs"
	"testing"

	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/google/go-cmp/cmp"
)

// TestMigrationsMatch checks that every backend has the same numbered
// migrations: number N is the same logical change everywhere.
func TestMigrationsMatch(t *testing.T) {
	backends := []struct {
		name string
		fsys fs.FS
	}{
		{"sqlite", sqlite.Migrations},
		{"postgres", postgres.Migrations},
		{"mysql", mysql.Migrations},
	}
	var want []string
	for _, b := range backends {
		ms, err := sqldb.Migrations(b.fsys)
		if err != nil {
			t.Fatalf("%s: Migrations() error: %v", b.name, err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Name)
			if m.Version != len(got) {
				t.Errorf("%s: migration %04d_%s breaks the sequence 1, 2, 3…", b.name, m.Version, m.Name)
			}
			if len(sqldb.SplitStatements(m.SQL)) == 0 {
				t.Errorf("%s: migration %04d_%s has no statements", b.name, m.Version, m.Name)
			}
		}
		if want == nil {
			want = got
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s migrations differ from sqlite's (-sqlite +%s):\n%s", b.name, b.name, diff)
		}
	}
	if len(want) == 0 {
		t.Errorf("no migrations found")
	}
}
