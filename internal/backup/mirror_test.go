package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/folio-wiki/folio/internal/backup"
)

// TestMirror mirrors a replica-shaped folder: only complete generations
// go up, each file once, pruned files come down, and FetchTree gets the
// tree back.
func TestMirror(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	remote := openBlobs(t)
	m := &backup.Mirror{Dir: dir, Remote: remote, Prefix: "replica/"}
	keys := func() []string {
		var ks []string
		for info, err := range remote.List(ctx, "replica/") {
			if err != nil {
				t.Fatal(err)
			}
			ks = append(ks, info.Key)
		}
		sort.Strings(ks)
		return ks
	}
	write("g1/base.db.gz", "base one")
	write("g1/base.json", "{}")
	write("g1/wal/00000001-a.wal.gz", "frames")
	write("g1/wal/00000002-b.wal.gz.tmp", "half written")
	write("g2/base.db.gz", "base two, still being written")
	st, err := m.Sync(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"replica/g1/base.db.gz", "replica/g1/base.json", "replica/g1/wal/00000001-a.wal.gz"}; st.Uploaded != 3 || !equal(keys(), want) {
		t.Fatalf("first sync: uploaded %d, remote %v; want %v", st.Uploaded, keys(), want)
	}
	if st, _ := m.Sync(ctx, false); st.Uploaded != 0 {
		t.Errorf("a second sync uploaded %d files again", st.Uploaded)
	}
	write("g2/base.json", "{}")
	os.RemoveAll(filepath.Join(dir, "g1"))
	st, err = m.Sync(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"replica/g2/base.db.gz", "replica/g2/base.json"}; st.Uploaded != 2 || st.Removed != 3 || !equal(keys(), want) {
		t.Fatalf("sync after a new generation and pruning: %+v, remote %v; want %v", st, keys(), want)
	}
	back := t.TempDir()
	n, err := backup.FetchTree(ctx, remote, "replica/", back)
	if err != nil || n != 2 {
		t.Fatalf("FetchTree = %d, %v; want 2 files", n, err)
	}
	if b, err := os.ReadFile(filepath.Join(back, "g2", "base.db.gz")); err != nil || string(b) != "base two, still being written" {
		t.Errorf("fetched base = %q, %v", b, err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
