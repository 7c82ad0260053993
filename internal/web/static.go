package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file.
type asset struct {
	name    string
	hash    string // first hex digits of the content's SHA-256
	body    []byte
	gzipped []byte // the body compressed, for text files worth it
	ctype   string
}

// assetSet holds the static files by name and by hashed name.
type assetSet struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

// loadAssets reads the embedded static files and hashes them.
func loadAssets() (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := strings.TrimPrefix(p, "static/")
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a := &asset{name: name, hash: hex.EncodeToString(sum[:])[:12], body: body, ctype: ctype}
		if len(body) >= minGzipBytes && (strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "svg")) {
			a.gzipped = gzipBytes(body)
		}
		set.byName[name] = a
		set.byHashed[hashedName(a)] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return set, nil
}

// hashedName inserts the content hash before the extension:
// folio.css becomes folio.3f2a9c1b0d4e.css.
func hashedName(a *asset) string {
	ext := path.Ext(a.name)
	return strings.TrimSuffix(a.name, ext) + "." + a.hash + ext
}

// assetURL returns the content-hashed URL of a static file. It panics on
// an unknown name so that a broken template fails its test.
func (s *Server) assetURL(name string) string {
	a, ok := s.assets.byName[name]
	if !ok {
		panic(fmt.Sprintf("web: no static file %q", name))
	}
	return "/static/" + hashedName(a)
}

// handleStatic serves a static file under its hashed name, cacheable
// forever.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets.byHashed[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", `"`+a.hash+`"`)
	if a.gzipped != nil && acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method != http.MethodHead {
			_, _ = w.Write(a.gzipped)
		}
		return
	}
	if r.Method != http.MethodHead {
		_, _ = w.Write(a.body)
	}
}

// handleFavicon redirects to the hashed favicon.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, s.assetURL("logo.svg"), http.StatusFound)
}
