package api

import (
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// runWatch is action=watch: it watches (or, with unwatch, stops watching)
// the pages given by titles, pageids, revids, a generator or the
// deprecated title parameter, each with its talk page.
func (s *Server) runWatch(c *call) error {
	u := c.user()
	if u == nil {
		return usageError("notloggedin", "Please log in to view or change your watchlist.")
	}
	if !s.Wiki.Allowed(u, "editmywatchlist") {
		return usageError("permissiondenied", "You need the \"editmywatchlist\" right to change your watchlist.")
	}
	unwatch := c.boolean("unwatch")
	var expiry time.Time
	if v := c.str("expiry"); v != "" && !unwatch {
		var err error
		if expiry, err = parseExpiry(v, s.now()); err != nil {
			return err
		}
	}
	c.str("continue")
	if v := c.str("title"); v != "" {
		c.warn("deprecation", "The parameter \"title\" has been deprecated.")
		t, err := c.title(s, v)
		if err != nil || t.Namespace < 0 {
			return usageError("invalidtitle", "Bad title \""+v+"\".")
		}
		o, err := s.watchOne(c, t, unwatch, expiry)
		if err != nil {
			return err
		}
		c.result.set("batchcomplete", flag(true)).set("watch", o)
		return nil
	}
	q := &query{out: newObj(), pages: newPageSet()}
	if err := s.fillPageSet(c, q); err != nil {
		return err
	}
	out, err := s.watchPageSet(c, q.pages, unwatch, expiry)
	if err != nil {
		return err
	}
	if len(q.pages.normalized) > 0 {
		c.result.set("normalized", q.pages.normalized)
	}
	if c.cont != nil {
		c.result.set("continue", c.cont)
	} else {
		c.result.set("batchcomplete", flag(true))
	}
	c.result.set("watch", orEmpty(out))
	return nil
}

// watchPageSet watches or unwatches each page of ps and returns the result
// items: invalid and special titles first, then missing pages, then
// existing ones, as MediaWiki lists them.
func (s *Server) watchPageSet(c *call, ps *pageSet, unwatch bool, expiry time.Time) ([]any, error) {
	var out, missing, good []any
	for _, id := range ps.missingIDs {
		out = append(out, newObj().set("pageid", id).set("missing", flag(true)))
	}
	for _, e := range ps.entries {
		switch {
		case e.invalid != "":
			out = append(out, newObj().set("title", e.input).set("invalidreason", e.invalid).set("invalid", flag(true)))
		case e.title.Namespace < 0:
			out = append(out, newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText()).
				set("special", flag(true)).set("missing", flag(true)))
		default:
			o, err := s.watchOne(c, e.title, unwatch, expiry)
			if err != nil {
				return nil, err
			}
			if e.page == nil {
				missing = append(missing, o.set("missing", flag(true)))
			} else {
				good = append(good, o)
			}
		}
	}
	return append(append(out, missing...), good...), nil
}

// watchOne changes one title and describes the result.
func (s *Server) watchOne(c *call, t folio.Title, unwatch bool, expiry time.Time) (*obj, error) {
	o := newObj().set("title", t.PrefixedText()).set("ns", t.Namespace)
	if unwatch {
		if err := s.Wiki.Unwatch(c.ctx, c.user(), t); err != nil {
			return nil, err
		}
		return o.set("unwatched", flag(true)), nil
	}
	if err := s.Wiki.Watch(c.ctx, c.user(), t, expiry); err != nil {
		return nil, err
	}
	if c.has("expiry") {
		o.set("expiry", formatExpiry(expiry))
	}
	return o.set("watched", flag(true)), nil
}

// watchRequest is the parsed watchlist parameter of a module that changes
// a page (edit, upload, delete, protect).
type watchRequest struct {
	option string
	expiry time.Time
}

// watchlistParam reads the watchlist parameter (watch, unwatch,
// preferences or nochange), the deprecated watch and unwatch flags and
// watchlistexpiry, before the module changes anything. usePrefs tells
// whether "preferences" may watch the page: only edits and uploads have
// preferences here.
func (s *Server) watchlistParam(c *call, usePrefs bool) (*watchRequest, error) {
	opt, err := c.enum("watchlist", wiki.WatchOptionPreferences, wiki.WatchOptionWatch,
		wiki.WatchOptionUnwatch, wiki.WatchOptionPreferences, wiki.WatchOptionNoChange)
	if err != nil {
		return nil, err
	}
	switch {
	case c.boolean("watch"):
		opt = wiki.WatchOptionWatch
	case c.boolean("unwatch"):
		opt = wiki.WatchOptionUnwatch
	}
	if opt == wiki.WatchOptionPreferences && !usePrefs {
		opt = wiki.WatchOptionNoChange
	}
	wr := &watchRequest{option: opt}
	if v := c.str("watchlistexpiry"); v != "" && opt != wiki.WatchOptionUnwatch {
		if wr.expiry, err = parseExpiry(v, s.now()); err != nil {
			return nil, err
		}
	}
	return wr, nil
}

// applyWatchlist carries out wr after the module changed t; created tells
// whether the change created the page. It reports whether the user
// watches t afterwards.
func (s *Server) applyWatchlist(c *call, wr *watchRequest, t folio.Title, created bool) (bool, error) {
	if err := s.Wiki.ApplyWatchOption(c.ctx, c.user(), t, wr.option, created, wr.expiry); err != nil {
		return false, err
	}
	return s.Wiki.IsWatched(c.ctx, c.user(), t)
}

// infoWatched adds prop=info's watched flag (and watchlistexpiry for a
// temporary watch) for the current user.
func (s *Server) infoWatched(c *call, o *obj, t folio.Title) {
	items, err := s.Wiki.WatchedItems(c.ctx, c.user(), []folio.Title{t})
	w := items[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}]
	o.set("watched", flag(err == nil && w != nil))
	if err == nil && w != nil && !w.Expiry.IsZero() {
		o.set("watchlistexpiry", timestamp(w.Expiry))
	}
}
