package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/internal/dump"
)

// importSource is where folio import reads pages: a dump file, stdin, or
// a running MediaWiki's api.php.
type importSource struct {
	pages    interface{ Next() (*dump.Page, error) }
	siteInfo *dump.SiteInfo
	lang     string
	key      string // identifies the source in progress records; "" for none
	size     int64  // input size in bytes for the ETA; 0 when unknown
	offset   func() int64
	close    func() error
}

// openSource opens the dump file or the wiki named by the options.
func (cmd *ImportCommand) openSource(ctx context.Context, o importOptions) (*importSource, error) {
	if o.from != "" {
		return openAPISource(ctx, o)
	}
	src, err := dump.Open(o.file, cmd.m.Stdin)
	if err != nil {
		return nil, err
	}
	r, err := dump.NewReader(src)
	if err != nil {
		src.Close()
		return nil, fmt.Errorf("%s: %w", o.file, err)
	}
	key, err := sourceKey(o.file)
	if err != nil {
		src.Close()
		return nil, err
	}
	return &importSource{pages: r, siteInfo: r.SiteInfo, lang: r.Lang, key: key, size: src.Size,
		offset: src.Offset, close: src.Close}, nil
}

// openAPISource connects to the api.php of a running MediaWiki.
func openAPISource(ctx context.Context, o importOptions) (*importSource, error) {
	var titles []string
	for _, t := range strings.Split(o.pages, "|") {
		if t = strings.TrimSpace(t); t != "" {
			titles = append(titles, t)
		}
	}
	r, err := dump.NewAPIReader(ctx, o.from, dump.APIOptions{Titles: titles, History: o.history, Files: o.files != "",
		UserAgent: "Folio/" + Version + " (folio import --from)"})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.from, err)
	}
	sum := sha256.Sum256([]byte(o.from + "\n" + strings.Join(titles, "|") + "\n" + strconv.FormatBool(o.history)))
	return &importSource{pages: r, siteInfo: r.SiteInfo, lang: r.Lang, key: "api:" + hex.EncodeToString(sum[:16]),
		offset: func() int64 { return 0 }, close: func() error { return nil }}, nil
}

// sourceKey identifies a dump file by its size and first megabyte, so that
// a rerun finds its progress record; stdin has no key.
func sourceKey(name string) (string, error) {
	if name == "-" {
		return "", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("open dump: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.CopyN(h, f, 1<<20); err != nil && err != io.EOF {
		return "", fmt.Errorf("read dump: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("stat dump: %w", err)
	}
	fmt.Fprintf(h, "/%d", fi.Size())
	return "dump:" + hex.EncodeToString(h.Sum(nil))[:32], nil
}
