package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
)

// MustStartFiles is MustStart with a file repository on local disk.
func MustStartFiles(tb testing.TB, store folio.Store) *Env {
	tb.Helper()
	if _, err := store.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	ns := folio.NewNamespaces("Folio Test")
	svc := wiki.New(store, ns)
	rr := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Folio Test"}
	svc.Linker = rr
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc.Logger = logger
	blobs := localfs.NewBlobStore(filepath.Join(tb.TempDir(), "files"))
	if err := blobs.Open(); err != nil {
		tb.Fatalf("localfs Open() error: %v", err)
	}
	repo := filerepo.New(store.(folio.FileStore), blobs)
	repo.Namespaces, repo.Log, repo.Logger = ns, store, logger
	rr.Files = filerepo.WikitextFiles{Repo: repo}
	srv := &web.Server{
		Wiki: svc, Store: store, Renderer: rr, Namespaces: ns, Logger: logger, Files: repo,
		Site:    web.Site{Name: "Folio Test", Server: "http://wiki.test"},
		Version: web.VersionInfo{Folio: "0.0.0-test"},
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return &Env{T: tb, Store: store, Wiki: svc, Server: srv, URL: ts.URL}
}

// Upload posts Special:Upload as a multipart form with a file (when data
// is not nil) and the CSRF token.
func (b *Browser) Upload(fields map[string]string, fileName string, data []byte) *Response {
	b.env.T.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields["wpEditToken"] = b.Token()
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if data != nil {
		fw, _ := mw.CreateFormFile("wpUploadFile", fileName)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.env.URL+"/index.php?title=Special:Upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.client.Do(req)
	if err != nil {
		b.env.T.Fatalf("POST Special:Upload error: %v", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(out)}
}

func testPNG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(0, 0, color.White)
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

const testSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150"><rect width="300" height="150" fill="#36c"/></svg>`

var thumbSrcRE = regexp.MustCompile(`src="(/images/thumb/[^"]+)"`)

func TestUploadFlow(t *testing.T) {
	env := MustStartFiles(t, MustOpenSQLite(t))
	env.MustCreateUser("Uploader")
	anon, user := env.NewBrowser(), env.NewBrowser()
	user.MustLogin("Uploader")
	pngData := testPNG(64, 48)
	t.Run("upload form", func(t *testing.T) {
		if resp := user.Do("GET", "/wiki/Special:Upload", nil); resp.Status != 200 || !strings.Contains(resp.Body, `id="wpUploadFile"`) {
			t.Errorf("GET Special:Upload = %d, want the form\n%s", resp.Status, pageExcerpt(resp.Body))
		}
	})
	t.Run("anonymous may not upload", func(t *testing.T) {
		if resp := anon.Do("GET", "/wiki/Special:Upload", nil); resp.Status != 403 {
			t.Errorf("GET Special:Upload as anonymous = %d, want 403", resp.Status)
		}
	})
	steps := []struct {
		name     string
		fields   map[string]string
		file     string
		data     []byte
		status   int
		want     string
		location string
	}{
		{"png", map[string]string{"wpUploadDescription": "A test picture"}, "Test image.png", pngData, 303, "", "/wiki/File:Test_image.png"},
		{"svg", map[string]string{"wpDestFile": "Drawing.svg", "wpLicense": "{{cc-by-4.0}}"}, "x.svg", []byte(testSVG), 303, "", "/wiki/File:Drawing.svg"},
		{"duplicate warns", map[string]string{"wpDestFile": "Copy.png"}, "c.png", pngData, 400, "same content as", ""},
		{"png named jpg", map[string]string{}, "Photo.jpg", pngData, 400, "does not match its extension", ""},
		{"script in svg", map[string]string{}, "Evil.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 400, "This SVG file is refused", ""},
		{"no file", map[string]string{"wpDestFile": "Nothing.png"}, "", nil, 400, "Choose a file", ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			resp := user.Upload(st.fields, st.file, st.data)
			if resp.Status != st.status || !strings.Contains(resp.Body, st.want) || !strings.Contains(resp.Header.Get("Location"), st.location) {
				t.Errorf("upload %s = %d (Location %q), want %d with %q and Location %q\n%s", st.name, resp.Status,
					resp.Header.Get("Location"), st.status, st.want, st.location, pageExcerpt(resp.Body))
			}
		})
	}
	t.Run("upload anyway", func(t *testing.T) {
		resp := user.Upload(map[string]string{"wpDestFile": "Copy.png"}, "c.png", pngData)
		key := regexp.MustCompile(`name="wpSessionKey" value="([A-Z2-7]+)"`).FindStringSubmatch(resp.Body)
		if key == nil || !strings.Contains(resp.Body, "Upload anyway") {
			t.Fatalf("warning page lacks the stash key or the button:\n%s", pageExcerpt(resp.Body))
		}
		resp = user.Upload(map[string]string{"wpDestFile": "Copy.png", "wpSessionKey": key[1], "wpIgnoreWarning": "1"}, "", nil)
		if resp.Status != 303 || !strings.Contains(resp.Header.Get("Location"), "File:Copy.png") {
			t.Errorf("upload anyway = %d %q, want 303 to File:Copy.png\n%s", resp.Status, resp.Header.Get("Location"), pageExcerpt(resp.Body))
		}
	})
	env.MustEdit("Gallery", "[[File:Test image.png|20px|A test]] [[Media:Drawing.svg]]", "use the files", nil)
	checkFilePages(t, env, anon)
}

// checkFilePages checks the pages that show the uploads of TestUploadFlow.
func checkFilePages(t *testing.T, env *Env, b *Browser) {
	svgPage := b.Do("GET", "/wiki/File:Drawing.svg", nil)
	m := thumbSrcRE.FindStringSubmatch(svgPage.Body)
	if svgPage.Status != 200 || m == nil || !strings.HasSuffix(m[1], "px-Drawing.svg.png") {
		t.Fatalf("File:Drawing.svg = %d, want a PNG preview\n%s", svgPage.Status, pageExcerpt(svgPage.Body))
	}
	thumb := b.Do("GET", m[1], nil)
	if thumb.Status != 200 || thumb.Header.Get("Content-Type") != "image/png" || thumb.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET %s = %d %s, want a PNG with nosniff", m[1], thumb.Status, thumb.Header.Get("Content-Type"))
	} else if img, err := png.Decode(strings.NewReader(thumb.Body)); err != nil || img.Bounds().Dx() != 300 {
		t.Errorf("preview decodes to %v, %v; want 300 pixels wide", boundsOf(img), err)
	}
	Run(t, map[string]*Browser{"anon": b}, []Scenario{
		{Name: "file page", As: "anon", URL: "/wiki/File:Test_image.png", Status: 200,
			Want: []string{"File history", "64 × 48", "A test picture", "image/png"}},
		{Name: "unused file", As: "anon", URL: "/wiki/File:Copy.png", Status: 200, Want: []string{"There are no pages that use this file"}},
		{Name: "page using files", As: "anon", URL: "/wiki/Gallery", Status: 200,
			Want: []string{`px-Test_image.png" decoding="async" width="20" height="15"`, `/images/thumb/`, `/Drawing.svg"`}},
		{Name: "description page text", As: "anon", URL: "/wiki/File:Drawing.svg", Status: 200, Want: []string{"Licensing", "Cc-by-4.0", "rendered as PNG"}},
		{Name: "missing file", As: "anon", URL: "/wiki/File:Nope.png", Status: 404, Want: []string{"No file by this name exists"}},
		{Name: "list", As: "anon", URL: "/wiki/Special:ListFiles", Status: 200, Want: []string{"Test image.png", "Drawing.svg", "Copy.png"}},
		{Name: "list search svg", As: "anon", URL: "/index.php?title=Special:ListFiles&ilsearch=.svg", Status: 200,
			Want: []string{"Drawing.svg"}, DontWant: []string{"Test image.png", "Copy.png"}},
		{Name: "list by user", As: "anon", URL: "/index.php?title=Special:ListFiles&user=Nobody", Status: 200, Want: []string{"No file matches"}},
		{Name: "list by name", As: "anon", URL: "/index.php?title=Special:ListFiles&sort=img_name&desc=0&limit=1", Status: 200,
			Want: []string{"Copy.png", "next 1"}, DontWant: []string{"Test image.png"}},
		{Name: "alias", As: "anon", URL: "/wiki/Special:ImageList", Status: 301, Location: "/wiki/Special:ListFiles"},
		{Name: "new files", As: "anon", URL: "/wiki/Special:NewFiles", Status: 200, Want: []string{"gallerybox", "Drawing.svg"}},
		{Name: "file path", As: "anon", URL: "/wiki/Special:FilePath/Test_image.png", Status: 302, Location: "http://wiki.test/images/"},
		{Name: "file path thumbnail", As: "anon", URL: "/index.php?title=Special:FilePath&file=Drawing.svg&width=40", Status: 302, Location: "40px-Drawing.svg.png"},
		{Name: "redirect to file", As: "anon", URL: "/wiki/Special:Redirect/file/Test_image.png", Status: 302, Location: "/Test_image.png"},
		{Name: "redirect to file by query", As: "anon", URL: "/index.php?title=Special:Redirect&wptype=file&wpvalue=Drawing.svg", Status: 302, Location: "/Drawing.svg"},
		{Name: "file path form", As: "anon", URL: "/wiki/Special:FilePath", Status: 200, Want: []string{"mw-filepath-form"}},
		{Name: "file path missing", As: "anon", URL: "/wiki/Special:FilePath/Nope.png", Status: 404},
		{Name: "special pages", As: "anon", URL: "/wiki/Special:SpecialPages", Status: 200, Want: []string{"Upload file", "File list"}},
		{Name: "upload log", As: "anon", URL: "/index.php?title=Special:Log&type=upload", Status: 200, Want: []string{"Drawing.svg"}},
	})
}

func boundsOf(img image.Image) image.Rectangle {
	if img == nil {
		return image.Rectangle{}
	}
	return img.Bounds()
}

// TestFilesDisabled checks the file pages of a wiki without a repository.
func TestFilesDisabled(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
		{Name: "upload", As: "anon", URL: "/wiki/Special:Upload", Status: 403, Want: []string{"disabled"}},
		{Name: "images", As: "anon", URL: "/images/abc/X.png", Status: 404},
		{Name: "file page", As: "anon", URL: "/wiki/File:X.png", Status: 404, DontWant: []string{"No file by this name"}},
	})
}

