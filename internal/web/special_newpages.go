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
	HideRedirs      bool
	Lines           []newPageLine
	Nav             *pagerNav
	FeedAtom        string
	FeedRSS         string
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
// filtered by namespace (main by default), creator, user kind and, unless
// hideredirs=0, leaving out pages that are now redirects.
func (s *Server) handleNewPages(w http.ResponseWriter, r *http.Request) {
	o := parseNewPagesOptions(r.URL.Query())
	feed := r.URL.Query().Get("feed")
	if feed != "" {
		o.Limit = min(o.Limit, feedLimit)
	}
	rcs, pages, more, err := s.findNewPages(r.Context(), &o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	urlFor := s.newPagesURL(o)
	if feed != "" {
		s.writeFeed(w, r, feed, s.Site.Name+" – "+specialHeadings["NewPages"],
			s.fullURL(urlFor(url.Values{"feed": {feed}})), s.fullURL(urlFor(url.Values{})), s.feedEntries(rcs))
		return
	}
	ids := make([]int64, len(rcs))
	for i, rc := range rcs {
		ids[i] = rc.ID
	}
	v := s.specialView(r, "NewPages")
	v.Data = newPagesPage{
		FormTitle:       "Special:NewPages",
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all"),
		Username:        o.Username, HideBots: o.HideBots, HideLiu: o.HideLiu, HideRedirs: o.HideRedirs,
		Lines:    s.newPageLines(r.Context(), rcs, pages),
		Nav:      o.pager().nav(urlFor, firstID(ids), lastID(ids), more),
		FeedAtom: urlFor(url.Values{"feed": {"atom"}}),
		FeedRSS:  urlFor(url.Values{"feed": {"rss"}}),
	}
	s.render(w, r, http.StatusOK, "special_newpages", v)
}

// findNewPages reads one screen of page creations, after normalising the
// creator's name in o, with the pages they created (for sizes) and whether
// more rows follow.
func (s *Server) findNewPages(ctx context.Context, o *newPagesOptions) ([]*folio.RecentChange, map[int64]*folio.Page, bool, error) {
	if o.Username != "" {
		name, err := s.userName(o.Username)
		if err != nil {
			return nil, nil, false, err
		}
		o.Username = name
	}
	pages := map[int64]*folio.Page{}
	f, limit, keep := o.filter(), o.Limit+1, s.newPageFilter(ctx, *o, pages)
	if o.Newer() { // read from the newest down to the offset
		f.Before, f.Limit, limit = 0, rcBatch, rcBatch*rcMaxBatches
		keep = stopAtID(o.Offset, keep)
	}
	rcs, err := collectChanges(ctx, s.Store.FindNewPages, f, limit, keep)
	if err != nil {
		return nil, nil, false, err
	}
	more := len(rcs) > o.Limit
	if o.Newer() {
		return lastN(rcs, o.Limit), pages, more, nil
	}
	return rcs[:min(len(rcs), o.Limit)], pages, more, nil
}

// newPageFilter returns the row filter of Special:NewPages: it looks up
// each created page, remembering it in pages for its current size, and
// drops redirects when o asks to. Deleted pages stay, shown as red links.
func (s *Server) newPageFilter(ctx context.Context, o newPagesOptions, pages map[int64]*folio.Page) func(*folio.RecentChange) (bool, error) {
	return func(rc *folio.RecentChange) (bool, error) {
		p, err := s.Store.FindPageByID(ctx, rc.PageID)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return true, nil
		} else if err != nil {
			return false, err
		}
		pages[rc.PageID] = p
		return !(o.HideRedirs && p.IsRedirect), nil
	}
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
		setBool(q, "hideredirs", o.HideRedirs, true)
		return s.titleURL(s.specialTitle("NewPages"), q)
	}
}

// newPageLines renders page creations with one existence query.
func (s *Server) newPageLines(ctx context.Context, rcs []*folio.RecentChange, pages map[int64]*folio.Page) []newPageLine {
	titles := make([]folio.Title, len(rcs))
	for i, rc := range rcs {
		titles[i] = s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
	}
	links := s.titleLinks(ctx, titles)
	out := make([]newPageLine, len(rcs))
	for i, rc := range rcs {
		links[i].Class = joinClass(links[i].Class, "mw-newpages-pagename")
		size := rc.NewLen
		if p := pages[rc.PageID]; p != nil {
			size = p.Len // the current size, as MediaWiki shows
			if p.IsRedirect {
				links[i].Class = joinClass(links[i].Class, "mw-redirect")
			}
		}
		out[i] = newPageLine{
			Date:    formatDate(rc.Timestamp),
			Title:   links[i],
			Hist:    link{Href: s.actionURL(titles[i], "history"), Text: "hist", Class: "mw-newpages-history"},
			Bytes:   formatBytes(size),
			User:    s.userLinks(rc.Actor),
			Comment: s.formatComment(rc.Comment),
		}
	}
	return out
}
