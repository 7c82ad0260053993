package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/sqlite"
)

// mustOpsApp opens a wiki with one backup and a replicator run behind it,
// and returns the app, its ops wiring and the wrapped site handler.
func mustOpsApp(t *testing.T) (*app, *opsWiring, http.Handler) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	c := DefaultConfig()
	c.Data = filepath.Join(dir, "data")
	a, err := NewMain().openApp(ctx, c, true)
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "backups")
	if _, err := runCLI(t, map[string]string{"FOLIO_DATA": c.Data}, "backup", "--to", root); err != nil {
		t.Fatal(err)
	}
	replicaCtx, stop := context.WithCancel(ctx)
	r, wait, err := startReplicator(replicaCtx, a, filepath.Join(dir, "replica"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := newOpsWiring(a, root, r)
	if err != nil {
		t.Fatal(err)
	}
	site := w.register(http.NewServeMux(), http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		io.WriteString(rw, "wiki")
	}))
	time.Sleep(100 * time.Millisecond)
	stop()
	if err := wait(); err != nil || !sqlite.IsReplica(filepath.Join(dir, "replica")) {
		t.Errorf("replicator: %v, replica made: %v", err, sqlite.IsReplica(filepath.Join(dir, "replica")))
	}
	return a, w, site
}

func TestOpsWiring(t *testing.T) {
	a, w, site := mustOpsApp(t)
	steps := []struct {
		name     string
		h        http.Handler
		path     string
		wantCode int
		want     string
	}{
		{"site", site, "/wiki/Main_Page", 200, "wiki"},
		{"ready", site, "/readyz", 200, "ok"},
		{"metrics", w.Metrics.Handler(), "/metrics", 200, `folio_http_requests_total{code="200",method="GET",route="/wiki/{title...}"} 1`},
		{"backup age", w.Metrics.Handler(), "/metrics", 200, "folio_backup_last_size_bytes"},
		{"pool", w.Metrics.Handler(), "/metrics", 200, `go_sql_open_connections{db_name="primary"}`},
		{"queue", w.Metrics.Handler(), "/metrics", 200, "folio_job_queue_depth 0"},
		{"database closed", site, "/readyz", 503, "database:"},
		{"still alive", site, "/healthz", 200, "ok"},
	}
	for _, s := range steps {
		if s.name == "database closed" {
			a.Close()
		}
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, httptest.NewRequest("GET", s.path, nil))
		if rec.Code != s.wantCode || !strings.Contains(rec.Body.String(), s.want) {
			t.Errorf("%s: GET %s = %d %q, want %d containing %q", s.name, s.path, rec.Code, rec.Body.String(), s.wantCode, s.want)
		}
	}
}
