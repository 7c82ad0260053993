package web

import (
	"context"
	"html/template"
	"net/http"

	"github.com/folio-wiki/folio"
)

// pageVisited tells the wiki that the logged-in user saw the current
// revision of t, which clears its watchlist notification timestamp.
// Anonymous views return at once.
func (s *Server) pageVisited(r *http.Request, t folio.Title) {
	if u := s.currentUser(r); u != nil {
		s.Wiki.PageVisited(r.Context(), u, t)
	}
}

// markUnseen adds MediaWiki's mw-changeslist-line-watched class to the
// lines of changes u has not seen yet: those not older than the
// notification timestamp of the page's watchlist item.
func (s *Server) markUnseen(ctx context.Context, u *folio.User, rcs []*folio.RecentChange, lines []changeLine) error {
	titles := make([]folio.Title, len(rcs))
	for i, rc := range rcs {
		titles[i] = s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
	}
	items, err := s.Wiki.WatchedItems(ctx, u, titles)
	if err != nil {
		return err
	}
	for i, rc := range rcs {
		w := items[folio.LinkTarget{Namespace: rc.Namespace, DBKey: rc.DBKey}]
		if w != nil && !w.NotificationTimestamp.IsZero() && !rc.Timestamp.Before(w.NotificationTimestamp) {
			lines[i].Class += " mw-changeslist-line-watched"
		}
	}
	return nil
}

// markAllVisited handles the "Mark all pages visited" form of
// Special:Watchlist (reset=all, with a CSRF token) and redirects back to
// the watchlist.
func (s *Server) markAllVisited(w http.ResponseWriter, r *http.Request, u *folio.User) {
	if err := s.checkToken(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.Wiki.MarkAllVisited(r.Context(), u); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, s.specialURL("Watchlist"), http.StatusSeeOther)
}

// markAllVisitedForm is the "Mark all pages visited" button of
// Special:Watchlist.
func (s *Server) markAllVisitedForm(w http.ResponseWriter, r *http.Request) (template.HTML, error) {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return "", err
	}
	return template.HTML(`<form method="post" action="` + template.HTMLEscapeString(s.specialURL("Watchlist")) +
		`" id="mw-watchlist-resetbutton" class="mw-watchlist-resetbutton">` +
		`<input type="hidden" name="wpEditToken" value="` + template.HTMLEscapeString(tok) + `">` +
		`<input type="hidden" name="reset" value="all">` +
		`<button type="submit" id="mw-watchlist-reset-submit">Mark all pages visited</button></form>`), nil
}
