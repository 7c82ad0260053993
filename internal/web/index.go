package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

type titleKey struct{}

// requestTitle returns the title an action handler works on.
func requestTitle(r *http.Request) folio.Title {
	t, _ := r.Context().Value(titleKey{}).(folio.Title)
	return t
}

func withTitle(r *http.Request, t folio.Title) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), titleKey{}, t))
}

// handleRoot redirects / to the main page.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, titlePath(s.mainPage()), http.StatusFound)
}

// handleWiki serves /wiki/Title, with or without ?action=.
func (s *Server) handleWiki(w http.ResponseWriter, r *http.Request) {
	text := r.PathValue("title")
	if text == "" {
		s.dispatch(w, r, s.mainPage())
		return
	}
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if canon := t.PrefixedDBKey(); canon != text && t.Namespace != folio.NSSpecial && isPlainView(r) {
		target := titlePath(t)
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	s.dispatch(w, r, t)
}

func isPlainView(r *http.Request) bool {
	a := r.URL.Query().Get("action")
	return r.Method == http.MethodGet && (a == "" || a == "view")
}

// handleIndex serves /index.php: the title comes from title=, curid=,
// oldid= or diff=, and the main page otherwise.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	t, err := s.indexTitle(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.dispatch(w, r, t)
}

func (s *Server) indexTitle(r *http.Request) (folio.Title, error) {
	q := r.URL.Query()
	if text := r.FormValue("title"); text != "" {
		return s.Namespaces.ParseTitle(text, folio.NSMain)
	}
	if id, err := strconv.ParseInt(q.Get("curid"), 10, 64); err == nil && id > 0 {
		p, err := s.Store.FindPageByID(r.Context(), id)
		if err != nil {
			return folio.Title{}, err
		}
		return s.pageTitle(p), nil
	}
	for _, key := range []string{"oldid", "diff"} {
		if id, err := strconv.ParseInt(q.Get(key), 10, 64); err == nil && id > 0 {
			return s.revisionTitle(r.Context(), id)
		}
	}
	return s.mainPage(), nil
}

func (s *Server) revisionTitle(ctx context.Context, id int64) (folio.Title, error) {
	rev, err := s.Store.FindRevisionByID(ctx, id)
	if err != nil {
		return folio.Title{}, err
	}
	p, err := s.Store.FindPageByID(ctx, rev.PageID)
	if err != nil {
		return folio.Title{}, err
	}
	return s.pageTitle(p), nil
}

// pageTitle returns the title of a stored page.
func (s *Server) pageTitle(p *folio.Page) folio.Title {
	return s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
}

// dispatch runs the special page or the action for t.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, t folio.Title) {
	if t.Interwiki != "" {
		s.writeError(w, r, folio.Errorf(folio.EInvalidTitle, "Links to other wikis cannot be opened here."))
		return
	}
	if t.Namespace == folio.NSSpecial {
		s.serveSpecial(w, r, t)
		return
	}
	if t.Namespace < folio.NSMain {
		s.writeError(w, r, folio.Errorf(folio.EInvalidTitle, "Pages in the %s namespace cannot be viewed directly.", t.Prefix))
		return
	}
	if err := s.Wiki.CheckPermission(r.Context(), s.currentUser(r), "read", t, nil); err != nil {
		s.writeError(w, r, err)
		return
	}
	action := r.FormValue("action")
	if action == "" || action == "view" {
		action = "view"
		if r.URL.Query().Has("diff") {
			s.handleDiff(w, withTitle(r, t))
			return
		}
	}
	if action == "historysubmit" {
		s.handleDiff(w, withTitle(r, t))
		return
	}
	h, ok := s.actions()[strings.ToLower(action)]
	if !ok {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "The action %q is not recognised by this wiki.", action))
		return
	}
	h(w, withTitle(r, t))
}
