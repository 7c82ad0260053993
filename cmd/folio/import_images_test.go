package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
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

func TestImportUploads(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 5, 2))); err != nil {
		t.Fatal(err)
	}
	page := uploadPageXML(img.Bytes(), "A test image.")
	src, err := os.ReadFile(genDump)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	file := filepath.Join(t.TempDir(), "uploads.xml")
	mustWrite(t, file, s[:strings.Index(s, "  <page>")]+page+"</mediawiki>\n")
	data, blobs := t.TempDir(), t.TempDir()
	for _, want := range []string{"1 file versions stored, 0 skipped", "0 pages: 0 revisions added, 0 already present; 0 file versions stored"} {
		_, stderr, err := folioRun(t, data, nil, "import", "--files", blobs, file)
		if err != nil || !strings.Contains(stderr, want) {
			t.Fatalf("import --files: %v, want %q in\n%s", err, want, stderr)
		}
	}
	f, err := mustOpenData(t, data).(folio.FileStore).FindFile(context.Background(), "Dot.png")
	if err != nil || f.Width != 5 || f.Height != 2 || f.Comment != "first version" || f.Actor.Name != "Uploader" {
		t.Errorf("FindFile(Dot.png) = %+v, %v; want the 5×2 upload by Uploader", f, err)
	}
	_, stderr, err := folioRun(t, t.TempDir(), nil, "import", file)
	if err != nil || !strings.Contains(stderr, "1 <upload> file versions skipped (give --files to store them)") {
		t.Errorf("import without --files: %v\n%s", err, stderr)
	}
}

// uploadPageXML is a dump <page> for File:Dot.png with one revision and an
// <upload> that embeds img.
func uploadPageXML(img []byte, text string) string {
	return `  <page>
    <title>File:Dot.png</title>
    <ns>6</ns>
    <id>9</id>
    <revision>
      <id>90</id>
      <timestamp>2020-05-01T00:00:00Z</timestamp>
      <contributor><username>Uploader</username><id>4</id></contributor>
      <text xml:space="preserve">` + text + `</text>
      <sha1>` + folio.SHA1Base36(text) + `</sha1>
    </revision>
    <upload>
      <timestamp>2020-05-01T00:00:00Z</timestamp>
      <contributor><username>Uploader</username><id>4</id></contributor>
      <comment>first version</comment>
      <filename>Dot.png</filename>
      <src>http://example.invalid/images/Dot.png</src>
      <size>` + strconv.Itoa(len(img)) + `</size>
      <sha1base36>` + folio.SHA1Base36(string(img)) + `</sha1base36>
      <contents encoding="base64">` + base64.StdEncoding.EncodeToString(img) + `</contents>
    </upload>
  </page>
`
}
