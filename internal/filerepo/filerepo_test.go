package filerepo_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/sqlite"
)

var (
	alice = folio.Actor{Name: "192.0.2.10"}
	bob   = folio.Actor{Name: "192.0.2.11"}
)

const greenSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#0a0"/></svg>`

// MustOpenStore opens a migrated SQLite store in the test's directory.
func MustOpenStore(tb testing.TB, path string) folio.Store {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatalf("sqlite.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	return db
}

// MustOpenRepo returns a repository on a fresh SQLite store and local disk.
func MustOpenRepo(tb testing.TB) (*filerepo.Repo, folio.Store) {
	tb.Helper()
	dir := tb.TempDir()
	s := MustOpenStore(tb, filepath.Join(dir, "folio.db"))
	blobs := localfs.NewBlobStore(filepath.Join(dir, "blobs"))
	if err := blobs.Open(); err != nil {
		tb.Fatalf("localfs Open() error: %v", err)
	}
	r := filerepo.New(s.(folio.FileStore), blobs)
	r.Log = s
	return r, s
}

// pngOf returns a w×h PNG filled with c.
func pngOf(tb testing.TB, w, h int, c color.Color) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// MustUpload uploads data as name, ignoring warnings, and returns the file.
func MustUpload(tb testing.TB, r *filerepo.Repo, name string, data []byte, a folio.Actor) *folio.File {
	tb.Helper()
	res, err := r.Upload(context.Background(), &filerepo.UploadRequest{Name: name, Data: data, Actor: a,
		Comment: "upload " + name, PageText: "About " + name, IgnoreWarnings: true, MayOverwrite: true})
	if err != nil || !res.Saved {
		tb.Fatalf("Upload(%s) = %+v, %v; want it saved", name, res, err)
	}
	return res.File
}

// get fetches path from h and returns the response with its body read.
func get(tb testing.TB, h http.Handler, path string) (*http.Response, []byte) {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func TestUploadAndServe(t *testing.T) {
	r, _ := MustOpenRepo(t)
	h := r.Handler()
	pngData := pngOf(t, 80, 40, color.RGBA{200, 0, 0, 255})
	f := MustUpload(t, r, "Red box.png", pngData, alice)
	if f.Name != "Red_box.png" || f.Width != 80 || f.Height != 40 || f.MIME != "image/png" {
		t.Fatalf("Upload() file = %+v", f)
	}
	svg := MustUpload(t, r, "green.svg", []byte(greenSVG), alice)
	tests := []struct {
		name     string
		path     string
		status   int
		mime     string
		w, h     int // decoded PNG size, when set
		sameBody []byte
	}{
		{"original", r.URL(f), 200, "image/png", 80, 40, pngData},
		{"thumbnail", r.ThumbURL(f, 20), 200, "image/png", 20, 10, nil},
		{"svg original", r.URL(svg), 200, "image/svg+xml", 0, 0, []byte(greenSVG)},
		{"svg preview", r.ThumbURL(svg, 60), 200, "image/png", 60, 30, nil},
		{"svg upscaled preview", r.ThumbURL(svg, 240), 200, "image/png", 240, 120, nil},
		{"bitmap never scaled up", r.ThumbURL(f, 160), 302, "", 0, 0, nil},
		{"wrong content hash", "/images/" + svg.SHA1 + "/Red_box.png", 404, "", 0, 0, nil},
		{"unknown file", "/images/" + f.SHA1 + "/Nope.png", 404, "", 0, 0, nil},
		{"bad thumbnail name", "/images/thumb/" + f.SHA1 + "/big-Red_box.png", 404, "", 0, 0, nil},
		{"thumbnail of another name", "/images/thumb/" + f.SHA1 + "/20px-Other.png", 404, "", 0, 0, nil},
		{"svg thumbnail without .png", "/images/thumb/" + svg.SHA1 + "/60px-Green.svg", 404, "", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, h, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s = %d (%s), want %d", tt.path, res.StatusCode, body, tt.status)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: no nosniff header", tt.path)
			}
			if tt.status != 200 {
				return
			}
			checkFileHeaders(t, tt.path, res, tt.mime)
			if tt.sameBody != nil && !bytes.Equal(body, tt.sameBody) {
				t.Errorf("GET %s: body differs from the upload", tt.path)
			}
			if tt.w > 0 {
				img, err := png.Decode(bytes.NewReader(body))
				if err != nil || img.Bounds().Dx() != tt.w || img.Bounds().Dy() != tt.h {
					t.Errorf("GET %s: decodes to %v, %v; want %d×%d", tt.path, boundsOf(img), err, tt.w, tt.h)
				}
			}
		})
	}
}

func boundsOf(img image.Image) image.Rectangle {
	if img == nil {
		return image.Rectangle{}
	}
	return img.Bounds()
}

func checkFileHeaders(t *testing.T, path string, res *http.Response, mime string) {
	t.Helper()
	if got := res.Header.Get("Content-Type"); got != mime {
		t.Errorf("GET %s: Content-Type %q, want %q", path, got, mime)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "sandbox") {
		t.Errorf("GET %s: Content-Security-Policy %q, want default-src 'none' and sandbox", path, csp)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("GET %s: Cache-Control %q, want immutable", path, cc)
	}
}

