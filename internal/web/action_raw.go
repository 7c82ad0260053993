package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// rawTypes are the content types action=raw may be asked for with ctype=.
var rawTypes = map[string]bool{
	"text/x-wiki": true, "text/javascript": true, "text/css": true,
	"application/json": true, "text/plain": true,
}

// modelTypes are the default raw content types of content models.
var modelTypes = map[string]string{
	folio.ModelCSS:        "text/css",
	folio.ModelJavaScript: "text/javascript",
	folio.ModelJSON:       "application/json",
}

// handleRaw sends the source text of a page, or of oldid=, as
// text/x-wiki (action=raw).
func (s *Server) handleRaw(w http.ResponseWriter, r *http.Request) {
	var rev *folio.Revision
	var err error
	if id, ok := idParam(r, "oldid"); ok {
		rev, _, err = s.revisionWithPage(r.Context(), id)
	} else {
		_, rev, err = s.latest(r.Context(), requestTitle(r))
	}
	ctype := "text/x-wiki"
	if rev != nil && modelTypes[rev.Model] != "" {
		ctype = modelTypes[rev.Model]
	}
	if c := r.FormValue("ctype"); rawTypes[c] {
		ctype = c
	}
	h := w.Header()
	h.Set("Content-Type", ctype+"; charset=UTF-8")
	h.Set("Cache-Control", "private, s-maxage=0, max-age=0, must-revalidate")
	if err != nil {
		code := errorStatusOf(err)
		if code == http.StatusInternalServerError {
			s.writeError(w, r, err)
			return
		}
		w.WriteHeader(code)
		return
	}
	h.Set("Last-Modified", rev.Timestamp.UTC().Format(http.TimeFormat))
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(rev.Text))
	}
}
