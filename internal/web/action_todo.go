package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

func (s *Server) notYet(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "This action is not available yet."))
}

func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) handleEdit(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) handleRaw(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) handlePurge(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) handleUndelete(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) handleProtect(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) handleRollback(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