func TestUploadWarnings(t *testing.T) {
	r, _ := MustOpenRepo(t)
	ctx := context.Background()
	red := pngOf(t, 4, 4, color.RGBA{255, 0, 0, 255})
	MustUpload(t, r, "Red.png", red, alice)
	MustUpload(t, r, "Gone.png", pngOf(t, 3, 3, color.White), alice)
	if _, err := r.Delete(ctx, filerepo.DeleteRequest{Name: "Gone.png", Actor: bob, Reason: "test"}); err != nil {
		t.Fatalf("Delete() error: %v", err)
	}
	blue := pngOf(t, 4, 4, color.RGBA{0, 0, 255, 255})
	tests := []struct {
		name string
		file string
		data []byte
		want []string
	}{
		{"none", "Blue.png", blue, nil},
		{"exists", "Red.png", blue, []string{filerepo.WarnExists}},
		{"duplicate", "Copy of red.png", red, []string{filerepo.WarnDuplicate}},
		{"exists and duplicate of itself is not a duplicate", "Red.png", red, []string{filerepo.WarnExists}},
		{"bad name", "a:b.png", blue, []string{filerepo.WarnBadName}},
		{"lower-case first letter is fine", "green.png", pngOf(t, 2, 2, color.RGBA{0, 255, 0, 255}), nil},
		{"was deleted", "Gone.png", blue, []string{filerepo.WarnWasDeleted}},
		{"thumbnail-like", "120px-Blue.png", blue, []string{filerepo.WarnThumbName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Upload(ctx, &filerepo.UploadRequest{Name: tt.file, Data: tt.data, Actor: bob})
			if err != nil {
				t.Fatalf("Upload(%s) error: %v", tt.file, err)
			}
			var got []string
			for _, w := range res.Warnings {
				got = append(got, w.Code)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Upload(%s) warnings = %q, want %q", tt.file, got, tt.want)
			}
			if res.Saved != (len(tt.want) == 0) {
				t.Errorf("Upload(%s) saved = %v with warnings %q", tt.file, res.Saved, got)
			}
			if len(tt.want) == 0 {
				if _, err := r.Delete(ctx, filerepo.DeleteRequest{Name: res.Name, Actor: bob}); err != nil {
					t.Errorf("clean up: %v", err)
				}
			}
		})
	}
}

func TestUploadRefused(t *testing.T) {
	r, _ := MustOpenRepo(t)
	ctx := context.Background()
	pngData := pngOf(t, 4, 4, color.Black)
	MustUpload(t, r, "Taken.png", pngData, alice)
	tests := []struct {
		name string
		req  filerepo.UploadRequest
		code string
	}{
		{"png named jpg", filerepo.UploadRequest{Name: "Photo.jpg", Data: pngData}, folio.EVerification},
		{"script in svg", filerepo.UploadRequest{Name: "X.svg", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, folio.EVerification},
		{"onload svg", filerepo.UploadRequest{Name: "X.svg", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)}, folio.EVerification},
		{"empty", filerepo.UploadRequest{Name: "E.png"}, folio.EEmptyFile},
		{"banned type", filerepo.UploadRequest{Name: "x.exe", Data: []byte("MZ")}, folio.EFileTypeBanned},
		{"no extension", filerepo.UploadRequest{Name: "README", Data: pngData}, folio.EBadFileName},
		{"only an extension", filerepo.UploadRequest{Name: ".png", Data: pngData}, folio.EBadFileName},
		{"empty name", filerepo.UploadRequest{Name: "  ", Data: pngData}, folio.EBadFileName},
		{"overwrite without the right", filerepo.UploadRequest{Name: "Taken.png", Data: pngOf(t, 5, 5, color.White),
			IgnoreWarnings: true}, folio.EPermissionDenied},
		{"identical new version", filerepo.UploadRequest{Name: "Taken.png", Data: pngData, IgnoreWarnings: true,
			MayOverwrite: true}, folio.EFileExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Actor = bob
			_, err := r.Upload(ctx, &tt.req)
			if got := folio.ErrorCode(err); got != tt.code {
				t.Errorf("Upload(%s) error = %v (code %q), want %q", tt.req.Name, err, got, tt.code)
			}
		})
	}
}

