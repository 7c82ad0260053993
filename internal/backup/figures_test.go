package backup_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/sqldb"
)

// TestBackupFigures measures backup, verify and restore of a generated
// wiki of FOLIO_BACKUP_FIGURES revisions (ten per page) on every
// configured backend. It is skipped unless that variable is set:
//
//	FOLIO_BACKUP_FIGURES=50000 go test -run TestBackupFigures -v -timeout 1h ./internal/backup
func TestBackupFigures(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("FOLIO_BACKUP_FIGURES"))
	if n <= 0 {
		t.Skip("set FOLIO_BACKUP_FIGURES to a revision count to measure backup and restore times")
	}
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			if be.env != "" && os.Getenv(be.env) == "" {
				t.Skipf("set %s to measure %s", be.env, be.name)
			}
			ctx := context.Background()
			src := be.open(t)
			start := time.Now()
			bytes := MustGenerate(t, src, n)
			t.Logf("generated %d revisions (%d MB of text) in %s", n, bytes>>20, time.Since(start).Round(time.Millisecond))
			dir, m, err := backup.NewWriter(t.TempDir(), "figures").Backup(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("backup: %s, %d rows, %d MB compressed", m.Finished.Sub(m.Started).Round(time.Millisecond), m.Rows(), m.Size()>>20)
			rep, err := backup.Verify(dir)
			if err != nil || !rep.OK() {
				t.Fatalf("Verify() = %v, %v", rep, err)
			}
			t.Logf("verify: %s", rep.Duration.Round(time.Millisecond))
			rep, err = backup.Restore(ctx, dir, be.open(t))
			if err != nil || !rep.OK() {
				t.Fatalf("Restore() = %v, %v", rep, err)
			}
			t.Logf("restore (with the final comparison): %s", rep.Duration.Round(time.Millisecond))
		})
	}
}

// MustGenerate writes n revisions of wikitext-like pages, ten per page,
// and returns the bytes of text written.
func MustGenerate(tb testing.TB, db *sqldb.DB, n int) int64 {
	tb.Helper()
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the wiki page history revision link category template user talk edit source " +
		"version article section reference table image file help project discussion archive")
	base := map[string]int64{}
	var total int64
	for i := range n {
		title := fmt.Sprintf("Generated_page_%d", i/10)
		var b strings.Builder
		fmt.Fprintf(&b, "== Section %d ==\n", i)
		for range 300 + rng.IntN(600) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "\n[[Generated page %d]] [[Category:Generated]]\n", rng.IntN(n/10+1))
		res, err := db.SaveRevision(ctx, &folio.Edit{DBKey: title, Text: b.String(), BaseRevID: base[title],
			Actor: folio.Actor{Name: fmt.Sprintf("192.0.2.%d", i%200)}, Comment: "generated"})
		if err != nil {
			tb.Fatalf("SaveRevision(%s) error: %v", title, err)
		}
		base[title] = res.Revision.ID
		total += int64(b.Len())
	}
	return total
}
