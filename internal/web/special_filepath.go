package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// filePathPage is what templates/filepath.html shows.
type filePathPage struct {
	FormTitle string
	File      string
}

// handleFilePath serves Special:FilePath/Name and ?file=Name: a redirect
// to the current version of the file, or to a thumbnail with width=N.
// Without a name it shows a form.
func (s *Server) handleFilePath(w http.ResponseWriter, r *http.Request) {
	repo, err := s.files()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	name := cleanText(r.URL.Query().Get("file"))
	if name == "" {
		name = specialSubpage(r)
	}
	if name == "" {
		v := s.specialView(r, "FilePath")
		v.Data = filePathPage{FormTitle: "Special:FilePath"}
		s.render(w, r, http.StatusOK, "filepath", v)
		return
	}
	t, err := s.Namespaces.ParseTitle(name, folio.NSFile)
	if err != nil || (t.Namespace != folio.NSFile && t.Namespace != folio.NSMedia) {
		s.writeError(w, r, folio.Errorf(folio.EInvalidTitle, "%q is not a file name.", name))
		return
	}
	f, err := repo.Files.FindFile(r.Context(), t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	target := repo.URL(f)
	if width, err := strconv.Atoi(r.URL.Query().Get("width")); err == nil && width > 0 && repo.Thumbs.CanThumb(f.MIME) {
		if tw, scale := repo.ThumbWidth(f, width); scale {
			target = repo.ThumbURL(f, tw)
		}
	}
	http.Redirect(w, r, strings.TrimRight(s.Site.Server, "/")+target, http.StatusFound)
}
