package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

// rcBatch is how many rows a row-filtered listing (invert, associated) reads
// at a time, and rcMaxBatches how many batches it reads at most.
const (
	rcBatch      = 500
	rcMaxBatches = 20
)

// rcPage is what templates/special_recentchanges.html shows.
type rcPage struct {
	Panel  rcPanel
	Days   []dayGroup[changeLine]
	Limit  int
	Period string
	AsOf   string
	// FeedAtom and FeedRSS are the feeds of the same selection.
	FeedAtom string
	FeedRSS  string
}

// choice is one option of a "50 | 100 | 250" row of links.
type choice struct {
	Text    string
	Href    string
	Current bool
}

// rcPanel is the options box of Special:RecentChanges.
type rcPanel struct {
	Limits          []choice
	Days            []choice
	Toggles         []link
	FromLink        link // "show new changes from now on"
	NamespaceSelect template.HTML
	Invert          bool
	Associated      bool
	Hidden          template.HTML
	FormAction      string
	FormTitle       string
}

// handleRecentChanges serves Special:RecentChanges.
func (s *Server) handleRecentChanges(w http.ResponseWriter, r *http.Request) {
	o := parseRCOptions(r.URL.Query(), specialSubpage(r))
	feed := r.URL.Query().Get("feed")
	if feed != "" {
		o.Limit = min(o.Limit, feedLimit)
	}
	rcs, err := s.findRecentChanges(r.Context(), o, s.visitorName(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if feed != "" {
		s.writeFeed(w, r, feed, s.Site.Name+" – "+specialHeadings["RecentChanges"],
			s.fullURL(s.rcFeedURL(o, feed)), s.fullURL(s.rcFeedURL(o, "")), s.feedEntries(rcs))
		return
	}
	lines := s.changeLines(r.Context(), rcs)
	v := s.specialView(r, "RecentChanges")
	v.Data = rcPage{
		Panel:    s.rcPanel(o),
		Days:     groupByDay(lines, changeLine.when),
		Limit:    o.Limit,
		Period:   formatDays(o.Days),
		AsOf:     formatDate(s.specialNow()),
		FeedAtom: s.rcFeedURL(o, "atom"),
		FeedRSS:  s.rcFeedURL(o, "rss"),
	}
	s.render(w, r, http.StatusOK, "special_recentchanges", v)
}

// rcFeedURL is the URL of the changes o selects as a feed of format, or
// as the page when format is "".
func (s *Server) rcFeedURL(o rcOptions, format string) string {
	q := o.query()
	if format != "" {
		q.Set("feed", format)
	}
	return s.titleURL(s.specialTitle("RecentChanges"), q)
}

// visitorName is the name the visitor's own changes carry: the user name,
// or the IP address of an anonymous visitor.
func (s *Server) visitorName(r *http.Request) string {
	if u := s.currentUser(r); u != nil {
		return u.Name
	}
	return s.clientIP(r)
}

// findRecentChanges reads the changes o selects. When the namespace choice
// cannot be put in a store filter (invert, associated) it reads batches and
// keeps the matching rows until the limit is reached.
func (s *Server) findRecentChanges(ctx context.Context, o rcOptions, me string) ([]*folio.RecentChange, error) {
	f := o.filter(s.specialNow(), me)
	if !o.needsRowFilter() {
		return s.Store.FindRecentChanges(ctx, f)
	}
	f.Limit = rcBatch
	keep := func(rc *folio.RecentChange) (bool, error) { return o.matches(rc.Namespace, s.Namespaces), nil }
	return collectChanges(ctx, s.Store.FindRecentChanges, f, o.Limit, keep)
}

// collectChanges reads batches of f.Limit changes, oldest batch last, and
// returns the first limit rows keep accepts. It stops after rcMaxBatches
// batches so that a filter matching nothing cannot scan the whole table.
func collectChanges(ctx context.Context, find func(context.Context, folio.RecentChangeFilter) ([]*folio.RecentChange, error),
	f folio.RecentChangeFilter, limit int, keep func(*folio.RecentChange) (bool, error)) ([]*folio.RecentChange, error) {
	var out []*folio.RecentChange
	for range rcMaxBatches {
		batch, err := find(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, rc := range batch {
			ok, err := keep(rc)
			if err != nil {
				return nil, err
			}
			if ok {
				if out = append(out, rc); len(out) == limit {
					return out, nil
				}
			}
		}
		if len(batch) < f.Limit {
			break
		}
		f.Before = batch[len(batch)-1].ID
	}
	return out, nil
}

// rcPanel builds the options box: limit and period links, show/hide
// toggles and the namespace form.
func (s *Server) rcPanel(o rcOptions) rcPanel {
	self := s.specialTitle("RecentChanges")
	with := func(change func(*rcOptions)) string {
		c := o
		change(&c)
		return s.titleURL(self, c.query())
	}
	p := rcPanel{
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all"),
		Invert:          o.Invert,
		Associated:      o.Associated,
		Hidden:          hiddenFields(o.query(), "namespace", "invert", "associated"),
		FormAction:      scriptPath,
		FormTitle:       self.PrefixedDBKey(),
	}
	now := s.specialNow().UTC().Truncate(time.Second)
	p.FromLink = link{Text: "Show only changes made after " + formatDate(now),
		Href: with(func(c *rcOptions) { c.From = now })}
	for _, n := range rcLimitChoices {
		p.Limits = append(p.Limits, choice{Text: strconv.Itoa(n), Current: n == o.Limit,
			Href: with(func(c *rcOptions) { c.Limit = n })})
	}
	for _, d := range rcDaysChoices {
		p.Days = append(p.Days, choice{Text: formatDays(d), Current: d == o.Days,
			Href: with(func(c *rcOptions) { c.Days = d })})
	}
	for _, t := range rcToggles {
		on := *t.field(&o)
		p.Toggles = append(p.Toggles, link{
			Text:  toggleText(on, t.what),
			Href:  with(func(c *rcOptions) { *t.field(c) = !on }),
			Class: "mw-rc-toggle-" + t.param,
		})
	}
	return p
}

// rcToggles are the show/hide switches of the options box, in MediaWiki's
// order.
var rcToggles = []struct {
	param string
	what  string
	field func(*rcOptions) *bool
}{
	{"hideminor", "minor edits", func(o *rcOptions) *bool { return &o.HideMinor }},
	{"hidebots", "bots", func(o *rcOptions) *bool { return &o.HideBots }},
	{"hideanons", "anonymous users", func(o *rcOptions) *bool { return &o.HideAnons }},
	{"hideliu", "registered users", func(o *rcOptions) *bool { return &o.HideLiu }},
	{"hidemyself", "my edits", func(o *rcOptions) *bool { return &o.HideMyself }},
	{"hidelog", "logs", func(o *rcOptions) *bool { return &o.HideLogs }},
}

// toggleText is the text of a toggle link: it offers the opposite of the
// current state.
func toggleText(hidden bool, what string) string {
	if hidden {
		return "Show " + what
	}
	return "Hide " + what
}
