package ops

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
)

// StatusSection is one block of the operator status page: the same
// figures /metrics exports, summarised for a person.
type StatusSection struct {
	Title string
	Rows  []StatusRow
}

// StatusRow is one figure; Bad marks a value that needs attention.
type StatusRow struct {
	Name, Value string
	Bad         bool
}

// Status summarises the health checks and the metrics registry.
func Status(ctx context.Context, h *Health, m *Metrics, now time.Time) []StatusSection {
	var out []StatusSection
	if h != nil {
		out = append(out, h.status(ctx))
	}
	if m == nil {
		return out
	}
	families, err := m.Registry.Gather()
	if err != nil && len(families) == 0 {
		return append(out, StatusSection{Title: "Metrics", Rows: []StatusRow{{Name: "metrics", Value: err.Error(), Bad: true}}})
	}
	f := map[string]*dto.MetricFamily{}
	for _, mf := range families {
		f[mf.GetName()] = mf
	}
	out = append(out, requestStatus(f), cacheStatus(f), queueStatus(f), dbStatus(f), backupStatus(f, now), processStatus(f, now))
	kept := out[:0]
	for _, s := range out {
		if len(s.Rows) > 0 {
			kept = append(kept, s)
		}
	}
	return kept
}

func (h *Health) status(ctx context.Context) StatusSection {
	s := StatusSection{Title: "Health"}
	h.mu.Lock()
	draining := h.draining
	h.mu.Unlock()
	if draining {
		s.Rows = append(s.Rows, StatusRow{Name: "process", Value: "draining (shutting down)", Bad: true})
	} else {
		s.Rows = append(s.Rows, StatusRow{Name: "process", Value: "serving"})
	}
	failed := map[string]string{}
	for _, msg := range h.probe(ctx) {
		name, reason, _ := strings.Cut(msg, ": ")
		failed[name] = reason
	}
	for _, c := range h.Checks {
		if reason, bad := failed[c.Name]; bad {
			s.Rows = append(s.Rows, StatusRow{Name: c.Name, Value: "unreachable: " + reason, Bad: true})
		} else {
			s.Rows = append(s.Rows, StatusRow{Name: c.Name, Value: "reachable"})
		}
	}
	return s
}

func requestStatus(f map[string]*dto.MetricFamily) StatusSection {
	s := StatusSection{Title: "Requests"}
	if mf := f["folio_http_requests_total"]; mf != nil {
		var total, server float64
		for _, m := range mf.GetMetric() {
			v := m.GetCounter().GetValue()
			total += v
			if strings.HasPrefix(label(m, "code"), "5") {
				server += v
			}
		}
		s.Rows = append(s.Rows, StatusRow{Name: "requests served", Value: fmt.Sprintf("%.0f", total)})
		share := 0.0
		if total > 0 {
			share = server / total
		}
		s.Rows = append(s.Rows, StatusRow{Name: "server errors (5xx)", Value: fmt.Sprintf("%.0f (%.2f%%)", server, 100*share), Bad: share > 0.01})
	}
	if mf := f["folio_http_request_duration_seconds"]; mf != nil {
		h := mergeHistograms(mf)
		if h.count > 0 {
			s.Rows = append(s.Rows,
				StatusRow{Name: "latency p50", Value: seconds(h.quantile(0.5))},
				StatusRow{Name: "latency p99", Value: seconds(h.quantile(0.99)), Bad: h.quantile(0.99) > 1})
		}
	}
	if mf := f["folio_parser_duration_seconds"]; mf != nil {
		h := mergeHistograms(mf)
		if h.count > 0 {
			s.Rows = append(s.Rows,
				StatusRow{Name: "parses", Value: fmt.Sprintf("%d", h.count)},
				StatusRow{Name: "parse time (mean)", Value: seconds(h.sum / float64(h.count))})
		}
	}
	return s
}

func cacheStatus(f map[string]*dto.MetricFamily) StatusSection {
	s := StatusSection{Title: "Caches"}
	hits, all := map[string]float64{}, map[string]float64{}
	for _, name := range []string{"folio_cache_lookups_total", "folio_cache_counted_lookups_total"} {
		mf := f[name]
		if mf == nil {
			continue
		}
		for _, m := range mf.GetMetric() {
			c := label(m, "cache")
			all[c] += m.GetCounter().GetValue()
			if label(m, "result") == "hit" {
				hits[c] += m.GetCounter().GetValue()
			}
		}
	}
	for _, c := range sortedKeys(all) {
		ratio := 0.0
		if all[c] > 0 {
			ratio = hits[c] / all[c]
		}
		s.Rows = append(s.Rows, StatusRow{Name: c + " cache hit ratio", Value: fmt.Sprintf("%.1f%% of %.0f lookups", 100*ratio, all[c])})
	}
	return s
}

func queueStatus(f map[string]*dto.MetricFamily) StatusSection {
	s := StatusSection{Title: "Job queue"}
	if v, ok := gauge(f, "folio_job_queue_depth"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "waiting or running", Value: fmt.Sprintf("%.0f", v)})
	}
	if v, ok := gauge(f, "folio_job_queue_oldest_age_seconds"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "oldest job", Value: duration(v), Bad: v > 3600})
	}
	if v, ok := gauge(f, "folio_job_queue_abandoned"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "abandoned after retries", Value: fmt.Sprintf("%.0f", v), Bad: v > 0})
	}
	return s
}

