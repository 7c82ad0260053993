package web

import (
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
)

// undeleteData is what templates/undelete.html shows.
type undeleteData struct {
	Action string
	Token  string
	Revs   []*folio.Revision
	Reason string
}

// handleUndelete lists the deleted revisions of a title (GET) and
// restores the chosen ones, or all when none is chosen (POST with a valid
// token), for users with the undelete right (action=undelete; the form of
// MediaWiki's Special:Undelete).
func (s *Server) handleUndelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	u := s.currentUser(r)
	if err := s.Wiki.CheckPermission(ctx, u, "undelete", t, nil); err != nil {
		s.writeError(w, r, err)
		return
	}
	revs, err := s.Store.FindArchivedRevisions(ctx, t.Namespace, t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.actionView(r, "Undelete \""+t.PrefixedText()+"\"", t, nil, "undelete")
	v.Robots = "noindex,nofollow"
	d := &undeleteData{Action: s.actionURL(t, "undelete"), Revs: revs, Reason: r.PostFormValue("wpComment")}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		err := s.restore(r, t, u)
		if err == nil {
			err = s.restoreFileOf(ctx, t)
		}
		if err == nil {
			s.showResult(w, r, s.actionView(r, "Action complete", t, nil, "undelete"),
				"“"+t.PrefixedText()+"” has been restored.", link{Href: titlePath(t), Text: t.PrefixedText()})
			return
		} else if folio.ErrorCode(err) == folio.EInternal {
			s.writeError(w, r, err)
			return
		}
		v.addNotice("error", folio.ErrorMessage(err))
		status = errorStatusOf(err)
	}
	if len(revs) == 0 {
		v.addNotice("warning", "There are no deleted revisions of this page.")
	}
	if d.Token, err = s.csrfToken(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, "undelete", v)
}

// restore checks the token and restores the revisions chosen in the form.
func (s *Server) restore(r *http.Request, t folio.Title, u *folio.User) error {
	if err := s.checkToken(r); err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["ids"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return folio.Errorf(folio.EInvalidParameter, "%q is not a revision id.", v)
		}
		ids = append(ids, id)
	}
	_, err := s.Wiki.Undelete(r.Context(), u, s.clientIP(r), t, ids, r.PostFormValue("wpComment"))
	if err == nil {
		s.Logger.Info("page restored", "request_id", state(r).id, "title", t.PrefixedDBKey())
	}
	return err
}

// handleSpecialUndelete serves Special:Undelete/Title (or ?target=Title)
// with the same form as action=undelete, for the Special page table.
func (s *Server) handleSpecialUndelete(w http.ResponseWriter, r *http.Request) {
	text := specialSubpage(r)
	if text == "" {
		text = r.FormValue("target")
	}
	if text == "" {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "Name the page to restore, as in Special:Undelete/Page name."))
		return
	}
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if t.Namespace < folio.NSMain || t.Interwiki != "" {
		s.writeError(w, r, folio.Errorf(folio.EInvalidTitle, "Pages in the %s namespace cannot be deleted or restored.", t.Prefix))
		return
	}
	s.handleUndelete(w, withTitle(r, t))
}
