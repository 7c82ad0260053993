package backup_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/sqldb"
)

func TestDrill(t *testing.T) {
	tests := []struct {
		name   string
		after  func(t *testing.T, live *sqldb.DB)
		wantOK bool
		want   string
	}{
		{"unchanged", func(*testing.T, *sqldb.DB) {}, true, ""},
		{"live wiki grew", func(t *testing.T, live *sqldb.DB) {
			for i := range 3 {
				if _, err := live.SaveRevision(context.Background(), &folio.Edit{DBKey: fmt.Sprintf("Later_%d", i),
					Text: "later", Actor: folio.Actor{Name: "192.0.2.5"}}); err != nil {
					t.Fatal(err)
				}
			}
		}, true, ""},
		{"revision changed after the backup", func(t *testing.T, live *sqldb.DB) {
			if _, err := live.Write.Exec(`UPDATE revision SET rev_sha1 = 'x' WHERE rev_id = 1`); err != nil {
				t.Fatal(err)
			}
		}, false, "live wiki"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			live := openSQLite(t)
			MustPopulate(t, live, 5, 2)
			root := t.TempDir()
			dir, _, err := backup.NewWriter(root, "test").Backup(ctx, live)
			if err != nil {
				t.Fatal(err)
			}
			tt.after(t, live)
			res, err := backup.Drill(ctx, dir, openSQLite(t), live)
			if err != nil {
				t.Fatalf("Drill() error: %v", err)
			}
			if res.OK != tt.wantOK || !strings.Contains(strings.Join(res.Problems, ";"), tt.want) {
				t.Errorf("Drill() = ok %v, problems %v; want ok %v mentioning %q", res.OK, res.Problems, tt.wantOK, tt.want)
			}
			st, err := backup.ReadStatus(root)
			if err != nil || st.LastDrill == nil || st.LastDrill.OK != tt.wantOK || st.LastBackup.IsZero() {
				t.Errorf("ReadStatus() = %+v, %v", st, err)
			}
		})
	}
}
