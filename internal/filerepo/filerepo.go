// Package filerepo is Folio's file repository: it verifies uploads, stores
// their bytes in a folio.BlobStore under content-addressed keys and their
// metadata in a folio.FileStore, makes thumbnails on demand, serves
// originals and thumbnails over HTTP, and deletes, restores and reverts
// files.
//
// Every blob key is derived from content: originals live under
// orig/<sha1>, thumbnails under thumb/<sha1>/<width>px.<ext>. A key's bytes
// never change, so any number of web heads sharing one blob store and one
// database see the same files with no coordination, and URLs can be cached
// forever.
package filerepo

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

// Repo ties the file metadata store, the blob store and the media checks
// together. Set the fields before use; Files and Blobs are required.
type Repo struct {
	Files folio.FileStore
	Blobs folio.BlobStore
	// Log records deletions and restorations (upload logs are written by
	// Files.SaveFile).
	Log        folio.LogStore
	Namespaces *folio.Namespaces
	Verifier   *media.Verifier
	Thumbs     *media.Thumbnailer
	// Path is the URL path under which Handler is mounted, e.g. "/images".
	Path string
	// Retention is how long deleted files stay restorable before Purge
	// removes their bytes.
	Retention time.Duration
	Now       func() time.Time
	Logger    *slog.Logger

	mu       sync.Mutex
	inflight map[string]*call // thumbnails being made, by key
}

// New returns a repository over files and blobs with Folio's defaults:
// MediaWiki's namespaces, the default allow-list and size limit, SVG
// rasterizing in pure Go, URLs under /images and 30 days' retention.
func New(files folio.FileStore, blobs folio.BlobStore) *Repo {
	return &Repo{
		Files: files, Blobs: blobs,
		Namespaces: folio.NewNamespaces("Project"),
		Verifier:   &media.Verifier{},
		Thumbs:     &media.Thumbnailer{SVG: media.OKSVG{}},
		Path:       "/images",
		Retention:  30 * 24 * time.Hour,
		Now:        time.Now,
		Logger:     slog.Default(),
	}
}

// OriginalKey is the blob key of the bytes with base-36 SHA-1 sum.
func OriginalKey(sum string) string {
	return "orig/" + sum[:1] + "/" + sum[:2] + "/" + sum
}

// ThumbKey is the blob key of a thumbnail of the bytes with SHA-1 sum.
func ThumbKey(sum string, width int, mime string) string {
	return fmt.Sprintf("thumb/%s/%s/%s/%dpx.%s", sum[:1], sum[:2], sum, width, thumbExt(mime))
}

// thumbPrefix is the key prefix of every thumbnail of sum.
func thumbPrefix(sum string) string {
	return "thumb/" + sum[:1] + "/" + sum[:2] + "/" + sum + "/"
}

func thumbExt(mime string) string {
	if mime == "image/jpeg" {
		return "jpg"
	}
	return "png"
}

// URL returns the path of a file version's bytes: Path/<sha1>/<Name>. It
// names the content, so it never changes meaning.
func (r *Repo) URL(f *folio.File) string {
	return r.Path + "/" + f.SHA1 + "/" + escapeName(f.Name)
}

// ThumbName is the last part of a thumbnail URL, as MediaWiki names
// thumbnails: "200px-Name.png", or "200px-Name.svg.png" when the thumbnail
// has another type than the original.
func ThumbName(name, mime string, width int) string {
	out := fmt.Sprintf("%dpx-%s", width, name)
	if media.ThumbMIME(mime) != mime {
		out += "." + thumbExt(media.ThumbMIME(mime))
	}
	return out
}

// ThumbURL returns the path of a file scaled to width pixels:
// Path/thumb/<sha1>/<width>px-<Name>.
func (r *Repo) ThumbURL(f *folio.File, width int) string {
	return r.Path + "/thumb/" + f.SHA1 + "/" + escapeName(ThumbName(f.Name, f.MIME, width))
}

// escapeName escapes a DBKey for a URL path segment, keeping the
// characters MediaWiki leaves readable.
func escapeName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'(),;@$", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
