package sqldb_test

import (
	"context"
	"os"
	"testing"

	"github.com/folio-wiki/folio"
)

// TestCheckIntegrity runs the integrity check on every available backend:
// a sound wiki has no finding; damage made behind the store's back (a
// page without its latest revision, a corrupted text, a link row of a
// vanished page) is found.
func TestCheckIntegrity(t *testing.T) {
	for _, b := range sqlBackends {
		t.Run(b.name, func(t *testing.T) {
			dsn := ""
			if b.env != "" {
				if dsn = os.Getenv(b.env); dsn == "" {
					t.Skipf("set %s to run the integrity check on %s", b.env, b.name)
				}
			}
			ctx := context.Background()
			db := b.open(t, dsn)
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("Migrate: %v", err)
			}
			var ids []int64
			for _, title := range []string{"Alpha", "Beta", "Gamma"} {
				res, err := db.SaveRevision(ctx, &folio.Edit{DBKey: title, Text: "Text of " + title + " [[Alpha]]", Actor: folio.Actor{Name: "192.0.2.1"}})
				if err != nil {
					t.Fatalf("SaveRevision: %v", err)
				}
				if err := db.UpdateLinks(ctx, res.Page.ID, &folio.LinkSet{Links: []folio.LinkTarget{{DBKey: "Alpha"}}}); err != nil {
					t.Fatalf("UpdateLinks: %v", err)
				}
				ids = append(ids, res.Page.ID)
			}
			if _, err := db.RecountStats(ctx); err != nil {
				t.Fatal(err)
			}
			problems := func() map[string]int64 {
				fs, err := db.CheckIntegrity(ctx, nil)
				if err != nil {
					t.Fatalf("CheckIntegrity: %v", err)
				}
				m := map[string]int64{}
				for _, f := range fs {
					if f.Problems > 0 {
						m[f.Check] = f.Problems
					}
				}
				return m
			}
			if p := problems(); len(p) != 0 {
				t.Fatalf("sound wiki: findings %v, want none", p)
			}
			for _, q := range []string{
				`UPDATE page SET page_latest = 999999 WHERE page_id = ?`,
				`DELETE FROM page WHERE page_id = ?`,
			} {
				id := ids[0]
				if q[0] == 'D' {
					id = ids[1]
				}
				if _, err := db.Write.ExecContext(ctx, db.Dialect.Rebind(q), id); err != nil {
					t.Fatalf("damage: %v", err)
				}
			}
			if _, err := db.Write.ExecContext(ctx, `UPDATE content SET content_text = 'tampered'`); err != nil {
				t.Fatal(err)
			}
			p := problems()
			for check, want := range map[string]int64{
				"pages whose latest revision is missing":   1,
				"revisions of no page":                     1,
				"page links from missing pages":            1,
				"texts whose SHA-1 or size does not match": 3,
			} {
				if p[check] != want {
					t.Errorf("%s: %d problems, want %d (all findings: %v)", check, p[check], want, p)
				}
			}
		})
	}
}
