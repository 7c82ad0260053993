package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// handleRender sends the rendered content of a page, or of oldid=, without
// the skin (action=render), as MediaWiki does for tools that embed pages.
func (s *Server) handleRender(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	var rev *folio.Revision
	var err error
	if id, ok := idParam(r, "oldid"); ok {
		var p *folio.Page
		if rev, p, err = s.revisionWithPage(ctx, id); err == nil {
			t = s.pageTitle(p)
		}
	} else {
		_, rev, err = s.latest(ctx, t)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := s.Renderer.Render(ctx, t, rev.Text, render.Options{RevID: rev.ID, Revision: rev, NoEditSections: true})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, must-revalidate, max-age=0")
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(out.HTML))
	}
}
