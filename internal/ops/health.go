// Package ops serves what load balancers and monitoring need from a Folio
// process: /healthz and /readyz, and Prometheus metrics on a separate
// listen address.
//
// The package declares the small interfaces it reads (a job lister, the
// backup status) and never imports a backend; cmd/folio wires them.
package ops

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Check is one dependency that /readyz probes: the database, the blob
// store or the cache.
type Check struct {
	Name string
	// Probe returns nil when the dependency answers.
	Probe func(ctx context.Context) error
}

// Health serves /healthz and /readyz.
type Health struct {
	Checks []Check
	// Timeout bounds each probe; default 2s.
	Timeout time.Duration

	mu       sync.Mutex
	draining bool
}

// NewHealth returns a Health over checks.
func NewHealth(checks ...Check) *Health {
	return &Health{Checks: checks, Timeout: 2 * time.Second}
}

// Drain makes /readyz fail from now on, so that a load balancer stops
// sending new requests while the process finishes the ones it has
// (SIGTERM during a rolling restart).
func (h *Health) Drain() {
	h.mu.Lock()
	h.draining = true
	h.mu.Unlock()
}

// Live answers /healthz: 200 while the process serves HTTP at all.
func (h *Health) Live(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// Ready answers /readyz: 200 when every check passes, else 503 with one
// line per failed check.
func (h *Health) Ready(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	failures := h.probe(r.Context())
	if len(failures) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, strings.Join(failures, "\n"))
		return
	}
	fmt.Fprintln(w, "ok")
}

// probe runs the checks concurrently and returns the failures, sorted as
// the checks are.
func (h *Health) probe(ctx context.Context) []string {
	h.mu.Lock()
	draining := h.draining
	h.mu.Unlock()
	if draining {
		return []string{"draining: the process is shutting down"}
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	errs := make([]error, len(h.Checks))
	var wg sync.WaitGroup
	for i, c := range h.Checks {
		wg.Go(func() { errs[i] = c.Probe(ctx) })
	}
	wg.Wait()
	var out []string
	for i, err := range errs {
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", h.Checks[i].Name, err))
		}
	}
	return out
}

// Register mounts /healthz and /readyz on mux.
func (h *Health) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", h.Live)
	mux.HandleFunc("GET /readyz", h.Ready)
}
