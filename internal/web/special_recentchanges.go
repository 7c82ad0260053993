package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

// rcBatch is how many rows a listing filtered row by row (namespace
// invert or associated, related changes, newer pages of a log) reads at a
// time, and rcMaxBatches how many batches it reads at most: such a listing
// looks at no more than 10,000 rows.
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
	// Linked is the target form of Special:RecentChangesLinked.
	Linked *rcLinkedForm
	// ShowList is false on Special:RecentChangesLinked without a target.
	ShowList bool
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

// rcTarget is where the links and forms of a change list point:
// Special:RecentChanges, or Special:RecentChangesLinked with its target.
type rcTarget struct {
	Title folio.Title
	Extra url.Values // parameters besides the options, such as target=
}

// url links to the list with options o and further key/value pairs.
func (t rcTarget) url(s *Server, o rcOptions, kv ...string) string {
	q := o.query()
	for k, v := range t.Extra {
		q[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return s.titleURL(t.Title, q)
}

// handleRecentChanges serves Special:RecentChanges.
func (s *Server) handleRecentChanges(w http.ResponseWriter, r *http.Request) {
	o := parseRCOptions(r.URL.Query(), specialSubpage(r))
	feed := r.URL.Query().Get("feed")
	if feed != "" {
		o.Limit = min(o.Limit, feedLimit)
	}
	rcs, err := s.findRecentChanges(r.Context(), o, s.visitorName(r), nil)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := rcTarget{Title: s.specialTitle("RecentChanges")}
	s.writeChanges(w, r, "RecentChanges", feed, o, t, rcs, nil)
}

// writeChanges shows a change list as a page or, when feed is set, as a
// feed. name is the special page; linked, when set, adds the target form
// of Special:RecentChangesLinked.
func (s *Server) writeChanges(w http.ResponseWriter, r *http.Request, name, feed string, o rcOptions, t rcTarget, rcs []*folio.RecentChange, linked *rcLinkedForm) {
	if feed != "" {
		s.writeFeed(w, r, feed, s.Site.Name+" – "+specialHeadings[name],
			s.fullURL(t.url(s, o, "feed", feed)), s.fullURL(t.url(s, o)), s.feedEntries(rcs))
		return
	}
	lines := s.changeLines(r.Context(), rcs)
	v := s.specialView(r, name)
	v.Data = rcPage{
		Panel:    s.rcPanel(o, t),
		Days:     groupByDay(lines, changeLine.when),
		Limit:    o.Limit,
		Period:   formatDays(o.Days),
		AsOf:     formatDate(s.specialNow()),
		FeedAtom: t.url(s, o, "feed", "atom"),
		FeedRSS:  t.url(s, o, "feed", "rss"),
		Linked:   linked,
		ShowList: linked == nil || linked.Target != "",
	}
	s.render(w, r, http.StatusOK, "special_recentchanges", v)
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
// cannot be put in a store filter (invert, associated), or only changes to
// some pages are wanted (pages not nil), it reads batches and keeps the
// matching rows until the limit is reached.
func (s *Server) findRecentChanges(ctx context.Context, o rcOptions, me string, pages map[folio.LinkTarget]bool) ([]*folio.RecentChange, error) {
	f := o.filter(s.specialNow(), me)
	if !o.needsRowFilter() && pages == nil {
		return s.Store.FindRecentChanges(ctx, f)
	} else if pages != nil && len(pages) == 0 {
		return nil, nil // nothing can match: do not scan
	}
	f.Limit = rcBatch // o.filter leaves the namespace to the rows when it must
	keep := func(rc *folio.RecentChange) (bool, error) {
		in := pages == nil || pages[folio.LinkTarget{Namespace: rc.Namespace, DBKey: rc.DBKey}]
		return in && o.matches(rc.Namespace, s.Namespaces), nil
	}
	return collectChanges(ctx, s.Store.FindRecentChanges, f, o.Limit, keep)
}

// errStopScan, returned by a row filter, ends collectChanges early.
var errStopScan = errors.New("stop scanning")

// stopAtID wraps keep to end the scan at the first change with an id of
// at most id (0: never), for reading down to a paging offset.
func stopAtID(id int64, keep func(*folio.RecentChange) (bool, error)) func(*folio.RecentChange) (bool, error) {
	return func(rc *folio.RecentChange) (bool, error) {
		if id != 0 && rc.ID <= id {
			return false, errStopScan
		}
		return keep(rc)
	}
}

// collectChanges reads batches of f.Limit changes, oldest batch last, and
// returns the first limit rows keep accepts. It stops after rcMaxBatches
// batches so that a filter matching nothing cannot scan the whole table,
// and when keep returns errStopScan.
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
			if errors.Is(err, errStopScan) {
				return out, nil
			} else if err != nil {
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
func (s *Server) rcPanel(o rcOptions, t rcTarget) rcPanel {
	with := func(change func(*rcOptions)) string {
		c := o
		change(&c)
		return t.url(s, c)
	}
	hidden := o.query()
	for k, v := range t.Extra {
		hidden[k] = v
	}
	p := rcPanel{
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all"),
		Invert:          o.Invert,
		Associated:      o.Associated,
		Hidden:          hiddenFields(hidden, "namespace", "invert", "associated"),
		FormAction:      scriptPath,
		FormTitle:       t.Title.PrefixedDBKey(),
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
