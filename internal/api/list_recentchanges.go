package api

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

var rcProps = []string{"user", "userid", "comment", "parsedcomment", "flags", "timestamp",
	"title", "ids", "sizes", "redirect", "patrolled", "loginfo", "tags", "sha1"}

var rcShow = []string{"minor", "!minor", "bot", "!bot", "anon", "!anon", "redirect", "!redirect",
	"patrolled", "!patrolled", "unpatrolled", "autopatrolled", "!autopatrolled"}

// rcQuery is a parsed list=recentchanges request.
type rcQuery struct {
	filter folio.RecentChangeFilter
	props  map[string]bool
	show   map[string]bool
	types  map[string]bool
	nss    []int
	start  time.Time
	newer  bool
	limit  int
	title  *folio.Title
	minID  int64         // oldest first: only changes from this id on
	patrol map[int64]int // rc_patrolled by rc id, when needed (rc_patrol.go)
}

func (s *Server) parseRC(c *call, l *listRun) (*rcQuery, error) {
	rq := &rcQuery{
		props: c.set(l.p("prop"), []string{"title", "timestamp", "ids"}, rcProps...),
		show:  c.set(l.p("show"), nil, rcShow...),
		types: c.set(l.p("type"), []string{"edit", "new", "log", "categorize"}, "edit", "new", "log", "external", "categorize"),
	}
	if rq.needsPatrol() && !s.Wiki.Allowed(c.user(), "patrol") {
		return nil, usageError("permissiondenied", "The patrolled flag needs the \"patrol\" right.")
	}
	var err error
	if rq.nss, err = c.namespaces(l.p("namespace")); err != nil {
		return nil, err
	}
	if v := c.str(l.p("title")); v != "" {
		t, err := c.title(s, v)
		if err != nil {
			return nil, err
		}
		rq.title = &t
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

// setFilter fills the store filter from the parsed parameters.
func (rq *rcQuery) setFilter(c *call, l *listRun, end time.Time) error {
	f := &rq.filter
	f.OnlyActor, f.HideActor = c.str(l.p("user")), c.str(l.p("excludeuser"))
	f.HideMinor, f.HideBots, f.HideAnons, f.HideLiu = rq.show["!minor"], rq.show["!bot"], rq.show["!anon"], rq.show["anon"]
	f.HideLogs = !rq.types["log"]
	f.NewOnly = rq.types["new"] && !rq.types["edit"] && !rq.types["log"]
	if len(rq.nss) == 1 {
		f.Namespace = &rq.nss[0]
	}
	f.Since = end
	if rq.newer {
		f.Since = rq.start
	}
	for _, p := range []string{"tag", "toponly", "generaterevisions"} {
		c.str(l.p(p))
	}
	before, err := continueID(c.str(l.p("continue")))
	if rq.newer {
		rq.minID = before - 1 // oldest first: continue at this id and above
	} else {
		f.Before = before
	}
	return err
}

// continueID reads a "timestamp|id" continuation value and returns the
// paging bound that includes id; 0 without a value.
func continueID(cont string) (int64, error) {
	if cont == "" {
		return 0, nil
	}
	_, id, _ := strings.Cut(cont, "|")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0, usageError("badcontinue", "Invalid continue parameter; pass back the value the previous query returned.")
	}
	return n + 1, nil
}

// wanted applies the filters the store does not.
func (rq *rcQuery) wanted(rc *folio.RecentChange) bool {
	if len(rq.nss) > 1 && !containsInt(rq.nss, rc.Namespace) {
		return false
	}
	if rq.show["minor"] && !rc.Minor || rq.show["bot"] && !rc.Bot {
		return false
	}
	if rq.title != nil && (rc.Namespace != rq.title.Namespace || rc.DBKey != rq.title.DBKey) {
		return false
	}
	if rq.minID > 0 && rc.ID < rq.minID {
		return false
	}
	if !rq.newer && !rq.start.IsZero() && rc.Timestamp.After(rq.start) {
		return false
	}
	switch rc.Type {
	case folio.RCNew:
		return rq.types["new"]
	case folio.RCLog:
		return rq.types["log"]
	}
	return rq.types["edit"]
}

// listRecentChanges is list=recentchanges.
func (s *Server) listRecentChanges(c *call, q *query) error {
	l := q.listFor("recentchanges", "rc")
	rq, err := s.parseRC(c, l)
	if err != nil {
		return err
	}
	rows, more, err := s.findRC(c, rq)
	if err != nil {
		return err
	}
	for _, rc := range rows {
		o := s.rcObj(rc, rq.props)
		rq.addPatrol(o, rc)
		l.emit(o, s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey))
	}
	if more != nil {
		c.moreResults(l, fmt.Sprintf("%s|%d", more.Timestamp.UTC().Format("20060102150405"), more.ID))
	}
	if !l.generator {
		q.out.set("recentchanges", orEmpty(l.items))
	}
	return nil
}

// findRC pages through the store until limit rows pass the filters; more
// is the first row of the next batch.
func (s *Server) findRC(c *call, rq *rcQuery) (rows []*folio.RecentChange, more *folio.RecentChange, err error) {
	f := rq.filter
	f.Limit = 500
	var all []*folio.RecentChange
	for {
		batch, err := s.Store.FindRecentChanges(c.ctx, f)
		if err != nil {
			return nil, nil, err
		}
		if err := s.loadPatrol(c, rq, batch); err != nil {
			return nil, nil, err
		}
		for _, rc := range batch {
			if rq.wanted(rc) && rq.patrolWanted(rc) {
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

// changesPage puts changes read newest first into the asked order and cuts
// them at limit, returning the first change of the next page, if any.
func changesPage(all []*folio.RecentChange, newer bool, limit int) ([]*folio.RecentChange, *folio.RecentChange) {
	if newer {
		slices.Reverse(all)
	}
	if len(all) > limit {
		return all[:limit], all[limit]
	}
	return all, nil
}

// rcObj formats one change as rcprop asks.
func (s *Server) rcObj(rc *folio.RecentChange, p map[string]bool) *obj {
	typ := map[int]string{folio.RCEdit: "edit", folio.RCNew: "new", folio.RCLog: "log"}[rc.Type]
	o := newObj().set("type", typ)
	if p["title"] {
		o.set("ns", rc.Namespace).set("title", s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey).PrefixedText())
	}
	if p["ids"] {
		o.set("pageid", rc.PageID).set("revid", rc.ThisOldID).set("old_revid", rc.LastOldID).set("rcid", rc.ID)
	}
	if p["user"] {
		o.set("user", rc.Actor.Name)
		if rc.Actor.IsAnon() {
			o.set("anon", flag(true))
		}
	}
	if p["userid"] {
		o.set("userid", rc.Actor.UserID)
	}
	if p["flags"] {
		o.set("bot", flag(rc.Bot)).set("new", flag(rc.Type == folio.RCNew)).set("minor", flag(rc.Minor))
	}
	if p["sizes"] {
		o.set("oldlen", rc.OldLen).set("newlen", rc.NewLen)
	}
	if p["timestamp"] {
		o.set("timestamp", timestamp(rc.Timestamp))
	}
	if p["comment"] {
		o.set("comment", rc.Comment)
	}
	if p["parsedcomment"] {
		o.set("parsedcomment", htmlEscape(rc.Comment))
	}
	if p["loginfo"] && rc.Type == folio.RCLog {
		o.set("logid", rc.LogID).set("logtype", rc.LogType).set("logaction", rc.LogAction).set("logparams", []any{})
	}
	if p["tags"] {
		o.set("tags", []any{})
	}
	return o
}
