package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/web"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/ops"
	"github.com/folio-wiki/folio/internal/sqldb"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// opsWiring is what a serving process offers operators: health checks,
// metrics and the database's read-only switch. serve builds it with
// newOpsWiring (see the integration note in docs/operations.md).
type opsWiring struct {
	Health   *ops.Health
	Metrics  *ops.Metrics
	ReadOnly *ops.ReadOnlyCache
}

// newOpsWiring builds the health checks and metrics of a; backupDir, when
// set, is the snapshot root whose age and drills are exported, and
// replica, when not nil, the continuous replicator whose lag is.
func newOpsWiring(a *app, backupDir string, replica *sqlite.Replicator) (*opsWiring, error) {
	w := &opsWiring{Metrics: ops.NewMetrics()}
	w.Health = ops.NewHealth(ops.Check{Name: "database", Probe: func(ctx context.Context) error {
		_, _, err := a.Store.Backend(ctx)
		return err
	}})
	db, ok := a.Store.(*sqldb.DB)
	if !ok {
		return w, nil
	}
	w.ReadOnly = &ops.ReadOnlyCache{Store: db, Static: a.Config.ReadOnly}
	if err := w.Metrics.RegisterDB("primary", db.Write); err != nil {
		return nil, err
	}
	if err := w.Metrics.RegisterJobQueue(db); err != nil {
		return nil, err
	}
	if backupDir != "" || replica != nil {
		if err := w.Metrics.RegisterBackups(backupState(backupDir, replica)); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// register mounts /healthz and /readyz on the site's mux and returns the
// site handler wrapped in the request metrics.
func (w *opsWiring) register(mux *http.ServeMux, site http.Handler) http.Handler {
	w.Health.Register(mux)
	mux.Handle("/", site)
	return w.Metrics.Middleware(mux)
}

// backupState reads the backup root dir (when set) and the replicator
// (when not nil) for the backup metrics.
func backupState(dir string, replica *sqlite.Replicator) func(ctx context.Context) (ops.BackupState, error) {
	return func(ctx context.Context) (ops.BackupState, error) {
		var s ops.BackupState
		if replica != nil {
			s.LastShipped = replica.LastShipped()
		}
		if dir == "" {
			return s, nil
		}
		st, err := backup.ReadStatus(dir)
		if err != nil {
			return s, err
		}
		s.LastBackup, s.LastBackupBytes = st.LastBackup, st.LastBackupBytes
		if d := st.LastDrill; d != nil {
			s.LastDrill, s.LastDrillOK, s.LastDrillRecovery = d.Started, d.OK, d.Recovery
		}
		return s, nil
	}
}

// startReplicator runs continuous replication of the SQLite database into
// dir until ctx ends; wait returns once it has shipped its last frames.
func startReplicator(ctx context.Context, a *app, dir string) (r *sqlite.Replicator, wait func() error, err error) {
	if a.Config.DB != "" {
		return nil, nil, fmt.Errorf("replica_dir: continuous replication needs the embedded SQLite database")
	}
	local := dir
	var mirrored chan error
	stopMirror := func() {}
	if isRemote(dir) {
		remote, err := openRemote(ctx, dir)
		if err != nil {
			return nil, nil, err
		}
		local = replicaStaging(&a.Config)
		var mctx context.Context
		mctx, stopMirror = context.WithCancel(context.Background())
		mirrored = make(chan error, 1)
		go func() { mirrored <- mirrorReplica(mctx, local, remote, time.Second, a.Logger) }()
	}
	r = sqlite.NewReplicator(a.Config.SQLitePath(), local)
	r.Logger = a.Logger
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	return r, func() error {
		err := <-done
		stopMirror() // after the replicator's last shipment
		if mirrored != nil {
			err = errors.Join(err, <-mirrored)
		}
		return err
	}, nil
}

// addDependencyChecks makes /readyz probe the blob store and the shared
// cache as well as the database: a head that cannot reach them should
// leave the load balancer's pool.
func (w *opsWiring) addDependencyChecks(files *filerepo.Repo, cache folio.Cache) {
	if files != nil && files.Blobs != nil {
		w.Health.Checks = append(w.Health.Checks, ops.Check{Name: "blob store", Probe: func(ctx context.Context) error {
			_, err := files.Blobs.Stat(ctx, "folio-readyz-probe")
			if errors.Is(err, folio.ErrBlobNotFound) {
				return nil
			}
			return err
		}})
	}
	if cache != nil {
		w.Health.Checks = append(w.Health.Checks, ops.Check{Name: "cache", Probe: func(ctx context.Context) error {
			_, err := cache.Get(ctx, "folio-readyz-probe")
			if errors.Is(err, folio.ErrCacheMiss) {
				return nil
			}
			return err
		}})
	}
}

// status returns Special:Status's figures from the health checks and the
// metrics of this process.
func (w *opsWiring) status(ctx context.Context) []web.StatusSection {
	var out []web.StatusSection
	for _, s := range ops.Status(ctx, w.Health, w.Metrics, time.Now()) {
		ws := web.StatusSection{Title: s.Title}
		for _, r := range s.Rows {
			ws.Rows = append(ws.Rows, web.StatusRow{Name: r.Name, Value: r.Value, Bad: r.Bad})
		}
		out = append(out, ws)
	}
	return out
}
