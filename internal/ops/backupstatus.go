package ops

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// BackupState is what the backup metrics report; the zero time means
// "never".
type BackupState struct {
	LastBackup      time.Time // when the newest complete backup finished
	LastBackupBytes int64
	LastDrill       time.Time
	LastDrillOK     bool
	// LastDrillRecovery is how long the drill's restore took (the RTO
	// measured for this wiki).
	LastDrillRecovery time.Duration
	// LastShipped is when the continuous replica last shipped changes
	// (zero: no replicator in this process).
	LastShipped time.Time
}

// RegisterBackups exports backup age and the last drill's result, read
// from status at each scrape.
func (m *Metrics) RegisterBackups(status func(ctx context.Context) (BackupState, error)) error {
	return m.Registry.Register(&backupCollector{status: status,
		age:      prometheus.NewDesc("folio_backup_age_seconds", "Time since the newest complete backup finished (+Inf when there is none).", nil, nil),
		last:     prometheus.NewDesc("folio_backup_last_success_timestamp_seconds", "When the newest complete backup finished.", nil, nil),
		size:     prometheus.NewDesc("folio_backup_last_size_bytes", "Compressed size of the newest backup.", nil, nil),
		drill:    prometheus.NewDesc("folio_backup_drill_last_timestamp_seconds", "When the last restore drill ran.", nil, nil),
		drillOK:  prometheus.NewDesc("folio_backup_drill_last_success", "1 when the last restore drill matched the live wiki, else 0.", nil, nil),
		drillRTO: prometheus.NewDesc("folio_backup_drill_recovery_seconds", "How long the last drill's restore took.", nil, nil),
		lag:      prometheus.NewDesc("folio_backup_replica_lag_seconds", "Time since the continuous replica last shipped changes: the data a lost machine would lose.", nil, nil),
	})
}

type backupCollector struct {
	status                                         func(ctx context.Context) (BackupState, error)
	age, last, size, drill, drillOK, drillRTO, lag *prometheus.Desc
}

func (c *backupCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.age, c.last, c.size, c.drill, c.drillOK, c.drillRTO, c.lag} {
		ch <- d
	}
}

func (c *backupCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := c.status(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.age, err)
		return
	}
	gauge := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v)
	}
	age := time.Since(s.LastBackup).Seconds()
	if s.LastBackup.IsZero() {
		age = inf
	}
	gauge(c.age, age)
	gauge(c.last, unix(s.LastBackup))
	gauge(c.size, float64(s.LastBackupBytes))
	gauge(c.drill, unix(s.LastDrill))
	ok := 0.0
	if s.LastDrillOK {
		ok = 1
	}
	gauge(c.drillOK, ok)
	gauge(c.drillRTO, s.LastDrillRecovery.Seconds())
	if !s.LastShipped.IsZero() {
		gauge(c.lag, time.Since(s.LastShipped).Seconds())
	}
}

var inf = func() float64 { var z float64; return 1 / z }()

func unix(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixNano()) / 1e9
}
