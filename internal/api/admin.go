package api

import (
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// pageParam reads title or pageid and returns the existing page, or
// missingtitle.
func (s *Server) pageParam(c *call) (folio.Title, *folio.Page, error) {
	if c.has("pageid") {
		id, err := c.integer("pageid", 0)
		if err != nil {
			return folio.Title{}, nil, err
		}
		p, err := s.Store.FindPageByID(c.ctx, id)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return folio.Title{}, nil, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		} else if err != nil {
			return folio.Title{}, nil, err
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), p, nil
	}
	v, err := c.required("title")
	if err != nil {
		return folio.Title{}, nil, err
	}
	t, err := c.title(s, v)
	if err != nil {
		return folio.Title{}, nil, err
	}
	t = s.Namespaces.MakeTitle(t.Namespace, t.DBKey)
	p, err := s.findPage(c, t)
	if err != nil {
		return t, nil, err
	}
	if p == nil {
		return t, nil, usageError(folio.EMissingTitle, fmt.Sprintf("The page %q does not exist.", t.PrefixedText()))
	}
	return t, p, nil
}

// runDelete is action=delete.
func (s *Server) runDelete(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	for _, x := range []string{"tags", "watch", "watchlist", "watchlistexpiry", "unwatch", "oldimage", "deletetalk"} {
		c.str(x)
	}
	reason := c.str("reason")
	le, err := s.Wiki.Delete(c.ctx, c.user(), c.ip(), p, reason)
	if err != nil {
		return err
	}
	c.result.set("delete", newObj().set("title", t.PrefixedText()).set("reason", reason).set("logid", le.ID))
	return nil
}

// runUndelete is action=undelete.
func (s *Server) runUndelete(c *call) error {
	v, err := c.required("title")
	if err != nil {
		return err
	}
	t, err := c.title(s, v)
	if err != nil {
		return err
	}
	t = s.Namespaces.MakeTitle(t.Namespace, t.DBKey)
	archived, err := s.Store.FindArchivedRevisions(c.ctx, t.Namespace, t.DBKey)
	if err != nil {
		return err
	}
	if len(archived) == 0 {
		return usageError(folio.ECantUndelete, "There are no deleted revisions of this page to restore.")
	}
	for _, x := range []string{"tags", "timestamps", "fileids", "undeletetalk", "watchlist", "watchlistexpiry"} {
		c.str(x)
	}
	reason := c.str("reason")
	if _, err := s.Wiki.Undelete(c.ctx, c.user(), c.ip(), t, nil, reason); err != nil {
		return err
	}
	c.result.set("undelete", newObj().set("title", t.PrefixedText()).set("revisions", len(archived)).
		set("fileversions", 0).set("reason", reason))
	return nil
}

// runProtect is action=protect: protections=edit=sysop|move=autoconfirmed
// with expiry (one value, or one per protection).
func (s *Server) runProtect(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	specs := c.multi("protections")
	expiries := c.multi("expiry")
	if len(expiries) == 0 {
		expiries = []string{"infinite"}
	}
	if len(expiries) != 1 && len(expiries) != len(specs) {
		return usageError("toofewexpiries", "Give one expiry, or one for each protection.")
	}
	c.str("cascade")
	c.str("tags")
	c.str("watchlist")
	var prs []folio.Protection
	list := []any{}
	for i, spec := range specs {
		typ, level, _ := strings.Cut(spec, "=")
		exp := expiries[0]
		if len(expiries) > 1 {
			exp = expiries[i]
		}
		at, err := parseExpiry(exp, s.now())
		if err != nil {
			return err
		}
		if level != "all" && level != "" {
			prs = append(prs, folio.Protection{Type: typ, Level: level, Expiry: at})
		}
		list = append(list, newObj().set(typ, level).set("expiry", formatExpiry(at)))
	}
	reason := c.str("reason")
	if _, err := s.Wiki.Protect(c.ctx, c.user(), c.ip(), p, prs, reason); err != nil {
		return err
	}
	c.result.set("protect", newObj().set("title", t.PrefixedText()).set("reason", reason).set("protections", list))
	return nil
}

// parseExpiry reads an expiry: infinite, a timestamp, or a duration such
// as "1 week" or "3 days".
func parseExpiry(v string, now time.Time) (time.Time, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "", "infinite", "indefinite", "infinity", "never":
		return time.Time{}, nil
	}
	if t, ok := parseTimestamp(v); ok {
		return t, nil
	}
	var n int
	var unit string
	if _, err := fmt.Sscanf(v, "%d %s", &n, &unit); err == nil && n > 0 {
		units := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour,
			"week": 7 * 24 * time.Hour, "month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour}
		if d, ok := units[strings.TrimSuffix(unit, "s")]; ok {
			return now.Add(time.Duration(n) * d).UTC().Truncate(time.Second), nil
		}
	}
	return time.Time{}, usageError("invalidexpiry", fmt.Sprintf("The expiry %q is not valid.", v))
}

func formatExpiry(t time.Time) string {
	if t.IsZero() {
		return "infinite"
	}
	return timestamp(t)
}

// runRollback is action=rollback.
func (s *Server) runRollback(c *call) error {
	t, p, err := s.pageParam(c)
	if err != nil {
		return err
	}
	user, err := c.required("user")
	if err != nil {
		return err
	}
	if ut, err := s.Namespaces.ParseTitle(user, folio.NSUser); err == nil && ut.Namespace == folio.NSUser {
		user = ut.Text()
	}
	for _, x := range []string{"summary", "markbot", "tags", "watchlist", "watchlistexpiry"} {
		c.str(x)
	}
	res, err := s.Wiki.Rollback(c.ctx, c.user(), c.ip(), p, user)
	if err != nil {
		return err
	}
	c.result.set("rollback", newObj().set("title", t.PrefixedText()).set("pageid", p.ID).
		set("summary", res.Revision.Comment).set("revid", res.Revision.ID).
		set("old_revid", res.OldRevID).set("last_revid", res.Revision.ParentID))
	return nil
}

// runPurge is action=purge. Folio renders pages on view, so there is no
// cache to clear; the answer reports each page as MediaWiki does.
func (s *Server) runPurge(c *call) error {
	q := &query{out: newObj(), pages: newPageSet()}
	if err := s.fillPageSet(c, q); err != nil {
		return err
	}
	if len(q.pages.normalized) > 0 {
		c.result.set("normalized", q.pages.normalized)
	}
	c.str("forcelinkupdate")
	c.str("forcerecursivelinkupdate")
	var out []any
	for _, e := range q.pages.entries {
		if e.invalid != "" {
			out = append(out, newObj().set("title", e.input).set("invalid", flag(true)))
			continue
		}
		o := newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText())
		if e.page == nil {
			o.set("missing", flag(true))
		} else {
			o.set("purged", flag(true))
		}
		out = append(out, o)
	}
	c.result.set("batchcomplete", flag(true))
	c.result.set("purge", orEmpty(out))
	return nil
}
