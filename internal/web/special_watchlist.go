package web

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
)

// watchlistUser returns the logged-in user, or writes the error page for
// anonymous visitors and returns nil.
func (s *Server) watchlistUser(w http.ResponseWriter, r *http.Request) *folio.User {
	u := s.currentUser(r)
	if u == nil {
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to view or change your watchlist."))
	}
	return u
}

// handleWatchlist serves Special:Watchlist: the recent changes to the
// pages the user watches, the latest change of each page, with the options
// of Special:RecentChanges (limit, days, hide…).
func (s *Server) handleWatchlist(w http.ResponseWriter, r *http.Request) {
	u := s.watchlistUser(w, r)
	if u == nil {
		return
	}
	if !s.Wiki.Allowed(u, "viewmywatchlist") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to view your watchlist."))
		return
	}
	if r.Method == http.MethodPost && r.PostFormValue("reset") == "all" {
		s.markAllVisited(w, r, u)
		return
	}
	o := parseRCOptions(r.URL.Query(), specialSubpage(r))
	if r.URL.Query().Get("feed") != "" {
		o.Limit = min(o.Limit, feedLimit)
	}
	rcs, err := s.findWatchlistChanges(r.Context(), u, o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := rcTarget{Title: s.specialTitle("Watchlist")}
	if feed := r.URL.Query().Get("feed"); feed != "" {
		s.writeFeed(w, r, feed, s.Site.Name+" – "+specialHeadings["Watchlist"],
			s.fullURL(t.url(s, o, "feed", feed)), s.fullURL(t.url(s, o)), s.feedEntries(rcs))
		return
	}
	lines := s.changeLines(r.Context(), rcs)
	if err := s.markUnseen(r.Context(), u, rcs, lines); err != nil {
		s.writeError(w, r, err)
		return
	}
	reset, err := s.markAllVisitedForm(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.specialView(r, "Watchlist")
	v.Subtitle = watchlistTools(s, "Watchlist") + reset
	v.Data = rcPage{
		Panel:    s.rcPanel(o, t),
		Days:     groupByDay(lines, changeLine.when),
		Limit:    o.Limit,
		Period:   formatDays(o.Days),
		AsOf:     formatDate(s.specialNow()),
		FeedAtom: t.url(s, o, "feed", "atom"),
		FeedRSS:  t.url(s, o, "feed", "rss"),
		ShowList: true,
	}
	s.render(w, r, http.StatusOK, "special_recentchanges", v)
}

// findWatchlistChanges reads the changes o selects among the pages u
// watches.
func (s *Server) findWatchlistChanges(ctx context.Context, u *folio.User, o rcOptions) ([]*folio.RecentChange, error) {
	f := o.filter(s.specialNow(), u.Name)
	find := func(ctx context.Context, f folio.RecentChangeFilter) ([]*folio.RecentChange, error) {
		return s.Wiki.WatchlistChanges(ctx, u, folio.WatchlistChangeFilter{RecentChangeFilter: f})
	}
	if !o.needsRowFilter() {
		return find(ctx, f)
	}
	f.Limit = rcBatch
	keep := func(rc *folio.RecentChange) (bool, error) { return o.matches(rc.Namespace, s.Namespaces), nil }
	return collectChanges(ctx, find, f, o.Limit, keep)
}

// watchlistTools are the links between the watchlist pages, shown under
// their headings; the current one is not a link.
func watchlistTools(s *Server, current string) template.HTML {
	var b strings.Builder
	b.WriteString(`<span class="mw-watchlist-toollinks">(`)
	for i, l := range [][3]string{{"Watchlist", "", "View relevant changes"}, {"EditWatchlist", "", "View and edit watchlist"},
		{"EditWatchlist", "raw", "Edit raw watchlist"}} {
		if i > 0 {
			b.WriteString(" | ")
		}
		name := l[0]
		if l[1] != "" {
			name += "/" + l[1]
		}
		if name == current {
			b.WriteString(template.HTMLEscapeString(l[2]))
			continue
		}
		b.WriteString(`<a href="` + template.HTMLEscapeString(s.specialURL(name)) + `">` + template.HTMLEscapeString(l[2]) + `</a>`)
	}
	b.WriteString(`)</span>`)
	return template.HTML(b.String())
}
