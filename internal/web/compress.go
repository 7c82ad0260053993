package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
)

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

// writeBody writes a complete body, gzip-compressed when the client
// accepts it and it is large enough; headers must not be written yet.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	if len(body) >= minGzipBytes && acceptsGzip(r) {
		body = gzipBytes(body)
		h.Set("Content-Encoding", "gzip")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
