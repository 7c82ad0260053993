package web

import (
	"context"
	"net/http"
	"time"
)

// StatusSection is a block of Special:Status.
type StatusSection struct {
	Title string
	Rows  []StatusRow
}

// StatusRow is one figure of Special:Status; Bad marks it for attention.
type StatusRow struct {
	Name, Value string
	Bad         bool
}

// statusTimeout bounds the health probes a status page waits for.
const statusTimeout = 5 * time.Second

// handleStatus serves Special:Status: the serving process's health and the
// figures its metrics export, for operators without a Prometheus at hand.
// The "viewstatus" right guards it (the special page table checks it).
func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	var sections []StatusSection
	if s.Status != nil {
		ctx, cancel := context.WithTimeout(r.Context(), statusTimeout)
		defer cancel()
		sections = s.Status(ctx)
	}
	v := s.specialView(r, "Status")
	v.Data = sections
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "special_status", v)
}
