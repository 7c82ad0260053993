package ops

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds Folio's Prometheus series in their own registry.
type Metrics struct {
	Registry *prometheus.Registry

	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	parse       prometheus.Histogram
	cacheLookup *prometheus.CounterVec
}

// NewMetrics returns the metrics with the Go runtime and process
// collectors registered.
func NewMetrics() *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "folio_http_requests_total",
		Help: "HTTP requests served, by route, method and status code.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "folio_http_request_duration_seconds",
		Help:    "Time to serve HTTP requests, by route and method.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method"})
	m.parse = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "folio_parser_duration_seconds",
		Help:    "Time to render wikitext to HTML.",
		Buckets: []float64{.001, .005, .01, .05, .1, .5, 1, 5},
	})
	m.cacheLookup = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "folio_cache_lookups_total",
		Help: "Cache lookups by cache and result (hit or miss).",
	}, []string{"cache", "result"})
	m.Registry.MustRegister(m.requests, m.latency, m.parse, m.cacheLookup,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format; mount it on
// the separate metrics listener, not on the public site.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

// ObserveParse records the time one parse took.
func (m *Metrics) ObserveParse(d time.Duration) { m.parse.Observe(d.Seconds()) }

// CacheLookup counts a hit or a miss of the named cache.
func (m *Metrics) CacheLookup(cache string, hit bool) {
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cacheLookup.WithLabelValues(cache, result).Inc()
}

// RegisterDB exports the connection-pool statistics of db under the label
// db_name=name.
func (m *Metrics) RegisterDB(name string, db *sql.DB) error {
	return m.Registry.Register(collectors.NewDBStatsCollector(db, name))
}

// JobLister lists queued jobs (folio.JobQueue offers it).
type JobLister interface {
	FindJobs(ctx context.Context, f folio.JobFilter) ([]*folio.Job, error)
}

// maxCountedJobs bounds the work of one scrape; a deeper queue reports
// this many.
const maxCountedJobs = 10000

// RegisterJobQueue exports the number of waiting jobs and the age of the
// oldest, read at each scrape.
func (m *Metrics) RegisterJobQueue(q JobLister) error {
	return m.Registry.Register(&queueCollector{q: q,
		depth: prometheus.NewDesc("folio_job_queue_depth", "Jobs waiting or running (capped at 10000).", nil, nil),
		age:   prometheus.NewDesc("folio_job_queue_oldest_age_seconds", "Age of the oldest waiting job.", nil, nil),
		dead:  prometheus.NewDesc("folio_job_queue_abandoned", "Jobs abandoned after too many failures.", nil, nil),
	})
}

type queueCollector struct {
	q                JobLister
	depth, age, dead *prometheus.Desc
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.depth
	ch <- c.age
	ch <- c.dead
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	jobs, err := c.q.FindJobs(ctx, folio.JobFilter{Limit: maxCountedJobs})
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.depth, err)
		return
	}
	var depth, dead float64
	var oldest time.Time
	for _, j := range jobs {
		if j.Abandoned {
			dead++
			continue
		}
		depth++
		if oldest.IsZero() || j.Enqueued.Before(oldest) {
			oldest = j.Enqueued
		}
	}
	age := 0.0
	if !oldest.IsZero() {
		age = time.Since(oldest).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, depth)
	ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(c.dead, prometheus.GaugeValue, dead)
}

// codeLabel returns the status code as a label value.
func codeLabel(code int) string { return strconv.Itoa(code) }

// RegisterCacheStats exports the hit and miss counts of a cache that keeps
// its own (the parser cache) as folio_cache_lookups_total{cache=name}
// would be; stats is read at each scrape.
func (m *Metrics) RegisterCacheStats(name string, stats func() (hits, misses int64)) error {
	return m.Registry.Register(&cacheStatsCollector{stats: stats,
		desc: prometheus.NewDesc("folio_cache_counted_lookups_total", "Lookups of caches that count their own hits, by cache and result.",
			[]string{"cache", "result"}, nil), name: name})
}

type cacheStatsCollector struct {
	stats func() (int64, int64)
	desc  *prometheus.Desc
	name  string
}

func (c *cacheStatsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *cacheStatsCollector) Collect(ch chan<- prometheus.Metric) {
	hits, misses := c.stats()
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(hits), c.name, "hit")
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(misses), c.name, "miss")
}
