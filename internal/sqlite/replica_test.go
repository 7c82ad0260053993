package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// MustSaveN saves n new pages named prefix_i and returns their sha1s.
func MustSaveN(tb testing.TB, db *sqldb.DB, prefix string, n int) {
	tb.Helper()
	for i := range n {
		_, err := db.SaveRevision(context.Background(), &folio.Edit{DBKey: fmt.Sprintf("%s_%d", prefix, i),
			Text: fmt.Sprintf("%s %d %x", prefix, i, make([]byte, 900)), Actor: folio.Actor{Name: "192.0.2.1"}})
		if err != nil {
			tb.Fatalf("SaveRevision() error: %v", err)
		}
	}
}

// revisions returns the number of revisions and the concatenated sha1s of
// the database file at path.
func revisions(tb testing.TB, path string) (int, string) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	var sums sql.NullString
	if err := db.QueryRow(`SELECT COUNT(*), group_concat(rev_sha1, ',') FROM (SELECT rev_sha1 FROM revision ORDER BY rev_id)`).Scan(&n, &sums); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		tb.Errorf("integrity_check(%s) = %q, %v", path, ok, err)
	}
	return n, sums.String
}

func TestReplicaPointInTime(t *testing.T) {
	tests := []struct {
		name            string
		checkpointBytes int64
	}{
		{"no checkpoint", 1 << 30},
		{"checkpoint every sync", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "folio.db")
			db, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			MustSaveN(t, db, "Before", 20)
			r := sqlite.NewReplicator(path, filepath.Join(dir, "replica"))
			r.CheckpointBytes = tt.checkpointBytes
			if err := r.Open(ctx); err != nil {
				t.Fatalf("Open() error: %v", err)
			}
			var marks []time.Time
			var wants []int
			for step := range 4 {
				MustSaveN(t, db, fmt.Sprintf("Step%d", step), 30)
				if err := r.Sync(ctx); err != nil {
					t.Fatalf("Sync() error: %v", err)
				}
				time.Sleep(5 * time.Millisecond)
				marks = append(marks, time.Now())
				n, _ := revisions(t, path)
				wants = append(wants, n)
				time.Sleep(5 * time.Millisecond)
			}
			if err := r.Close(); err != nil {
				t.Fatalf("Close() error: %v", err)
			}
			checkPointsInTime(t, path, filepath.Join(dir, "replica"), marks, wants)
		})
	}
}

// TestReplicaFigures measures the replicator on a database of
// FOLIO_REPLICA_FIGURES megabytes: the base copy, shipping 10% more
// changes, and a restore. It is skipped unless that variable is set:
//
//	FOLIO_REPLICA_FIGURES=500 go test -run TestReplicaFigures -v ./internal/sqlite
//
// checkPointsInTime restores the replica at each mark and expects the
// revision count seen then, with the live database's sha1s.
func checkPointsInTime(t *testing.T, live, replica string, marks []time.Time, wants []int) {
	t.Helper()
	_, liveSums := revisions(t, live)
	for i, at := range marks {
		out := filepath.Join(t.TempDir(), "restored.db")
		if _, err := sqlite.RestoreReplica(replica, out, at); err != nil {
			t.Fatalf("RestoreReplica(at step %d) error: %v", i, err)
		}
		if n, sums := revisions(t, out); n != wants[i] || sums != liveSums[:len(sums)] {
			t.Errorf("restore at step %d: %d revisions, want %d (sha1s match: %v)", i, n, wants[i], sums == liveSums[:len(sums)])
		}
	}
}

func TestReplicaFigures(t *testing.T) {
	mb, _ := strconv.Atoi(os.Getenv("FOLIO_REPLICA_FIGURES"))
	if mb <= 0 {
		t.Skip("set FOLIO_REPLICA_FIGURES to a database size in MB to measure the replicator")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "folio.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fill := func(rows int) {
		for i := 0; i < rows; i += 100 {
			tx, _ := db.Write.Begin()
			for range 100 {
				tx.Exec(`INSERT INTO filler (body) VALUES (?)`, strings.Repeat(strconv.Itoa(i)+" wiki text ", 700))
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	db.Write.Exec(`CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)`)
	fill(mb * 1024 / 8) // about 8 KB a row
	r := sqlite.NewReplicator(path, filepath.Join(dir, "replica"))
	start := time.Now()
	if err := r.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("base copy of %d MB: %s", mb, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	for range 10 {
		fill(mb * 1024 / 80 / 10)
		if err := r.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	t.Logf("wrote and shipped %d MB more in 10 syncs: %s", mb/10, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	res, err := sqlite.RestoreReplica(filepath.Join(dir, "replica"), filepath.Join(dir, "restored.db"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("restore (%d segments, %d frames): %s", res.Segments, res.Frames, time.Since(start).Round(time.Millisecond))
}
