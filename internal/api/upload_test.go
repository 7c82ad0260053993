package api_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// pngOf returns a w×h PNG filled with c.
func pngOf(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PostFile sends params with a file part as multipart/form-data.
func (c *Client) PostFile(params url.Values, field, name string, data []byte) *Response {
	c.env.T.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range params {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	part, _ := w.CreateFormFile(field, name)
	_, _ = part.Write(data)
	_ = w.Close()
	req, err := http.NewRequest(http.MethodPost, c.env.URL+"/api.php", &b)
	if err != nil {
		c.env.T.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.send(req)
}

func wantPath(t *testing.T, r *Response, path string, want any) {
	t.Helper()
	if got := Path(r.JSON, splitPath(path)...); got != want {
		t.Errorf("%s = %#v, want %#v\nbody: %s", path, got, want, r.Body)
	}
}

// TestUpload covers action=upload with warnings, the stash and chunks,
// and the file queries.
func TestUpload(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		red, blue := pngOf(t, 16, 16, color.RGBA{200, 0, 0, 255}), pngOf(t, 16, 16, color.RGBA{0, 0, 200, 255})
		anon, c := env.NewClient(), env.NewClient()
		c.MustLogin("Alice")
		up := func(c *Client, name string, data []byte, kv ...string) *Response {
			p := P(append([]string{"action", "upload", "filename", name, "format", "json", "formatversion", "2", "token", c.Token("csrf")}, kv...)...)
			return c.PostFile(p, "file", name, data)
		}
		wantPath(t, up(anon, "Red.png", red), "error.code", "permissiondenied")
		r := up(c, "Red.png", red, "comment", "A red square", "text", "Red.")
		wantPath(t, r, "upload.result", "Success")
		wantPath(t, r, "upload.filename", "Red.png")
		wantPath(t, r, "upload.imageinfo.width", 16.0)
		r = up(c, "Red.png", blue)
		wantPath(t, r, "upload.result", "Warning")
		wantPath(t, r, "upload.warnings.exists", "Red.png")
		key, _ := Path(r.JSON, "upload", "filekey").(string)
		r = c.Post(P("action", "upload", "filename", "Red.png", "filekey", key, "ignorewarnings", "1", "comment", "now blue",
			"token", c.Token("csrf"), "format", "json", "formatversion", "2"))
		wantPath(t, r, "upload.result", "Success")
		r = up(c, "Copy.png", blue)
		wantPath(t, r, "upload.warnings.duplicate.0", "Red.png")
		r = c.Get(P("action", "query", "titles", "File:Red.png|File:Nothing.png", "prop", "imageinfo", "iiprop", "url|size|mime|sha1|comment",
			"iiurlwidth", "8", "iilimit", "2", "format", "json", "formatversion", "2"))
		wantPath(t, r, "query.pages.0.imagerepository", "")
		wantPath(t, r, "query.pages.1.imagerepository", "local")
		wantPath(t, r, "query.pages.1.imageinfo.0.comment", "now blue")
		wantPath(t, r, "query.pages.1.imageinfo.0.mime", "image/png")
		wantPath(t, r, "query.pages.1.imageinfo.0.thumbwidth", 8.0)
		wantPath(t, r, "query.pages.1.imageinfo.1.comment", "A red square")
		r = c.Get(P("action", "query", "list", "allimages", "format", "json", "formatversion", "2"))
		wantPath(t, r, "query.allimages.0.name", "Red.png")
		testChunkedUpload(t, c, pngOf(t, 40, 40, color.RGBA{0, 150, 0, 255}))
	})
}

// testChunkedUpload sends data in two chunks, then finishes the upload.
func testChunkedUpload(t *testing.T, c *Client, data []byte) {
	t.Helper()
	size := strconv.Itoa(len(data))
	half := len(data) / 2
	chunk := func(offset int, part []byte, key string) *Response {
		p := P("action", "upload", "stash", "1", "filename", "Green.png", "filesize", size, "offset", strconv.Itoa(offset),
			"token", c.Token("csrf"), "format", "json", "formatversion", "2")
		if key != "" {
			p.Set("filekey", key)
		}
		return c.PostFile(p, "chunk", "blob", part)
	}
	r := chunk(0, data[:half], "")
	wantPath(t, r, "upload.result", "Continue")
	wantPath(t, r, "upload.offset", float64(half))
	key, _ := Path(r.JSON, "upload", "filekey").(string)
	wantPath(t, chunk(7, data[half:], key), "error.code", "stashfailed")
	r = chunk(half, data[half:], key)
	wantPath(t, r, "upload.result", "Success")
	r = c.Post(P("action", "upload", "filename", "Green.png", "filekey", key, "comment", "chunked",
		"token", c.Token("csrf"), "format", "json", "formatversion", "2"))
	wantPath(t, r, "upload.result", "Success")
	wantPath(t, r, "upload.imageinfo.width", 40.0)
}
