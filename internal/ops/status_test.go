package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/ops"
)

func TestStatusSummarisesMetrics(t *testing.T) {
	m := ops.NewMetrics()
	site := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "Broken") {
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	for range 9 {
		get(t, site, "/wiki/Main_Page")
	}
	get(t, site, "/wiki/Broken")
	m.ObserveParse(20 * time.Millisecond)
	m.ObserveParse(40 * time.Millisecond)
	m.CacheLookup("page", true)
	m.CacheLookup("page", true)
	m.CacheLookup("page", true)
	m.CacheLookup("page", false)
	now := time.Now()
	if err := m.RegisterBackups(func(context.Context) (ops.BackupState, error) {
		return ops.BackupState{LastBackup: now.Add(-2 * time.Hour), LastDrill: now.Add(-time.Hour), LastDrillOK: false, LastDrillRecovery: 90 * time.Second}, nil
	}); err != nil {
		t.Fatal(err)
	}
	h := ops.NewHealth(
		ops.Check{Name: "database", Probe: func(context.Context) error { return nil }},
		ops.Check{Name: "cache", Probe: func(context.Context) error { return errors.New("connection refused") }},
	)
	rows := map[string]ops.StatusRow{}
	for _, s := range ops.Status(context.Background(), h, m, now) {
		for _, r := range s.Rows {
			rows[s.Title+"/"+r.Name] = r
		}
	}
	tests := []struct {
		key, want string
		bad       bool
	}{
		{"Health/database", "reachable", false},
		{"Health/cache", "unreachable: connection refused", true},
		{"Requests/requests served", "10", false},
		{"Requests/server errors (5xx)", "1 (10.00%)", true},
		{"Requests/parses", "2", false},
		{"Requests/parse time (mean)", "30.0 ms", false},
		{"Caches/page cache hit ratio", "75.0% of 4 lookups", false},
		{"Backups/newest backup", "2h0m0s ago", false},
		{"Backups/last restore drill", "FAILED, 1h0m0s ago, restore took 1m30s", true},
	}
	for _, tt := range tests {
		r, ok := rows[tt.key]
		if !ok {
			t.Errorf("no status row %q; have %v", tt.key, rows)
			continue
		}
		if r.Value != tt.want || r.Bad != tt.bad {
			t.Errorf("%s = %q (bad %v), want %q (bad %v)", tt.key, r.Value, r.Bad, tt.want, tt.bad)
		}
	}
	if _, ok := rows["Requests/latency p99"]; !ok {
		t.Errorf("no latency p99 row")
	}
}

func TestMiddlewareCountsPageCache(t *testing.T) {
	m := ops.NewMetrics()
	n := 0
	site := m.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			w.Header().Set("X-Cache", "MISS")
		} else {
			w.Header().Set("X-Cache", "HIT")
		}
	}))
	for range 4 {
		get(t, site, "/wiki/Main_Page")
	}
	for _, s := range ops.Status(context.Background(), nil, m, time.Now()) {
		for _, r := range s.Rows {
			if r.Name == "page cache hit ratio" {
				if r.Value != "75.0% of 4 lookups" {
					t.Errorf("page cache hit ratio = %q, want 75.0%% of 4 lookups", r.Value)
				}
				return
			}
		}
	}
	t.Errorf("no page cache hit ratio row")
}

func TestAccessLog(t *testing.T) {
	var buf strings.Builder
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	site := ops.AccessLog(logger, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req123")
		w.Header().Set("X-Cache", "HIT")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("nothing here"))
	}))
	get(t, site, "/wiki/Missing?action=view")
	var line struct {
		Msg, Method, Path, RequestID, Cache string
		Status                              int
		Bytes                               int64
	}
	if err := json.Unmarshal([]byte(buf.String()), &struct {
		Msg       *string `json:"msg"`
		Method    *string `json:"method"`
		Path      *string `json:"path"`
		RequestID *string `json:"request_id"`
		Cache     *string `json:"cache"`
		Status    *int    `json:"status"`
		Bytes     *int64  `json:"bytes"`
	}{&line.Msg, &line.Method, &line.Path, &line.RequestID, &line.Cache, &line.Status, &line.Bytes}); err != nil {
		t.Fatalf("access log line %q: %v", buf.String(), err)
	}
	want := struct {
		Msg, Method, Path, RequestID, Cache string
		Status                              int
		Bytes                               int64
	}{"request", "GET", "/wiki/Missing?action=view", "req123", "HIT", 404, 12}
	if line != want {
		t.Errorf("access log = %+v, want %+v", line, want)
	}
}

func TestStatusCountsSelfCountingCaches(t *testing.T) {
	m := ops.NewMetrics()
	if err := m.RegisterCacheStats("parser", func() (int64, int64) { return 9, 1 }); err != nil {
		t.Fatal(err)
	}
	for _, s := range ops.Status(context.Background(), nil, m, time.Now()) {
		for _, r := range s.Rows {
			if r.Name == "parser cache hit ratio" {
				if r.Value != "90.0% of 10 lookups" {
					t.Errorf("parser cache hit ratio = %q", r.Value)
				}
				return
			}
		}
	}
	t.Errorf("no parser cache row")
}
