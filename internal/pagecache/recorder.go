package pagecache

import (
	"bytes"
	"net/http"
)

// recorder buffers a handler's response so that it can be stored before
// it is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// Header returns the response headers.
func (rec *recorder) Header() http.Header { return rec.header }

// WriteHeader records the status; later calls are ignored, as net/http does.
func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
}

// Write buffers b.
func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.body.Write(b)
}

// replay sends the recorded response unchanged, marked as a miss.
func (rec *recorder) replay(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	h["X-Cache"] = xCacheMiss
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}
