package api

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

var wlProps = []string{"ids", "title", "flags", "user", "userid", "comment", "parsedcomment",
	"timestamp", "patrol", "sizes", "notificationtimestamp", "loginfo", "tags", "expiry"}

var wlShow = []string{"minor", "!minor", "bot", "!bot", "anon", "!anon", "patrolled", "!patrolled",
	"autopatrolled", "!autopatrolled", "unread", "!unread"}

// watchlistUser returns the user whose watchlist a list module reads: the
// current user, or owner with its watchlist token (which Folio does not
// issue, so such requests fail as MediaWiki's do for a wrong token).
func (s *Server) watchlistUser(c *call, l *listRun) (*folio.User, error) {
	if owner := c.str(l.p("owner")); owner != "" || c.str(l.p("token")) != "" {
		if owner == "" {
			return nil, usageError("missingparam", "The owner and token parameters must be given together.")
		}
		if _, err := s.Store.FindUserByName(c.ctx, owner); err != nil {
			return nil, usageError("bad_wlowner", fmt.Sprintf("There is no user named %q.", owner))
		}
		return nil, usageError("bad_wltoken", "Incorrect watchlist token provided. Please set a correct token in Special:Preferences.")
	}
	u := c.user()
	if u == nil {
		return nil, usageError("notloggedin", "Please log in to view or change your watchlist.")
	}
	if !s.Wiki.Allowed(u, "viewmywatchlist") {
		return nil, usageError("permissiondenied", "You need the \"viewmywatchlist\" right to view your watchlist.")
	}
	return u, nil
}

// parseWL reads the parameters of list=watchlist into an rcQuery.
func (s *Server) parseWL(c *call, l *listRun) (*rcQuery, error) {
	rq := &rcQuery{
		props: c.set(l.p("prop"), []string{"ids", "title", "flags"}, wlProps...),
		show:  c.set(l.p("show"), nil, wlShow...),
		types: c.set(l.p("type"), []string{"edit", "new", "log", "categorize"}, "edit", "new", "log", "external", "categorize"),
	}
	for _, pair := range [][2]string{{"minor", "!minor"}, {"bot", "!bot"}, {"anon", "!anon"}, {"patrolled", "!patrolled"}, {"unread", "!unread"}} {
		if rq.show[pair[0]] && rq.show[pair[1]] {
			return nil, usageError("show", "Incorrect parameter: mutually exclusive values may not be supplied.")
		}
	}
	if (rq.props["patrol"] || rq.show["patrolled"] || rq.show["!patrolled"]) && !s.Wiki.Allowed(c.user(), "patrol") {
		return nil, usageError("permissiondenied", "You need the \"patrol\" right to request the patrolled flag.")
	}
	if c.str(l.p("user")) != "" && c.str(l.p("excludeuser")) != "" {
		return nil, usageError("invalidparammix", "The \"user\" and \"excludeuser\" parameters cannot be used together.")
	}
	var err error
	if rq.nss, err = c.namespaces(l.p("namespace")); err != nil {
		return nil, err
	}
	if rq.limit, err = c.limit(l.p("limit"), 10, 500, 5000); err != nil {
		return nil, err
	}
	dir, err := c.enum(l.p("dir"), "older", "older", "newer")
	if err != nil {
		return nil, err
	}
	rq.newer = dir == "newer"
	if rq.start, err = c.ts(l.p("start")); err != nil {
		return nil, err
	}
	end, err := c.ts(l.p("end"))
	if err != nil {
		return nil, err
	}
	return rq, rq.setFilter(c, l, end)
}

// listWatchlist is list=watchlist: recent changes to the pages the user
// watches, the latest change of each page unless allrev is given.
func (s *Server) listWatchlist(c *call, q *query) error {
	l := q.listFor("watchlist", "wl")
	u, err := s.watchlistUser(c, l)
	if err != nil {
		return err
	}
	rq, err := s.parseWL(c, l)
	if err != nil {
		return err
	}
	f := folio.WatchlistChangeFilter{RecentChangeFilter: rq.filter, AllRevisions: c.boolean(l.p("allrev"))}
	if rq.show["unread"] || rq.show["!unread"] {
		unread := rq.show["unread"]
		f.Unread = &unread
	}
	end, _ := c.ts(l.p("end")) // parseWL checked it
	rows, more, err := s.findWL(c, u, rq, f, end)
	if err != nil {
		return err
	}
	var expiries map[folio.LinkTarget]*folio.WatchedItem
	if rq.props["expiry"] || rq.props["notificationtimestamp"] {
		titles := make([]folio.Title, 0, len(rows))
		for _, rc := range rows {
			titles = append(titles, s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey))
		}
		if expiries, err = s.Wiki.WatchedItems(c.ctx, u, titles); err != nil {
			return err
		}
	}
	for _, rc := range rows {
		l.emit(s.wlObj(rc, rq.props, expiries), s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey))
	}
	if more != nil {
		c.moreResults(l, fmt.Sprintf("%s|%d", more.Timestamp.UTC().Format("20060102150405"), more.ID))
	}
	if !l.generator {
		q.out.set("watchlist", orEmpty(l.items))
	}
	return nil
}

