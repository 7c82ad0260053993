package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// randomPage is what templates/special_random.html shows when there is no
// page to go to.
type randomPage struct {
	Namespace string
}

// handleRandom serves Special:Random and Special:Random/Namespace: a 302 to
// a non-redirect page of the namespace (main by default) chosen uniformly by
// the store, or a short explanation when the namespace has no such page.
func (s *Server) handleRandom(w http.ResponseWriter, r *http.Request) {
	ns := s.randomNamespace(specialSubpage(r))
	p, err := s.Store.RandomPage(r.Context(), ns)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		v := s.specialView(r, "Random")
		v.Data = randomPage{Namespace: s.namespaceLabel(ns)}
		s.render(w, r, http.StatusOK, "special_random", v)
		return
	} else if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "private, no-store")
	http.Redirect(w, r, titlePath(s.Namespaces.MakeTitle(p.Namespace, p.DBKey)), http.StatusFound)
}

// randomNamespace reads the namespace of Special:Random/Namespace: a name,
// alias or number; anything else, like MediaWiki, means the main namespace.
func (s *Server) randomNamespace(sub string) int {
	sub = strings.TrimSpace(sub)
	if n, err := strconv.Atoi(sub); err == nil {
		if ns, ok := s.Namespaces.ByID(n); ok && ns.ID >= 0 {
			return ns.ID
		}
		return folio.NSMain
	}
	if ns, ok := s.Namespaces.Lookup(sub); ok && ns.ID >= 0 {
		return ns.ID
	}
	return folio.NSMain
}

// namespaceLabel names a namespace for texts: "(Main)" for the main one.
func (s *Server) namespaceLabel(id int) string {
	if id == folio.NSMain {
		return "(Main)"
	}
	if ns, ok := s.Namespaces.ByID(id); ok {
		return ns.Name
	}
	return strconv.Itoa(id)
}
