package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// mustWritePNG writes a w×h PNG to path, creating its folders.
func mustWritePNG(tb testing.TB, path string, w, h int) {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		tb.Fatal(err)
	}
	mustWrite(tb, path, b.String())
}

func mustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
}

func TestImportImages(t *testing.T) {
	images := t.TempDir() // a MediaWiki images/ tree
	mustWritePNG(t, filepath.Join(images, "a/ab/Sun.png"), 4, 3)
	mustWrite(t, filepath.Join(images, "a/ab/Sun.png.txt"), "The sun.\n[[Category:Sky]]\n")
	mustWritePNG(t, filepath.Join(images, "b/bc/Moon_copy.png"), 4, 3) // same bytes as Sun.png
	mustWritePNG(t, filepath.Join(images, "c/cd/Star.png"), 2, 2)
	mustWritePNG(t, filepath.Join(images, "thumb/a/ab/Sun.png/2px-Sun.png"), 2, 1)
	mustWritePNG(t, filepath.Join(images, "archive/a/ab/20200101000000!Sun.png"), 1, 1)
	data, blobs := t.TempDir(), t.TempDir()
	args := []string{"import-images", "--files", blobs, "--comment-ext", "txt", "--skip-dupes", images}
	_, stderr, err := folioRun(t, data, nil, args...)
	if err != nil || !strings.Contains(stderr, "2 uploaded, 0 skipped as existing, 1 skipped as duplicates, 0 failed") {
		t.Fatalf("import-images: %v\n%s", err, stderr)
	}
	s := mustOpenData(t, data)
	ctx := context.Background()
	f, err := s.(folio.FileStore).FindFile(ctx, "Sun.png")
	if err != nil || f.Width != 4 || f.Height != 3 || f.MIME != "image/png" || f.Actor.Name != "Maintenance script" {
		t.Errorf("FindFile(Sun.png) = %+v, %v; want a 4×3 PNG by Maintenance script", f, err)
	}
	p, err := s.FindPageByTitle(ctx, folio.NSFile, "Sun.png")
	if err == nil {
		rev, _ := s.FindRevisionByID(ctx, p.Latest)
		if rev == nil || !strings.HasPrefix(rev.Text, "The sun.") {
			t.Errorf("File:Sun.png text = %+v, want the description from Sun.png.txt", rev)
		}
	} else {
		t.Errorf("FindPageByTitle(File:Sun.png) error: %v", err)
	}
	for _, name := range []string{"2px-Sun.png", "20200101000000!Sun.png", "Moon_copy.png"} {
		if _, err := s.(folio.FileStore).FindFile(ctx, name); folio.ErrorCode(err) != folio.EMissingFile {
			t.Errorf("FindFile(%s) = %v, want it skipped", name, err)
		}
	}
	_, stderr, err = folioRun(t, data, nil, args...)
	if err != nil || !strings.Contains(stderr, "0 uploaded, 2 skipped as existing") {
		t.Errorf("second import-images: %v\n%s", err, stderr)
	}
	mustWrite(t, filepath.Join(images, "bad.exe"), "MZ not allowed")
	if _, stderr, err = folioRun(t, data, nil, args...); err == nil || !strings.Contains(stderr, "1 failed") {
		t.Errorf("import-images with a banned file: %v\n%s", err, stderr)
	}
}
