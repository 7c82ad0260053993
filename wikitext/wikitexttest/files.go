package wikitexttest

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
)

// TestFiles are the uploads the parser tests assume.
var TestFiles = map[string]env.FileInfo{
	"Foobar.jpg":      {Width: 1941, Height: 220, Mime: "image/jpeg", Size: 7881},
	"Thumb.png":       {Width: 135, Height: 135, Mime: "image/png", Size: 22589},
	"Foobar.svg":      {Width: 240, Height: 180, Mime: "image/svg+xml", Size: 12345},
	"Bad.jpg":         {Width: 320, Height: 240, Mime: "image/jpeg", Size: 12345},
	"Video.ogv":       {Width: 320, Height: 240, Mime: "video/ogg", Size: 12345},
	"Audio.oga":       {Mime: "audio/ogg", Size: 12345},
	"LoremIpsum.djvu": {Width: 2480, Height: 3508, Mime: "image/vnd.djvu", Size: 3249},
}

// ThumbURL implements env.FileRepo: thumb/<hash>/<name>/<w>px-<name>,
// with ".png" appended for SVG files.
func (h *Host) ThumbURL(f env.FileInfo, width int) string {
	name := f.Title.DBKey
	sum := md5.Sum([]byte(name))
	hx := hex.EncodeToString(sum[:])
	thumb := strconv.Itoa(width) + "px-" + name
	if strings.HasSuffix(strings.ToLower(name), ".svg") {
		thumb += ".png"
	}
	return "http://example.com/images/thumb/" + hx[:1] + "/" + hx[:2] + "/" + name + "/" + thumb
}

// FileURL returns the URL of an upload in the test repository, which
// uses two levels of MD5 hash directories.
func FileURL(name string) string {
	sum := md5.Sum([]byte(name))
	h := hex.EncodeToString(sum[:])
	return "http://example.com/images/" + h[:1] + "/" + h[:2] + "/" + name
}

var fileRedirect = regexp.MustCompile(`(?i)^\s*#REDIRECT\s*:?\s*\[\[([^\]|]+)`)

// FindFile implements env.FileRepo over TestFiles, following redirect
// pages in the File namespace.
func (h *Host) FindFile(ctx context.Context, t env.Title) (env.FileInfo, bool, error) {
	for range 3 {
		if f, ok := TestFiles[t.DBKey]; ok && t.Namespace == env.NSFile {
			f.Title = t.Page()
			f.URL = FileURL(t.DBKey)
			return f, true, nil
		}
		src, ok, _ := h.TemplateSource(ctx, t)
		if !ok {
			break
		}
		m := fileRedirect.FindStringSubmatch(src)
		if m == nil {
			break
		}
		nt, err := h.ParseTitle(m[1], env.NSMain)
		if err != nil {
			break
		}
		t = nt
	}
	return env.FileInfo{}, false, nil
}

var _ env.FileRepo = (*Host)(nil)

// SiteStats implements env.StatsHost: the number of test files and pages.
func (h *Host) SiteStats(ctx context.Context) (env.SiteStats, error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return env.SiteStats{Files: int64(len(TestFiles)), Pages: int64(len(h.pages))}, nil
}
