package web

import (
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
	"github.com/folio-wiki/folio/internal/wiki"
)

// handleWatch serves action=watch and action=unwatch, the form fallback of
// the watch star: GET asks for confirmation, POST with the CSRF token
// adds the page and its talk page to the watchlist (or removes them) and
// returns to the page.
func (s *Server) handleWatch(w http.ResponseWriter, r *http.Request) {
	t := requestTitle(r)
	action := r.FormValue("action")
	unwatch := action == "unwatch"
	heading, intro, button := "Watch \""+t.PrefixedText()+"\"", "Add this page and its talk page to your watchlist?", "Watch"
	if unwatch {
		heading, intro, button = "Remove \""+t.PrefixedText()+"\" from your watchlist", "Remove this page and its talk page from your watchlist?", "Unwatch"
	}
	v := s.actionView(r, heading, t, nil, action)
	u := s.currentUser(r)
	if u == nil {
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to change your watchlist."))
		return
	}
	d := &confirmData{Action: s.actionURL(t, action), Intro: intro, Button: button, ButtonID: "wpWatch", FormID: "mw-watch-form"}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	var err error
	if unwatch {
		err = s.Wiki.Unwatch(r.Context(), u, t)
	} else {
		err = s.Wiki.Watch(r.Context(), u, t, time.Time{})
	}
	if err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	s.Logger.Info(action, "request_id", state(r).id, "title", t.PrefixedDBKey())
	http.Redirect(w, r, titlePath(t), http.StatusSeeOther)
}

// watchStar is the watch star of a page's tabs: a link to the form
// fallback that static/watch.js turns into an action=watch API call.
type watchStar struct {
	ID      string // ca-watch or ca-unwatch
	Href    string
	Text    string
	Tooltip string
	Title   string // the page, for the API's titles parameter
	Token   string // the API's watch token; "" makes the script fetch one
	Watched bool
}

// watchStarFor returns the star of t for the request's user, nil for
// visitors who cannot change a watchlist.
func (s *Server) watchStarFor(r *http.Request, t folio.Title) *watchStar {
	u := s.currentUser(r)
	if u == nil || t.Namespace < 0 || !s.Wiki.Allowed(u, "editmywatchlist") {
		return nil
	}
	watched, err := s.Wiki.IsWatched(r.Context(), u, t)
	if err != nil {
		return nil
	}
	star := &watchStar{ID: "ca-watch", Href: s.actionURL(t, "watch"), Text: "Watch",
		Tooltip: "Add this page to your watchlist", Title: t.PrefixedText()}
	if watched {
		star.ID, star.Href, star.Text, star.Tooltip, star.Watched = "ca-unwatch", s.actionURL(t, "unwatch"),
			"Unwatch", "Remove this page from your watchlist", true
	}
	if tok := session.SaltedToken(state(r).sess, "watch"); tok != "" {
		star.Token = tok + `+\`
	}
	return star
}

// editWatchDefault tells whether the edit form offers the "Watch this
// page" box and whether it starts ticked: when the page is watched, or
// the user's preferences ask to watch edited (or created) pages.
func (s *Server) editWatchDefault(r *http.Request, st *editState) (can, watch bool) {
	u := s.currentUser(r)
	if u == nil || !s.Wiki.Allowed(u, "editmywatchlist") {
		return false, false
	}
	watched, err := s.Wiki.IsWatched(r.Context(), u, st.t)
	if err != nil {
		return true, false
	}
	return true, watched || s.Wiki.WatchPreference(r.Context(), u, st.page == nil)
}

// applyEditWatch watches or unwatches the saved page as the form's box
// says. A failure is logged: the edit itself was saved.
func (s *Server) applyEditWatch(r *http.Request, t folio.Title, d *editData) {
	if !d.CanWatch {
		return
	}
	opt := wiki.WatchOptionUnwatch
	if d.Watch {
		opt = wiki.WatchOptionWatch
	}
	if err := s.Wiki.ApplyWatchOption(r.Context(), s.currentUser(r), t, opt, false, time.Time{}); err != nil {
		s.Logger.Error("watch after edit", "request_id", state(r).id, "title", t.PrefixedDBKey(), "err", err)
	}
}

// watchIfTicked watches t after a form whose "Watch this…" box (field)
// was ticked, such as Special:Upload's. A failure is logged: the form's
// own change was made.
func (s *Server) watchIfTicked(r *http.Request, t folio.Title, field string) {
	if r.PostFormValue(field) == "" {
		return
	}
	if err := s.Wiki.ApplyWatchOption(r.Context(), s.currentUser(r), t, wiki.WatchOptionWatch, false, time.Time{}); err != nil {
		s.Logger.Error("watch after form", "request_id", state(r).id, "title", t.PrefixedDBKey(), "err", err)
	}
}

// watchBox is the "Watch this page" box of the delete and protect forms.
type watchBox struct {
	Name    string // the form field: wpWatch, mwProtectWatch
	Checked bool
}

// watchBoxFor returns the box for t, ticked when the user watches t (or,
// on a form sent back, as the user left it); nil for visitors without a
// watchlist.
func (s *Server) watchBoxFor(r *http.Request, t folio.Title, name string) *watchBox {
	u := s.currentUser(r)
	if u == nil || !s.Wiki.Allowed(u, "editmywatchlist") {
		return nil
	}
	if r.Method == http.MethodPost {
		return &watchBox{Name: name, Checked: r.PostFormValue(name) != ""}
	}
	watched, err := s.Wiki.IsWatched(r.Context(), u, t)
	if err != nil {
		return nil
	}
	return &watchBox{Name: name, Checked: watched}
}

// applyWatchBox watches or unwatches t as the box of a sent form says.
// A failure is logged: the form's own change was made.
func (s *Server) applyWatchBox(r *http.Request, t folio.Title, box *watchBox) {
	if box == nil {
		return
	}
	opt := wiki.WatchOptionUnwatch
	if r.PostFormValue(box.Name) != "" {
		opt = wiki.WatchOptionWatch
	}
	if err := s.Wiki.ApplyWatchOption(r.Context(), s.currentUser(r), t, opt, false, time.Time{}); err != nil {
		s.Logger.Error("watch after form", "request_id", state(r).id, "title", t.PrefixedDBKey(), "err", err)
	}
}
