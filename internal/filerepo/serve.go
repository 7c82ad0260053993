package filerepo

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// Security headers of every file response. Files are never HTML, but a
// browser could still be talked into rendering one as a document (an SVG
// opened directly): the policy then forbids scripts, plugins, forms and
// loads, and sandboxes the document.
const (
	filePolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
	immutable  = "public, max-age=31536000, immutable"
)

// Handler serves originals and thumbnails under r.Path:
//
//	GET {Path}/{sha1}/{Name}                 the version of Name with that content
//	GET {Path}/thumb/{sha1}/{W}px-{Name}[.png] a thumbnail, made on first request
//
// URLs name content, so responses are cached as immutable.
func (r *Repo) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+r.Path+"/{sum}/{name}", r.serveOriginal)
	mux.HandleFunc("GET "+r.Path+"/thumb/{sum}/{name}", r.serveThumb)
	return mux
}

func (r *Repo) serveOriginal(w http.ResponseWriter, req *http.Request) {
	f, err := r.Open(req.Context(), req.PathValue("name"), req.PathValue("sum"))
	if err != nil {
		r.fail(w, req, err)
		return
	}
	r.send(w, req, OriginalKey(f.SHA1), f.MIME, f.SHA1, f.Name)
}

func (r *Repo) serveThumb(w http.ResponseWriter, req *http.Request) {
	thumbName := req.PathValue("name")
	width, name, ok := parseThumbName(thumbName)
	if !ok {
		http.Error(w, "Not a thumbnail name.", http.StatusNotFound)
		return
	}
	f, err := r.findThumbSource(req.Context(), req.PathValue("sum"), name, thumbName)
	if err != nil {
		r.fail(w, req, err)
		return
	}
	if tw, scale := r.ThumbWidth(f, width); !scale || tw != width {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		http.Redirect(w, req, r.thumbOrOriginal(f, tw, scale), http.StatusFound)
		return
	}
	th, err := r.Thumbnail(req.Context(), f, width)
	if err != nil {
		r.fail(w, req, err)
		return
	}
	r.send(w, req, th.Key, th.MIME, fmt.Sprintf("%s-%d", f.SHA1, width), thumbName)
}

// findThumbSource finds the version a thumbnail URL names; the name may
// carry the thumbnail's extra extension ("X.svg.png").
func (r *Repo) findThumbSource(ctx context.Context, sum, name, thumbName string) (*folio.File, error) {
	for _, n := range []string{name, strings.TrimSuffix(name, ".png"), strings.TrimSuffix(name, ".jpg")} {
		f, err := r.Open(ctx, n, sum)
		if err == nil && ThumbName(f.Name, f.MIME, mustAtoi(thumbName)) == thumbName {
			return f, nil
		} else if err != nil && !isNotFound(err) {
			return nil, err
		}
	}
	return nil, folio.Errorf(folio.EMissingFile, "There is no such thumbnail.")
}

func (r *Repo) thumbOrOriginal(f *folio.File, width int, scale bool) string {
	if scale {
		return r.ThumbURL(f, width)
	}
	return r.URL(f)
}

// parseThumbName splits "200px-Name.png" into 200 and "Name.png".
func parseThumbName(s string) (int, string, bool) {
	w, name, ok := strings.Cut(s, "px-")
	n, err := strconv.Atoi(w)
	if !ok || err != nil || n <= 0 || name == "" || w != strconv.Itoa(n) {
		return 0, "", false
	}
	return n, name, true
}

func mustAtoi(thumbName string) int {
	n, _, _ := parseThumbName(thumbName)
	return n
}

// send streams a blob with the file headers.
func (r *Repo) send(w http.ResponseWriter, req *http.Request, key, mime, etag, name string) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", filePolicy)
	h.Set("Cache-Control", immutable)
	h.Set("ETag", `"`+etag+`"`)
	if match := req.Header.Get("If-None-Match"); match == `"`+etag+`"` || match == "*" {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	rc, info, err := r.Blobs.Get(req.Context(), key)
	if err != nil {
		h.Del("Cache-Control")
		r.fail(w, req, err)
		return
	}
	defer rc.Close()
	h.Set("Content-Type", mime)
	h.Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(name))
	// Seekable blobs (local files, S3 objects) answer Range requests, which
	// players of audio and video and resumed downloads need.
	if rs, ok := rc.(io.ReadSeeker); ok {
		http.ServeContent(w, req, "", time.Time{}, rs)
		return
	}
	h.Set("Content-Length", strconv.FormatInt(info.Size, 10))
	if req.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(w, rc); err != nil {
		r.Logger.WarnContext(req.Context(), "send file", "key", key, "err", err)
	}
}

// fail answers with 404 for missing files, 400 for bad requests and 500
// (logged) for anything else.
func (r *Repo) fail(w http.ResponseWriter, req *http.Request, err error) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case isNotFound(err):
		http.Error(w, "No such file.", http.StatusNotFound)
	case folio.ErrorCode(err) == folio.EInvalidParameter:
		http.Error(w, folio.ErrorMessage(err), http.StatusBadRequest)
	default:
		r.Logger.ErrorContext(req.Context(), "serve file", "path", req.URL.Path, "err", err)
		http.Error(w, "An internal error occurred.", http.StatusInternalServerError)
	}
}
