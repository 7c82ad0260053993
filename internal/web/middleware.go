package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
)

// maxFormBytes limits request bodies: the largest page text, percent-encoded
// (up to three bytes per byte), plus room for the other fields.
const maxFormBytes = 7 << 20

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection, e.g. to extend
// the write deadline of a long export.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// middleware gives every request an id, its session and user, security
// headers, a body limit and panic recovery, and logs it.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &requestState{id: session.RandomString(9), sess: &session.State{}}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
		sw := &statusWriter{ResponseWriter: w}
		h := sw.Header()
		h.Set("X-Request-Id", st.id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Referrer-Policy", "origin-when-cross-origin")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(sw, r.Body, maxFormBytes)
		}
		defer s.recoverPanic(sw, r)
		if err := s.loadSession(sw, r, st); err != nil {
			s.writeError(sw, r, err)
		} else if err := parsePost(r); err != nil {
			s.writeError(sw, r, err)
		} else {
			next.ServeHTTP(sw, r)
		}
		s.Logger.Debug("request", "request_id", st.id, "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "duration_ms", time.Since(start).Milliseconds())
	})
}

func (s *Server) recoverPanic(w *statusWriter, r *http.Request) {
	v := recover()
	if v == nil || v == http.ErrAbortHandler {
		if v != nil {
			panic(v)
		}
		return
	}
	err := fmt.Errorf("panic: %v\n%s", v, debug.Stack())
	if w.status != 0 {
		s.Logger.Error("panic after response started", "request_id", state(r).id, "err", err)
		return
	}
	s.writeError(w, r, err)
}

// parsePost parses the body of a POST request once, so that a body that is
// too large or malformed is reported instead of read as empty fields.
func parsePost(r *http.Request) error {
	if r.Method != http.MethodPost {
		return nil
	}
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxFormBytes)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return folio.Errorf(folio.EContentTooBig, "The request is larger than the limit of %d bytes.", tooBig.Limit)
	case err != nil:
		return folio.Errorf(folio.EInvalidParameter, "The form data could not be read.")
	}
	return nil
}