func dbStatus(f map[string]*dto.MetricFamily) StatusSection {
	s := StatusSection{Title: "Database pool"}
	for _, c := range []struct{ metric, name string }{
		{"go_sql_open_connections", "open connections"},
		{"go_sql_in_use_connections", "in use"},
		{"go_sql_idle_connections", "idle"},
		{"go_sql_wait_count_total", "waits for a connection"},
	} {
		if v, ok := gauge(f, c.metric); ok {
			s.Rows = append(s.Rows, StatusRow{Name: c.name, Value: fmt.Sprintf("%.0f", v)})
		}
	}
	return s
}

func backupStatus(f map[string]*dto.MetricFamily, now time.Time) StatusSection {
	s := StatusSection{Title: "Backups"}
	if v, ok := gauge(f, "folio_backup_age_seconds"); ok {
		if math.IsInf(v, 1) {
			s.Rows = append(s.Rows, StatusRow{Name: "newest backup", Value: "none", Bad: true})
		} else {
			s.Rows = append(s.Rows, StatusRow{Name: "newest backup", Value: duration(v) + " ago", Bad: v > 26*3600})
		}
	}
	if v, ok := gauge(f, "folio_backup_drill_last_timestamp_seconds"); ok {
		if v == 0 {
			s.Rows = append(s.Rows, StatusRow{Name: "last restore drill", Value: "never", Bad: true})
		} else {
			okv, _ := gauge(f, "folio_backup_drill_last_success")
			rto, _ := gauge(f, "folio_backup_drill_recovery_seconds")
			result := "passed"
			if okv != 1 {
				result = "FAILED"
			}
			s.Rows = append(s.Rows, StatusRow{Name: "last restore drill",
				Value: fmt.Sprintf("%s, %s ago, restore took %s", result, duration(now.Sub(time.Unix(int64(v), 0)).Seconds()), duration(rto)),
				Bad:   okv != 1})
		}
	}
	if v, ok := gauge(f, "folio_backup_replica_lag_seconds"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "continuous replica lag", Value: duration(v), Bad: v > 60})
	}
	return s
}

func processStatus(f map[string]*dto.MetricFamily, now time.Time) StatusSection {
	s := StatusSection{Title: "Process"}
	if v, ok := gauge(f, "process_start_time_seconds"); ok && v > 0 {
		s.Rows = append(s.Rows, StatusRow{Name: "uptime", Value: duration(now.Sub(time.Unix(int64(v), 0)).Seconds())})
	}
	if v, ok := gauge(f, "go_goroutines"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "goroutines", Value: fmt.Sprintf("%.0f", v)})
	}
	if v, ok := gauge(f, "process_resident_memory_bytes"); ok {
		s.Rows = append(s.Rows, StatusRow{Name: "resident memory", Value: fmt.Sprintf("%.1f MiB", v/(1<<20))})
	}
	return s
}

// gauge returns the sum of a gauge or counter family's values.
func gauge(f map[string]*dto.MetricFamily, name string) (float64, bool) {
	mf := f[name]
	if mf == nil || len(mf.GetMetric()) == 0 {
		return 0, false
	}
	var sum float64
	for _, m := range mf.GetMetric() {
		switch {
		case m.Gauge != nil:
			sum += m.GetGauge().GetValue()
		case m.Counter != nil:
			sum += m.GetCounter().GetValue()
		case m.Untyped != nil:
			sum += m.GetUntyped().GetValue()
		}
	}
	return sum, true
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// histogram is several label sets' histograms added together.
type histogram struct {
	count   uint64
	sum     float64
	bounds  []float64
	cumulus []uint64
}

func mergeHistograms(mf *dto.MetricFamily) histogram {
	var h histogram
	at := map[float64]int{}
	for _, m := range mf.GetMetric() {
		hm := m.GetHistogram()
		h.count += hm.GetSampleCount()
		h.sum += hm.GetSampleSum()
		for _, b := range hm.GetBucket() {
			i, ok := at[b.GetUpperBound()]
			if !ok {
				i = len(h.bounds)
				at[b.GetUpperBound()] = i
				h.bounds = append(h.bounds, b.GetUpperBound())
				h.cumulus = append(h.cumulus, 0)
			}
			h.cumulus[i] += b.GetCumulativeCount()
		}
	}
	return h
}

// quantile estimates the q-quantile by linear interpolation inside the
// bucket that holds it, as Prometheus's histogram_quantile does.
func (h histogram) quantile(q float64) float64 {
	if h.count == 0 || len(h.bounds) == 0 {
		return 0
	}
	rank := q * float64(h.count)
	lower, below := 0.0, uint64(0)
	for i, ub := range h.bounds {
		c := h.cumulus[i]
		if float64(c) >= rank {
			if c == below {
				return ub
			}
			return lower + (ub-lower)*(rank-float64(below))/float64(c-below)
		}
		lower, below = ub, c
	}
	return h.bounds[len(h.bounds)-1] // beyond the last bucket: report its bound
}

func seconds(v float64) string {
	if v < 1 {
		return fmt.Sprintf("%.1f ms", v*1000)
	}
	return fmt.Sprintf("%.2f s", v)
}

func duration(v float64) string {
	return (time.Duration(v) * time.Second).Round(time.Second).String()
}
