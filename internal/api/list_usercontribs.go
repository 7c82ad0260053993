package api

import (
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
)

var ucProps = []string{"ids", "title", "timestamp", "comment", "parsedcomment", "size",
	"sizediff", "flags", "patrolled", "tags"}

// listUserContribs is list=usercontribs for one user (ucuser).
func (s *Server) listUserContribs(c *call, q *query) error {
	l := q.listFor("usercontribs", "uc")
	name, err := s.userParam(c, l.p("user"))
	if err != nil {
		return err
	}
	props := c.set(l.p("prop"), []string{"ids", "title", "timestamp", "comment", "size", "flags"}, ucProps...)
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	nss, err := c.namespaces(l.p("namespace"))
	if err != nil {
		return err
	}
	f := folio.RevisionFilter{ActorName: &name, Limit: limit + 1}
	if len(nss) == 1 {
		f.Namespace = &nss[0]
	}
	if f.Before, err = continueID(c.str(l.p("continue"))); err != nil {
		return err
	}
	for _, p := range []string{"dir", "start", "end", "show", "tag", "toponly", "userids", "userprefix", "iprange"} {
		c.str(l.p(p))
	}
	revs, err := s.Store.FindRevisions(c.ctx, f)
	if err != nil {
		return err
	}
	latest := map[int64]int64{}
	for i, r := range revs {
		if i == limit {
			c.moreResults(l, r.Timestamp.UTC().Format("20060102150405")+"|"+strconv.FormatInt(r.ID, 10))
			break
		}
		o := s.contribObj(r, props)
		if props["flags"] {
			top, err := s.isLatest(c, r, latest)
			if err != nil {
				return err
			}
			o.set("top", flag(top))
		}
		l.emit(o, s.Namespaces.MakeTitle(r.Namespace, r.DBKey))
	}
	q.out.set("usercontribs", orEmpty(l.items))
	return nil
}

// userParam reads one user name, normalised as a title in the User
// namespace is.
func (s *Server) userParam(c *call, param string) (string, error) {
	users := c.multi(param)
	if len(users) != 1 {
		return "", usageError("missingparam", fmt.Sprintf("The %q parameter needs exactly one user name.", param))
	}
	if t, err := s.Namespaces.ParseTitle(users[0], folio.NSUser); err == nil && t.Namespace == folio.NSUser {
		return t.Text(), nil
	}
	return users[0], nil
}

func (s *Server) contribObj(r *folio.Revision, p map[string]bool) *obj {
	o := newObj().set("userid", r.Actor.UserID).set("user", r.Actor.Name)
	if p["ids"] {
		o.set("pageid", r.PageID).set("revid", r.ID).set("parentid", r.ParentID)
	}
	if p["title"] {
		o.set("ns", r.Namespace).set("title", s.Namespaces.MakeTitle(r.Namespace, r.DBKey).PrefixedText())
	}
	if p["timestamp"] {
		o.set("timestamp", timestamp(r.Timestamp))
	}
	if p["flags"] {
		o.set("new", flag(r.ParentID == 0)).set("minor", flag(r.Minor))
	}
	if p["comment"] {
		o.set("comment", r.Comment)
	}
	if p["size"] {
		o.set("size", r.Len)
	}
	if p["tags"] {
		o.set("tags", []any{})
	}
	return o
}

// isLatest reports whether r is its page's current revision, caching the
// pages looked up.
func (s *Server) isLatest(c *call, r *folio.Revision, latest map[int64]int64) (bool, error) {
	id, ok := latest[r.PageID]
	if !ok {
		p, err := s.Store.FindPageByID(c.ctx, r.PageID)
		if err != nil && folio.ErrorCode(err) != folio.EMissingTitle {
			return false, err
		}
		if p != nil {
			id = p.Latest
		}
		latest[r.PageID] = id
	}
	return id == r.ID, nil
}
