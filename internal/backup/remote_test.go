package backup_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
)

// TestRemote uploads two backups with files to a blob store standing in
// for S3, then downloads the newest and restores it.
func TestRemote(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	MustPopulate(t, src, 3, 2)
	blobs := openBlobs(t)
	for i := range 3 {
		mustPut(t, blobs, fmt.Sprintf("orig/c/cd/cde%d", i), strings.Repeat("x", 100+i))
	}
	remote := openBlobs(t)
	w := backup.NewWriter(t.TempDir(), "test")
	w.Blobs, w.BlobPrefix = blobs, "orig/"
	var uploads []int
	for i := range 2 {
		w.Now = func() time.Time { return time.Date(2026, 11, 23, 2, i, 0, 0, time.UTC) }
		dir, _, err := w.Backup(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		n, err := backup.Upload(ctx, dir, remote)
		if err != nil {
			t.Fatalf("Upload() error: %v", err)
		}
		uploads = append(uploads, n)
	}
	if uploads[1] != uploads[0]-3 {
		t.Errorf("Upload() wrote %v objects; want the second to skip the 3 files already there", uploads)
	}
	name, err := backup.LatestRemote(ctx, remote)
	if want := "20261123T020100Z"; err != nil || name != want {
		t.Fatalf("LatestRemote() = %q, %v; want %q", name, err, want)
	}
	dir, err := backup.Download(ctx, remote, name, t.TempDir())
	if err != nil {
		t.Fatalf("Download() error: %v", err)
	}
	if rep, err := backup.Verify(dir); err != nil || !rep.OK() {
		t.Fatalf("Verify(downloaded) = %v, %v", rep, err)
	}
	dst := openSQLite(t)
	if rep, err := backup.Restore(ctx, dir, dst); err != nil || !rep.OK() {
		t.Fatalf("Restore(downloaded) = %v, %v", rep, err)
	}
	if n, _, err := backup.RestoreBlobs(ctx, dir, openBlobs(t)); err != nil || n != 3 {
		t.Errorf("RestoreBlobs(downloaded) = %d, %v; want 3", n, err)
	}
}
