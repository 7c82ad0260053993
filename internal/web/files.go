package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
)

// files returns the file repository, or an error page's error when the
// wiki has none.
func (s *Server) files() (*filerepo.Repo, error) {
	if s.Files == nil {
		return nil, folio.Errorf(folio.EPermissionDenied, "File uploads are disabled on this wiki.")
	}
	return s.Files, nil
}

// handleFiles serves file bytes and thumbnails under /images/.
func (s *Server) handleFiles(w http.ResponseWriter, r *http.Request) {
	if s.Files == nil {
		http.NotFound(w, r)
		return
	}
	s.filesOnce.Do(func() { s.filesMux = s.Files.Handler() })
	s.filesMux.ServeHTTP(w, r)
}

// fileTitle returns the File-namespace title of a file name.
func (s *Server) fileTitle(name string) folio.Title {
	return s.Namespaces.MakeTitle(folio.NSFile, name)
}
