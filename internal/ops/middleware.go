package ops

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// indexActions are the index.php actions that get their own route label;
// any other value counts as "other", so that clients cannot grow the
// number of series.
var indexActions = map[string]bool{
	"view": true, "edit": true, "submit": true, "history": true, "raw": true, "info": true,
	"purge": true, "delete": true, "protect": true, "render": true, "rollback": true, "undelete": true,
}

// Route returns a bounded label for r: a class of its path for the URLs
// Folio serves (MediaWiki's), else the ServeMux pattern that served it,
// else "other". index.php requests carry their action. The path classes
// come first because handlers that wrap the request (WithContext) hide
// the pattern from this middleware.
func Route(r *http.Request) string {
	p := r.URL.Path
	switch {
	case p == "/" || p == "/favicon.ico" || p == "/healthz" || p == "/readyz":
		return p
	case strings.HasSuffix(p, "/index.php"):
		return "index.php?action=" + indexAction(r.URL.Query().Get("action"))
	case strings.HasSuffix(p, "/api.php"):
		return "api.php"
	case strings.HasPrefix(p, "/wiki/Special:"):
		return "/wiki/Special:"
	case strings.HasPrefix(p, "/wiki/"), strings.HasPrefix(p, "/index.php/"):
		return "/wiki/{title...}"
	case strings.HasPrefix(p, "/static/"):
		return "/static/{file}"
	case r.Pattern != "":
		if _, path, ok := strings.Cut(r.Pattern, " "); ok {
			return path
		}
		return r.Pattern
	}
	return "other"
}

func indexAction(a string) string {
	switch {
	case a == "":
		return "view"
	case indexActions[a]:
		return a
	}
	return "other"
}

// statusWriter remembers the status code written through it.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Middleware counts and times every request that next serves. The route
// label is read after next returns, when ServeMux has set r.Pattern.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			route := Route(r)
			m.requests.WithLabelValues(route, r.Method, codeLabel(code)).Inc()
			m.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
			// The page cache marks its answers; counting them here keeps
			// the cache free of metrics code.
			switch w.Header().Get("X-Cache") {
			case "HIT":
				m.CacheLookup("page", true)
			case "MISS":
				m.CacheLookup("page", false)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// AccessLog logs one structured line per request that next serves: method,
// path, status, bytes, duration, client address, the request id the site
// set (X-Request-Id) and the page cache's verdict. Lines go through logger,
// so with log_format = "json" they suit fluentd or Logstash as they are.
func AccessLog(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		cw := &countingWriter{statusWriter: statusWriter{ResponseWriter: w}}
		defer func() {
			code := cw.code
			if code == 0 {
				code = http.StatusOK
			}
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.RequestURI()),
				slog.Int("status", code), slog.Int64("bytes", cw.n),
				slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr),
				slog.String("request_id", w.Header().Get("X-Request-Id")),
				slog.String("cache", w.Header().Get("X-Cache")))
		}()
		next.ServeHTTP(cw, r)
	})
}

// countingWriter counts the body bytes written through it.
type countingWriter struct {
	statusWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.statusWriter.Write(b)
	w.n += int64(n)
	return n, err
}