var revertRE = regexp.MustCompile(`href="(/index.php\?title=File:Logo.png&amp;action=revert&amp;oldimage=[^"]+)"`)
var fileURLRE = regexp.MustCompile(`href="(/images/[a-z0-9]+/Logo.png)"`)

// TestFileRevertDeleteUndelete reverts a file to its first version, then
// deletes and restores its page: the file goes and comes back with it.
func TestFileRevertDeleteUndelete(t *testing.T) {
	env := MustStartFiles(t, MustOpenSQLite(t))
	env.MustCreateUser("Admin", "sysop")
	admin, anon := env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Admin")
	for i, data := range [][]byte{testPNG(10, 10), testPNG(20, 10)} {
		resp := admin.Upload(map[string]string{"wpDestFile": "Logo.png", "wpIgnoreWarning": "1"}, "logo.png", data)
		if resp.Status != 303 {
			t.Fatalf("upload %d = %d\n%s", i, resp.Status, pageExcerpt(resp.Body))
		}
	}
	page := admin.Do("GET", "/wiki/File:Logo.png", nil)
	m := revertRE.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("File page has no revert link:\n%s", pageExcerpt(page.Body))
	}
	revertURL := strings.ReplaceAll(m[1], "&amp;", "&")
	resp := admin.Do("POST", revertURL, url.Values{"wpEditToken": {admin.Token()}, "wpReason": {"back to the first"}})
	if resp.Status != 200 || !strings.Contains(resp.Body, "has been reverted") {
		t.Fatalf("POST %s = %d\n%s", revertURL, resp.Status, pageExcerpt(resp.Body))
	}
	page = anon.Do("GET", "/wiki/File:Logo.png", nil)
	if !strings.Contains(page.Body, "10 × 10 pixels") || !strings.Contains(page.Body, "back to the first") {
		t.Errorf("after revert, File page does not show the first version:\n%s", pageExcerpt(page.Body))
	}
	if anon.Do("GET", revertURL, nil).Status != 403 {
		t.Errorf("anonymous GET %s is not refused", revertURL)
	}
	fileURL := fileURLRE.FindStringSubmatch(page.Body)
	if fileURL == nil {
		t.Fatalf("no file URL on the File page")
	}
	Run(t, map[string]*Browser{"admin": admin, "anon": anon}, []Scenario{
		{Name: "file served", As: "anon", URL: fileURL[1], Status: 200},
		{Name: "delete", As: "admin", Method: "POST", URL: "/index.php?title=File:Logo.png&action=delete",
			Form: url.Values{"wpEditToken": {"{token}"}, "wpReason": {"test"}}, Status: 200, Want: []string{"has been deleted"}},
		{Name: "deleted file not served", As: "anon", URL: fileURL[1], Status: 404},
		{Name: "deleted file page", As: "anon", URL: "/wiki/File:Logo.png", Status: 404, Want: []string{"No file by this name exists"}},
		{Name: "undelete", As: "admin", Method: "POST", URL: "/index.php?title=File:Logo.png&action=undelete",
			Form: url.Values{"wpEditToken": {"{token}"}, "wpComment": {"oops"}}, Status: 200, Want: []string{"has been restored"}},
		{Name: "restored file served", As: "anon", URL: fileURL[1], Status: 200},
		{Name: "restored history", As: "anon", URL: "/wiki/File:Logo.png", Status: 200, Want: []string{"10 × 10", "20 × 10"}},
	})
}
