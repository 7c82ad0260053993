package dump

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxFileBytes bounds one downloaded file.
const maxFileBytes = 1 << 30

// fetchFiles adds the file versions of the File pages among pages as
// Uploads with their bytes, when the reader copies files.
func (r *APIReader) fetchFiles(pages []*Page) error {
	if !r.files {
		return nil
	}
	for _, p := range pages {
		if p.NS != 6 {
			continue
		}
		if err := r.fetchFile(p); err != nil {
			return fmt.Errorf("file %q: %w", p.Title, err)
		}
	}
	return nil
}

// apiImageInfo is one file version as prop=imageinfo returns it.
type apiImageInfo struct {
	Timestamp, User, Comment, URL, SHA1 string
	UserID, Size                        int64
	UserHidden, FileHidden              bool
}

// fetchFile reads the versions of one file, oldest first, and downloads
// their bytes.
func (r *APIReader) fetchFile(p *Page) error {
	limit := "1"
	if r.history {
		limit = "max"
	}
	var resp struct {
		Query struct {
			Pages []struct{ ImageInfo []apiImageInfo }
		}
	}
	if err := r.get(url.Values{"action": {"query"}, "prop": {"imageinfo"}, "titles": {p.Title},
		"iiprop": {"timestamp|user|userid|comment|url|size|sha1"}, "iilimit": {limit}}, &resp); err != nil {
		return err
	}
	if len(resp.Query.Pages) == 0 {
		return nil
	}
	infos := resp.Query.Pages[0].ImageInfo
	slices.Reverse(infos) // the API lists the newest first
	_, name, _ := strings.Cut(p.Title, ":")
	for _, ii := range infos {
		if ii.FileHidden || ii.URL == "" {
			continue
		}
		u, err := r.download(ii, name)
		if err != nil {
			return err
		}
		p.Uploads = append(p.Uploads, u)
	}
	return nil
}

// download fetches the bytes of one file version and checks their SHA-1.
func (r *APIReader) download(ii apiImageInfo, name string) (*Upload, error) {
	src, err := url.Parse(r.api)
	if err == nil {
		src, err = src.Parse(ii.URL)
	}
	if err != nil {
		return nil, fmt.Errorf("file URL %q: %w", ii.URL, err)
	}
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, src.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", r.agent)
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", src, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: HTTP %s", src, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFileBytes))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", src, err)
	}
	u := &Upload{Comment: ii.Comment, Filename: name, Src: src.String(), Size: int64(len(data)),
		SHA1: hexToBase36(ii.SHA1), Contents: data}
	u.Timestamp, _ = parseTime(ii.Timestamp)
	u.Contributor = Contributor{Username: ii.User, ID: ii.UserID, Deleted: ii.UserHidden}
	if ii.UserID == 0 && !ii.UserHidden {
		u.Contributor = Contributor{IP: ii.User}
	}
	if sum := sha1Base36(data); u.SHA1 != "" && sum != u.SHA1 {
		return nil, fmt.Errorf("download %s: the bytes hash to %s, the wiki says %s", src, sum, u.SHA1)
	}
	return u, nil
}

// sha1Base36 is the base-36 SHA-1 MediaWiki gives files and revisions.
func sha1Base36(b []byte) string {
	sum := sha1.Sum(b)
	return hexToBase36(hex.EncodeToString(sum[:]))
}
