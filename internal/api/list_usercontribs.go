package api

import (
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
)

var ucProps = []string{"ids", "title", "timestamp", "comment", "parsedcomment", "size",
	"sizediff", "flags", "patrolled", "tags"}

// ucQuery is a parsed list=usercontribs request.
type ucQuery struct {
	filter folio.RevisionFilter
	props  map[string]bool
	show   map[string]bool
	nss    []int
	limit  int
	latest map[int64]int64 // page id to latest revision id, for top
}

// listUserContribs is list=usercontribs for one user (ucuser).
func (s *Server) listUserContribs(c *call, q *query) error {
	l := q.listFor("usercontribs", "uc")
	uq, err := s.parseUC(c, l)
	if err != nil {
		return err
	}
	revs, more, err := s.findContribs(c, uq)
	if err != nil {
		return err
	}
	for _, r := range revs {
		o := s.contribObj(r, uq.props)
		if uq.props["flags"] {
			top, err := s.isLatest(c, r, uq.latest)
			if err != nil {
				return err
			}
			o.set("top", flag(top))
		}
		l.emit(o, s.Namespaces.MakeTitle(r.Namespace, r.DBKey))
	}
	if more != nil {
		c.moreResults(l, more.Timestamp.UTC().Format("20060102150405")+"|"+strconv.FormatInt(more.ID, 10))
	}
	q.out.set("usercontribs", orEmpty(l.items))
	return nil
}

func (s *Server) parseUC(c *call, l *listRun) (*ucQuery, error) {
	name, err := s.userParam(c, l.p("user"))
	if err != nil {
		return nil, err
	}
	uq := &ucQuery{latest: map[int64]int64{},
		props: c.set(l.p("prop"), []string{"ids", "title", "timestamp", "comment", "size", "flags"}, ucProps...),
		show:  c.set(l.p("show"), nil, "minor", "!minor", "new", "!new", "top", "!top", "patrolled", "!patrolled", "autopatrolled", "!autopatrolled"),
	}
	if c.boolean(l.p("toponly")) {
		uq.show["top"] = true
	}
	if uq.limit, err = c.limit(l.p("limit"), 10, 500, 5000); err != nil {
		return nil, err
	}
	if uq.nss, err = c.namespaces(l.p("namespace")); err != nil {
		return nil, err
	}
	dir, err := c.enum(l.p("dir"), "older", "older", "newer")
	if err != nil {
		return nil, err
	}
	uq.filter = folio.RevisionFilter{ActorName: &name, Reverse: dir == "newer", Limit: 500}
	if len(uq.nss) == 1 {
		uq.filter.Namespace = &uq.nss[0]
	}
	for _, p := range []string{"start", "end", "tag", "userids", "userprefix", "iprange"} {
		c.str(l.p(p))
	}
	bound, err := continueID(c.str(l.p("continue")))
	if uq.filter.Reverse && bound > 0 {
		uq.filter.After = bound - 2 // continueID includes the id from above
	} else {
		uq.filter.Before = bound
	}
	return uq, err
}

// findContribs pages through the user's revisions until limit pass the
// filters; more is the first revision of the next batch.
func (s *Server) findContribs(c *call, uq *ucQuery) ([]*folio.Revision, *folio.Revision, error) {
	f := uq.filter
	var out []*folio.Revision
	for {
		batch, err := s.Store.FindRevisions(c.ctx, f)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range batch {
			ok, err := s.contribWanted(c, uq, r)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				continue
			}
			if len(out) == uq.limit {
				return out, r, nil
			}
			out = append(out, r)
		}
		if len(batch) < f.Limit {
			return out, nil, nil
		}
		if last := batch[len(batch)-1].ID; f.Reverse {
			f.After = last
		} else {
			f.Before = last
		}
	}
}

// contribWanted applies the namespace and ucshow filters.
func (s *Server) contribWanted(c *call, uq *ucQuery, r *folio.Revision) (bool, error) {
	if len(uq.nss) > 1 && !containsInt(uq.nss, r.Namespace) {
		return false, nil
	}
	sh := uq.show
	if sh["minor"] && !r.Minor || sh["!minor"] && r.Minor || sh["new"] && r.ParentID != 0 || sh["!new"] && r.ParentID == 0 {
		return false, nil
	}
	if !sh["top"] && !sh["!top"] {
		return true, nil
	}
	top, err := s.isLatest(c, r, uq.latest)
	return top == sh["top"], err
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