func TestVersionsDeleteUndeletePurge(t *testing.T) {
	r, s := MustOpenRepo(t)
	ctx := context.Background()
	h := r.Handler()
	v1 := MustUpload(t, r, "Logo.png", pngOf(t, 40, 40, color.Black), alice)
	v2 := MustUpload(t, r, "Logo.png", pngOf(t, 40, 40, color.White), bob)
	for _, f := range []*folio.File{v1, v2} {
		if res, _ := get(t, h, r.URL(f)); res.StatusCode != 200 {
			t.Errorf("GET %s = %d, want 200 (old and new versions are served)", r.URL(f), res.StatusCode)
		}
	}
	olds, err := s.(folio.FileStore).FindFileVersions(ctx, "Logo.png")
	if err != nil || len(olds) != 1 {
		t.Fatalf("FindFileVersions() = %v, %v; want one", olds, err)
	}
	if _, err := r.Revert(ctx, "Logo.png", olds[0].ArchiveName, alice, "back"); err != nil {
		t.Fatalf("Revert() error: %v", err)
	}
	if cur, err := s.(folio.FileStore).FindFile(ctx, "Logo.png"); err != nil || cur.SHA1 != v1.SHA1 {
		t.Errorf("after Revert, current = %v, %v; want v1's content", cur, err)
	}
	thumb := r.ThumbURL(v1, 10)
	if res, _ := get(t, h, thumb); res.StatusCode != 200 {
		t.Fatalf("GET %s = %d, want 200", thumb, res.StatusCode)
	}
	if _, err := r.Delete(ctx, filerepo.DeleteRequest{Name: "Logo.png", Actor: bob, Reason: "spam"}); err != nil {
		t.Fatalf("Delete() error: %v", err)
	}
	for _, p := range []string{r.URL(v1), r.URL(v2), thumb} {
		if res, _ := get(t, h, p); res.StatusCode != 404 {
			t.Errorf("after Delete, GET %s = %d, want 404", p, res.StatusCode)
		}
	}
	if n, err := r.Undelete(ctx, "Logo.png", nil, alice, "oops"); err != nil || n != 3 {
		t.Fatalf("Undelete() = %d, %v; want 3 versions", n, err)
	}
	if res, _ := get(t, h, r.URL(v1)); res.StatusCode != 200 {
		t.Errorf("after Undelete, GET %s = %d, want 200", r.URL(v1), res.StatusCode)
	}
	logs, err := s.FindLogEntries(ctx, folio.LogFilter{DBKey: "Logo.png"})
	var actions []string
	for _, le := range logs {
		actions = append(actions, le.Type+"/"+le.Action)
	}
	if want := "delete/restore delete/delete upload/revert upload/overwrite upload/upload"; err != nil || strings.Join(actions, " ") != want {
		t.Errorf("log = %q, %v; want %q", actions, err, want)
	}
	checkPurge(t, r, v1, v2)
}

// checkPurge deletes Logo.png again and purges it: its blobs go.
func checkPurge(t *testing.T, r *filerepo.Repo, v1, v2 *folio.File) {
	ctx := context.Background()
	if _, err := r.Delete(ctx, filerepo.DeleteRequest{Name: "Logo.png", Actor: bob}); err != nil {
		t.Fatalf("Delete() error: %v", err)
	}
	if n, err := r.Purge(ctx); err != nil || n != 0 {
		t.Errorf("Purge() within retention = %d, %v; want 0", n, err)
	}
	r.Now = func() time.Time { return time.Now().Add(r.Retention + time.Hour) }
	if n, err := r.Purge(ctx); err != nil || n != 2 {
		t.Errorf("Purge() after retention = %d, %v; want 2 contents", n, err)
	}
	for info, err := range r.Blobs.List(ctx, "") {
		t.Errorf("after Purge, blob %s (%v) remains", info.Key, err)
	}
}

func TestNormalizeName(t *testing.T) {
	r, _ := MustOpenRepo(t)
	tests := []struct{ in, want, code string }{
		{"sun set.PNG", "Sun_set.PNG", ""},
		{"  a/b\\c:d.png ", "A-b-c-d.png", ""},
		{"x#y[z].svg", "X-y-z-.svg", ""},
		{"Ünïcödé.jpg", "Ünïcödé.jpg", ""},
		{"noext", "", folio.EBadFileName},
		{"", "", folio.EBadFileName},
		{strings.Repeat("a", 300) + ".png", "", folio.EBadFileName},
	}
	for _, tt := range tests {
		got, err := r.NormalizeName(tt.in)
		if got != tt.want || folio.ErrorCode(err) != tt.code {
			t.Errorf("NormalizeName(%q) = %q, %v; want %q, code %q", tt.in, got, err, tt.want, tt.code)
		}
	}
}

func TestServeConditionalAndHead(t *testing.T) {
	r, _ := MustOpenRepo(t)
	h := r.Handler()
	data := pngOf(t, 8, 8, color.White)
	f := MustUpload(t, r, "Dot.png", data, alice)
	tests := []struct {
		name   string
		method string
		header string
		status int
		body   int // body length
	}{
		{"get", "GET", "", 200, len(data)},
		{"head", "HEAD", "", 200, 0},
		{"not modified", "GET", `"` + f.SHA1 + `"`, 304, 0},
		{"other etag", "GET", `"other"`, 200, len(data)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, r.URL(f), nil)
			if tt.header != "" {
				req.Header.Set("If-None-Match", tt.header)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status || rec.Body.Len() != tt.body {
				t.Errorf("%s %s = %d with %d bytes, want %d with %d", tt.method, r.URL(f), rec.Code, rec.Body.Len(), tt.status, tt.body)
			}
			if tt.status == 200 && rec.Header().Get("Content-Length") != fmt.Sprint(len(data)) {
				t.Errorf("%s: Content-Length %q, want %d", tt.name, rec.Header().Get("Content-Length"), len(data))
			}
		})
	}
}