// findWL pages through the watchlist's changes until limit rows pass the
// filters; more is the first row of the next batch.
func (s *Server) findWL(c *call, u *folio.User, rq *rcQuery, f folio.WatchlistChangeFilter, end time.Time) (rows []*folio.RecentChange, more *folio.RecentChange, err error) {
	f.Limit = 500
	if !rq.newer {
		f.Limit = min(500, rq.limit+1) // newest first: one more row tells whether to continue
	}
	var all []*folio.RecentChange
	for {
		batch, err := s.Wiki.WatchlistChanges(c.ctx, u, f)
		if err != nil {
			return nil, nil, err
		}
		for _, rc := range batch {
			if rq.newer && !end.IsZero() && rc.Timestamp.After(end) {
				continue // oldest first: the end is the newest change wanted
			}
			if rq.wanted(rc) {
				all = append(all, rc)
			}
		}
		if len(batch) < f.Limit || (!rq.newer && len(all) > rq.limit) {
			break
		}
		f.Before = batch[len(batch)-1].ID
	}
	page, next := changesPage(all, rq.newer, rq.limit)
	return page, next, nil
}

// wlObj formats one change as wlprop asks: the fields of list=recentchanges
// less rcid, plus the watchlist's own.
func (s *Server) wlObj(rc *folio.RecentChange, p map[string]bool, expiries map[folio.LinkTarget]*folio.WatchedItem) *obj {
	o := s.rcObj(rc, p)
	o.del("rcid")
	if p["user"] || p["userid"] {
		o.set("anon", flag(rc.Actor.IsAnon()))
	}
	if p["patrol"] {
		o.set("patrolled", flag(true)).set("unpatrolled", flag(false)).set("autopatrolled", flag(false))
	}
	w := expiries[folio.LinkTarget{Namespace: rc.Namespace, DBKey: rc.DBKey}]
	if p["notificationtimestamp"] {
		if w != nil {
			o.set("notificationtimestamp", timestamp(w.NotificationTimestamp))
		} else {
			o.set("notificationtimestamp", "")
		}
	}
	if p["expiry"] {
		if w != nil && !w.Expiry.IsZero() {
			o.set("expiry", timestamp(w.Expiry))
		} else {
			o.set("expiry", flag(false))
		}
	}
	return o
}

// listWatchlistRaw is list=watchlistraw: the titles the user watches, in
// namespace and title order. Like MediaWiki, it writes its list at the top
// of the result, not under query.
func (s *Server) listWatchlistRaw(c *call, q *query) error {
	l := q.listFor("watchlistraw", "wr")
	u, err := s.watchlistUser(c, l)
	if err != nil {
		return err
	}
	f, props, err := s.parseWR(c, l)
	if err != nil {
		return err
	}
	limit := f.Limit
	f.Limit++
	items, err := s.Wiki.Watchlist(c.ctx, u, f)
	if err != nil {
		return err
	}
	var to *folio.Title
	if v := c.str(l.p("totitle")); v != "" {
		t, _ := c.title(s, v)
		to = &t
	}
	var out []any
	for i, w := range items {
		if to != nil && pastTitle(w, *to, f.Descending) {
			break
		}
		if i == limit {
			c.moreResults(l, fmt.Sprintf("%d|%s", w.Namespace, w.DBKey))
			break
		}
		t := s.Namespaces.MakeTitle(w.Namespace, w.DBKey)
		o := newObj().set("ns", t.Namespace).set("title", t.PrefixedText())
		if props["changed"] {
			o.set("changed", "")
		}
		out = append(out, o)
		l.emit(o, t)
	}
	if !l.generator {
		c.result.set("watchlistraw", orEmpty(out))
	}
	return nil
}

// parseWR reads the parameters of list=watchlistraw.
func (s *Server) parseWR(c *call, l *listRun) (folio.WatchlistFilter, map[string]bool, error) {
	var f folio.WatchlistFilter
	props := c.set(l.p("prop"), nil, "changed")
	c.set(l.p("show"), nil, "changed", "!changed")
	nss, err := c.namespaces(l.p("namespace"))
	if err != nil {
		return f, nil, err
	}
	if len(nss) == 1 {
		f.Namespace = &nss[0]
	}
	if f.Limit, err = c.limit(l.p("limit"), 10, 500, 5000); err != nil {
		return f, nil, err
	}
	dir, err := c.enum(l.p("dir"), "ascending", "ascending", "descending")
	if err != nil {
		return f, nil, err
	}
	f.Descending = dir == "descending"
	for _, param := range []string{"fromtitle", "totitle"} {
		if v := c.str(l.p(param)); v != "" {
			if _, err := c.title(s, v); err != nil {
				return f, nil, err
			}
		}
	}
	if v := c.str(l.p("fromtitle")); v != "" {
		t, _ := c.title(s, v)
		f.From = &folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}
	}
	if cont := c.str(l.p("continue")); cont != "" {
		ns, key, ok := strings.Cut(cont, "|")
		n, err := strconv.Atoi(ns)
		if !ok || err != nil {
			return f, nil, usageError("badcontinue", "Invalid continue parameter; pass back the value the previous query returned.")
		}
		f.From = &folio.LinkTarget{Namespace: n, DBKey: key}
	}
	return f, props, nil
}

// pastTitle reports whether w comes after t in the listing's order.
func pastTitle(w *folio.WatchedItem, t folio.Title, descending bool) bool {
	cmp := w.Namespace - t.Namespace
	if cmp == 0 {
		cmp = strings.Compare(w.DBKey, t.DBKey)
	}
	if descending {
		return cmp < 0
	}
	return cmp > 0
}
