package api

import (
	"time"

	"github.com/folio-wiki/folio"
)

// runSetNotificationTimestamp is action=setnotificationtimestamp: it sets
// the current user's notification timestamps of the given pages, or of the
// whole watchlist with entirewatchlist, to timestamp, to the time of
// torevid or of the revision after newerthanrevid; with none of these the
// pages count as visited (no unseen change).
func (s *Server) runSetNotificationTimestamp(c *call) error {
	u := c.user()
	if u == nil {
		return usageError("notloggedin", "Please log in to view or change your watchlist.")
	}
	if !s.Wiki.Allowed(u, "editmywatchlist") {
		return usageError("permissiondenied", "You need the \"editmywatchlist\" right to change your watchlist.")
	}
	entire := c.boolean("entirewatchlist")
	given := 0
	for _, p := range []string{"timestamp", "torevid", "newerthanrevid"} {
		if c.str(p) != "" {
			given++
		}
	}
	if given > 1 {
		return usageError("invalidparammix", "The parameters \"timestamp\", \"torevid\" and \"newerthanrevid\" cannot be used together.")
	}
	if entire {
		for _, p := range []string{"titles", "pageids", "revids", "generator"} {
			if c.has(p) {
				return usageError("multisource", "The parameter \"entirewatchlist\" cannot be used with \""+p+"\".")
			}
		}
	}
	at, err := c.ts("timestamp")
	if err != nil {
		return err
	}
	c.str("continue")
	if entire {
		if c.str("torevid") != "" || c.str("newerthanrevid") != "" {
			return usageError("multpages", "The parameters \"torevid\" and \"newerthanrevid\" may only be used with a single page.")
		}
		if _, err := s.Wiki.SetNotificationTimestamps(c.ctx, u, nil, at); err != nil {
			return err
		}
		c.result.set("batchcomplete", flag(true)).
			set("setnotificationtimestamp", newObj().set("notificationtimestamp", timestamp(at)))
		return nil
	}
	q := &query{out: newObj(), pages: newPageSet()}
	if err := s.fillPageSet(c, q); err != nil {
		return err
	}
	var titles []folio.Title
	var entries []*pageEntry
	for _, e := range q.pages.entries {
		if e.invalid == "" && e.title.Namespace >= 0 {
			titles = append(titles, e.title)
			entries = append(entries, e)
		}
	}
	if c.str("torevid") != "" || c.str("newerthanrevid") != "" {
		if len(titles) != 1 {
			return usageError("multpages", "The parameters \"torevid\" and \"newerthanrevid\" may only be used with a single page.")
		}
		if at, err = s.revisionTimestamp(c, entries[0]); err != nil {
			return err
		}
	}
	out := []any{}
	for _, id := range q.pages.missingIDs {
		out = append(out, newObj().set("pageid", id).set("missing", flag(true)).set("notwatched", flag(true)))
	}
	for _, e := range q.pages.entries {
		if e.invalid != "" {
			out = append(out, newObj().set("title", e.input).set("invalidreason", e.invalid).set("invalid", flag(true)))
		} else if e.title.Namespace < 0 {
			out = append(out, newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText()).
				set("missing", flag(true)).set("special", flag(true)).set("notwatched", flag(true)))
		}
	}
	if len(titles) > 0 {
		if _, err := s.Wiki.SetNotificationTimestamps(c.ctx, u, titles, at); err != nil {
			return err
		}
		items, err := s.Wiki.WatchedItems(c.ctx, u, titles)
		if err != nil {
			return err
		}
		for _, e := range entries {
			o := newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText())
			if e.page == nil {
				o.set("missing", flag(true))
			}
			if w := items[folio.LinkTarget{Namespace: e.title.Namespace, DBKey: e.title.DBKey}]; w != nil {
				o.set("notificationtimestamp", timestamp(w.NotificationTimestamp))
			} else {
				o.set("notwatched", flag(true))
			}
			out = append(out, o)
		}
	}
	if len(q.pages.normalized) > 0 {
		c.result.set("normalized", q.pages.normalized)
	}
	c.result.set("batchcomplete", flag(true)).set("setnotificationtimestamp", out)
	return nil
}

// revisionTimestamp returns the time of torevid, or of the revision after
// newerthanrevid (zero when it is the latest), of the page of e.
func (s *Server) revisionTimestamp(c *call, e *pageEntry) (time.Time, error) {
	name := "torevid"
	if c.str(name) == "" {
		name = "newerthanrevid"
	}
	id, err := c.integer(name, 0)
	if err != nil {
		return time.Time{}, err
	}
	rev, err := s.Store.FindRevisionByID(c.ctx, id)
	if err != nil || e.page == nil || rev.PageID != e.page.ID {
		return time.Time{}, usageError("nosuchrevid", "There is no revision with ID "+c.str(name)+" of this page.")
	}
	if name == "torevid" {
		return rev.Timestamp, nil
	}
	pid := e.page.ID
	next, err := s.Store.FindRevisions(c.ctx, folio.RevisionFilter{PageID: &pid, After: id, Reverse: true, Limit: 1})
	if err != nil || len(next) == 0 {
		return time.Time{}, err
	}
	return next[0].Timestamp, nil
}

// infoNotificationTimestamp adds prop=info's notificationtimestamp: when
// the current user's watched page first changed since their last visit,
// "" when they saw every change, do not watch it or are not logged in.
func (s *Server) infoNotificationTimestamp(c *call, o *obj, t folio.Title) {
	items, err := s.Wiki.WatchedItems(c.ctx, c.user(), []folio.Title{t})
	w := items[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}]
	if err != nil || w == nil {
		o.set("notificationtimestamp", "")
		return
	}
	o.set("notificationtimestamp", timestamp(w.NotificationTimestamp))
}
