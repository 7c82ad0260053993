package filerepo

import (
	"context"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
)

// WikitextFiles answers the wikitext parser's questions about files: it
// implements env.FileRepo, so that a render host can embed it and
// [[File:…]] syntax gets sizes, URLs and srcsets.
type WikitextFiles struct {
	Repo *Repo
	// Base is put before every URL: "" for paths, or the server's URL
	// ("https://wiki.example.org") for absolute URLs.
	Base string
}

var _ env.FileRepo = WikitextFiles{}

// FindFile returns the current version of the file t names. File
// redirects are not followed here; the host follows them first.
func (w WikitextFiles) FindFile(ctx context.Context, t env.Title) (env.FileInfo, bool, error) {
	if t.Namespace != env.NSFile && t.Namespace != env.NSMedia {
		return env.FileInfo{}, false, nil
	}
	f, err := w.Repo.Files.FindFile(ctx, t.DBKey)
	if isNotFound(err) {
		return env.FileInfo{}, false, nil
	} else if err != nil {
		return env.FileInfo{}, false, err
	}
	return env.FileInfo{
		Title: env.Title{Namespace: env.NSFile, DBKey: f.Name}, URL: w.Base + w.Repo.URL(f),
		Width: f.Width, Height: f.Height, Mime: f.MIME, Size: f.Size,
	}, true, nil
}

// ThumbURL returns the URL of f at width pixels. The content hash comes
// from f.URL, which FindFile made; bitmaps are never scaled up, so widths
// at or above the original's give the original.
func (w WikitextFiles) ThumbURL(f env.FileInfo, width int) string {
	if f.Mime != "image/svg+xml" && width >= f.Width {
		return f.URL
	}
	rest := strings.TrimPrefix(f.URL, w.Base+w.Repo.Path+"/")
	sum, escaped, ok := strings.Cut(rest, "/")
	if !ok {
		return f.URL
	}
	name, err := url.PathUnescape(escaped)
	if err != nil {
		return f.URL
	}
	return w.Base + w.Repo.Path + "/thumb/" + sum + "/" + escapeName(ThumbName(name, f.Mime, width))
}
