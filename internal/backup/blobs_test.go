package backup_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/localfs"
)

// openBlobs opens a localfs blob store in a temporary folder.
func openBlobs(t *testing.T) *localfs.BlobStore {
	t.Helper()
	bs := localfs.NewBlobStore(t.TempDir())
	if err := bs.Open(); err != nil {
		t.Fatal(err)
	}
	return bs
}

func mustPut(t *testing.T, bs *localfs.BlobStore, key, content string) {
	t.Helper()
	if err := bs.Put(context.Background(), key, strings.NewReader(content), int64(len(content))); err != nil {
		t.Fatalf("Put(%s) error: %v", key, err)
	}
}

// TestBackupBlobs backs up a database with files twice (the second time
// linking unchanged files), verifies, damages and restores.
func TestBackupBlobs(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	MustPopulate(t, src, 2, 1)
	blobs := openBlobs(t)
	for i := range 5 {
		mustPut(t, blobs, fmt.Sprintf("orig/a/ab/abc%d", i), strings.Repeat(fmt.Sprint(i), 1000+i))
	}
	mustPut(t, blobs, "thumb/a/ab/abc0/120px.png", "thumbnails are not backed up")
	w := backup.NewWriter(t.TempDir(), "test")
	w.Blobs, w.BlobPrefix = blobs, "orig/"
	first, m1, err := w.Backup(ctx, src)
	if err != nil {
		t.Fatalf("Backup() error: %v", err)
	}
	mustPut(t, blobs, "orig/b/bc/bcd", "a new upload")
	w.Now = func() time.Time { return m1.Started.Add(time.Minute) }
	second, m2, err := w.Backup(ctx, src)
	if err != nil {
		t.Fatalf("second Backup() error: %v", err)
	}
	counts := [3][2]int64{{m1.Blobs.Count, 5}, {m2.Blobs.Count, 6}, {m2.Blobs.Linked, 5}}
	for i, c := range counts { // files in backup 1, in backup 2, linked in backup 2
		if c[0] != c[1] {
			t.Errorf("count %d = %d, want %d", i, c[0], c[1])
		}
	}
	if rep, err := backup.Verify(second); err != nil || !rep.OK() {
		t.Fatalf("Verify() = %v, %v", rep, err)
	}
	dst := openBlobs(t)
	if n, _, err := backup.RestoreBlobs(ctx, second, dst); err != nil || n != 6 {
		t.Fatalf("RestoreBlobs() = %d, %v; want 6", n, err)
	}
	rc, _, err := dst.Get(ctx, "orig/b/bc/bcd")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, []byte("a new upload")) {
		t.Errorf("restored blob = %q", got)
	}
	checkDamagedBlob(t, first, second)
}

// checkDamagedBlob damages a file of the first backup (the second links
// to the same inode, so both see it) and expects Verify and RestoreBlobs
// to notice.
func checkDamagedBlob(t *testing.T, first, second string) {
	t.Helper()
	ctx := context.Background()
	// Damage a file of the first backup (the second links to the same
	// inode, so both see it).
	os.WriteFile(filepath.Join(first, "files", "orig", "a", "ab", "abc3"), []byte("rot"), 0o640)
	rep, err := backup.Verify(second)
	if err != nil || rep.OK() || !strings.Contains(strings.Join(rep.Problems, ";"), "abc3") {
		t.Errorf("Verify() after damage = %v, %v; want a problem naming abc3", rep.Problems, err)
	}
	if _, _, err := backup.RestoreBlobs(ctx, second, openBlobs(t)); err == nil {
		t.Errorf("RestoreBlobs() of a damaged backup succeeded")
	}
}
