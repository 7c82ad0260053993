package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
)

// Only static assets are compressed here: page responses pass through
// response caches (internal/pagecache) that store one body per URL, so
// compressing pages belongs in front of those caches.

// minGzipBytes is the smallest body worth compressing.
const minGzipBytes = 1024

// acceptsGzip reports whether the client takes gzip-encoded responses.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipBytes compresses b.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression) // the level is valid
	_, _ = zw.Write(b)                                          // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	return buf.Bytes()
}
