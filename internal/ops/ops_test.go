package ops_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/ops"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func get(t *testing.T, h http.Handler, url string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

func TestHealth(t *testing.T) {
	dbDown := errors.New("connection refused")
	tests := []struct {
		name     string
		dbErr    error
		drain    bool
		path     string
		wantCode int
		want     string
	}{
		{"live", nil, false, "/healthz", 200, "ok"},
		{"live while the database is down", dbDown, false, "/healthz", 200, "ok"},
		{"ready", nil, false, "/readyz", 200, "ok"},
		{"database down", dbDown, false, "/readyz", 503, "database: connection refused"},
		{"draining", nil, true, "/readyz", 503, "draining"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := ops.NewHealth(
				ops.Check{Name: "database", Probe: func(context.Context) error { return tt.dbErr }},
				ops.Check{Name: "cache", Probe: func(context.Context) error { return nil }})
			if tt.drain {
				h.Drain()
			}
			mux := http.NewServeMux()
			h.Register(mux)
			code, body := get(t, mux, tt.path)
			if code != tt.wantCode || !strings.Contains(body, tt.want) {
				t.Errorf("GET %s = %d %q, want %d containing %q", tt.path, code, body, tt.wantCode, tt.want)
			}
		})
	}
}

type fakeQueue []*folio.Job

func (q fakeQueue) FindJobs(context.Context, folio.JobFilter) ([]*folio.Job, error) { return q, nil }

// TestMetricsScrape serves a few requests through the middleware, scrapes
// /metrics and parses it with the Prometheus text parser.
func TestMetricsScrape(t *testing.T) {
	m := ops.NewMetrics()
	now := time.Now()
	q := fakeQueue{{Enqueued: now.Add(-time.Minute)}, {Enqueued: now}, {Abandoned: true}}
	if err := m.RegisterJobQueue(q); err != nil {
		t.Fatal(err)
	}
	err := m.RegisterBackups(func(context.Context) (ops.BackupState, error) {
		return ops.BackupState{LastBackup: now.Add(-time.Hour), LastBackupBytes: 1234,
			LastDrill: now, LastDrillOK: true, LastDrillRecovery: 3 * time.Second, LastShipped: now.Add(-time.Second)}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m.ObserveParse(5 * time.Millisecond)
	m.CacheLookup("parser", true)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wiki/{title...}", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /index.php", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	site := m.Middleware(mux)
	for _, u := range []string{"/wiki/Main_Page", "/wiki/Other", "/index.php?action=raw", "/index.php?action=evil"} {
		get(t, site, u)
	}
	_, body := get(t, m.Handler(), "/metrics")
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v\n%s", err, body)
	}
	checkSeries(t, fams)
}

// checkSeries looks up one sample per case and compares its value.
func checkSeries(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	tests := []struct {
		family string
		labels map[string]string
		want   float64 // -1: any positive value
	}{
		{"folio_http_requests_total", map[string]string{"route": "/wiki/{title...}", "method": "GET", "code": "200"}, 2},
		{"folio_http_requests_total", map[string]string{"route": "index.php?action=raw", "code": "404"}, 1},
		{"folio_http_requests_total", map[string]string{"route": "index.php?action=other"}, 1},
		{"folio_http_request_duration_seconds", map[string]string{"route": "/wiki/{title...}"}, 2},
		{"folio_job_queue_depth", nil, 2},
		{"folio_job_queue_abandoned", nil, 1},
		{"folio_job_queue_oldest_age_seconds", nil, -1},
		{"folio_backup_age_seconds", nil, -1},
		{"folio_backup_last_size_bytes", nil, 1234},
		{"folio_backup_drill_last_success", nil, 1},
		{"folio_backup_drill_recovery_seconds", nil, 3},
		{"folio_backup_replica_lag_seconds", nil, -1},
		{"folio_parser_duration_seconds", nil, 1},
		{"folio_cache_lookups_total", map[string]string{"cache": "parser", "result": "hit"}, 1},
		{"go_goroutines", nil, -1},
	}
	for _, tt := range tests {
		got, ok := sample(fams[tt.family], tt.labels)
		switch {
		case !ok:
			t.Errorf("no %s%v in /metrics", tt.family, tt.labels)
		case tt.want < 0 && got <= 0, tt.want >= 0 && got != tt.want:
			t.Errorf("%s%v = %v, want %v", tt.family, tt.labels, got, tt.want)
		}
	}
}

// sample returns the value of the first metric of f whose labels include
// labels; histograms give their sample count.
func sample(f *dto.MetricFamily, labels map[string]string) (float64, bool) {
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

func TestRoute(t *testing.T) {
	tests := []struct{ url, want string }{
		{"/", "/"},
		{"/wiki/Main_Page", "/wiki/{title...}"},
		{"/wiki/Special:RecentChanges", "/wiki/Special:"},
		{"/index.php?title=X&action=history", "index.php?action=history"},
		{"/index.php?title=X", "index.php?action=view"},
		{"/index.php?action=%3Cscript%3E", "index.php?action=other"},
		{"/index.php/Main_Page", "/wiki/{title...}"},
		{"/api.php?action=query", "api.php"},
		{"/static/folio.abc123.css", "/static/{file}"},
		{"/random/junk/12345", "other"},
	}
	for _, tt := range tests {
		if got := ops.Route(httptest.NewRequest("GET", tt.url, nil)); got != tt.want {
			t.Errorf("Route(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}
