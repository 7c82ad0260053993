package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/folio-wiki/folio"
)

// newPagesPage is what templates/special_newpages.html shows.
type newPagesPage struct {
	FormTitle       string
	NamespaceSelect template.HTML
	Username        string
	HideBots        bool
	HideLiu         bool
	Lines           []newPageLine
	Nav             *pagerNav
}

// newPageLine is one page creation.
type newPageLine struct {
	Date    string
	Title   link
	Hist    link
	Bytes   string
	User    template.HTML
	Comment template.HTML
}

// handleNewPages serves Special:NewPages: page creations, newest first,
// filtered by namespace (main by default), creator and user kind.
func (s *Server) handleNewPages(w http.ResponseWriter, r *http.Request) {
	o := parseNewPagesOptions(r.URL.Query())
	if o.Username != "" {
		name, err := s.userName(o.Username)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		o.Username = name
	}
	rcs, err := s.Store.FindNewPages(r.Context(), o.filter())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	more := len(rcs) > o.Limit
	rcs = rcs[:min(len(rcs), o.Limit)]
	ids := make([]int64, len(rcs))
	for i, rc := range rcs {
		ids[i] = rc.ID
	}
	v := s.specialView(r, "NewPages")
	v.Data = newPagesPage{
		FormTitle:       "Special:NewPages",
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all"),
		Username:        o.Username, HideBots: o.HideBots, HideLiu: o.HideLiu,
		Lines: s.newPageLines(r.Context(), rcs),
		Nav:   olderOnlyNav(pager{Limit: o.Limit, Offset: o.Offset}, s.newPagesURL(o), ids, more),
	}
	s.render(w, r, http.StatusOK, "special_newpages", v)
}

// newPagesURL returns the URL builder of the pager links, keeping o's
// filters.
func (s *Server) newPagesURL(o newPagesOptions) func(url.Values) string {
	return func(q url.Values) string {
		if o.Namespace == nil {
			q.Set("namespace", "all")
		} else if *o.Namespace != folio.NSMain {
			q.Set("namespace", strconv.Itoa(*o.Namespace))
		}
		if o.Username != "" {
			q.Set("username", o.Username)
		}
		setBool(q, "hidebots", o.HideBots, false)
		setBool(q, "hideliu", o.HideLiu, false)
		return s.titleURL(s.specialTitle("NewPages"), q)
	}
}

// newPageLines renders page creations with one existence query.
func (s *Server) newPageLines(ctx context.Context, rcs []*folio.RecentChange) []newPageLine {
	titles := make([]folio.Title, len(rcs))
	for i, rc := range rcs {
		titles[i] = s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
	}
	links := s.titleLinks(ctx, titles)
	out := make([]newPageLine, len(rcs))
	for i, rc := range rcs {
		links[i].Class = joinClass(links[i].Class, "mw-newpages-pagename")
		out[i] = newPageLine{
			Date:    formatDate(rc.Timestamp),
			Title:   links[i],
			Hist:    link{Href: s.actionURL(titles[i], "history"), Text: "hist", Class: "mw-newpages-history"},
			Bytes:   formatBytes(rc.NewLen),
			User:    s.userLinks(rc.Actor),
			Comment: s.formatComment(rc.Comment),
		}
	}
	return out
}
