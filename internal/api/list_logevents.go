package api

import (
	"strconv"

	"github.com/folio-wiki/folio"
)

var leProps = []string{"ids", "title", "type", "user", "userid", "timestamp", "comment",
	"parsedcomment", "details", "tags"}

// listLogEvents is list=logevents.
func (s *Server) listLogEvents(c *call, q *query) error {
	l := q.listFor("logevents", "le")
	props := c.set(l.p("prop"), []string{"ids", "title", "type", "user", "timestamp", "comment", "details"}, leProps...)
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	f := folio.LogFilter{Type: c.str(l.p("type")), ActorName: c.str(l.p("user")), Limit: limit + 1}
	if v := c.str(l.p("action")); v != "" && f.Type == "" {
		f.Type, _, _ = cutSlash(v)
	}
	if v := c.str(l.p("title")); v != "" {
		t, err := c.title(s, v)
		if err != nil {
			return err
		}
		f.Namespace, f.DBKey = &t.Namespace, t.DBKey
	}
	if f.Before, err = c.integer(l.p("continue"), 0); err != nil {
		return err
	}
	for _, p := range []string{"start", "end", "dir", "namespace", "prefix", "tag"} {
		c.str(l.p(p))
	}
	entries, err := s.Store.FindLogEntries(c.ctx, f)
	if err != nil {
		return err
	}
	for i, le := range entries {
		if i == limit {
			c.moreResults(l, strconv.FormatInt(le.ID+1, 10))
			break
		}
		l.emit(s.logObj(le, props), s.Namespaces.MakeTitle(le.Namespace, le.DBKey))
	}
	q.out.set("logevents", orEmpty(l.items))
	return nil
}

func (s *Server) logObj(le *folio.LogEntry, p map[string]bool) *obj {
	o := newObj()
	if p["ids"] {
		o.set("logid", le.ID)
	}
	if p["title"] {
		o.set("ns", le.Namespace).set("title", s.Namespaces.MakeTitle(le.Namespace, le.DBKey).PrefixedText())
	}
	if p["ids"] {
		o.set("pageid", le.PageID).set("logpage", le.PageID)
	}
	if p["details"] {
		params := le.Params
		if params == nil {
			params = map[string]string{}
		}
		o.set("params", params)
	}
	if p["type"] {
		o.set("type", le.Type).set("action", le.Action)
	}
	if p["user"] {
		o.set("user", le.Actor.Name)
		if le.Actor.IsAnon() {
			o.set("anon", flag(true))
		}
	}
	if p["userid"] {
		o.set("userid", le.Actor.UserID)
	}
	if p["timestamp"] {
		o.set("timestamp", timestamp(le.Timestamp))
	}
	if p["comment"] {
		o.set("comment", le.Comment)
	}
	if p["tags"] {
		o.set("tags", []any{})
	}
	return o
}

func cutSlash(v string) (string, string, bool) {
	for i := 0; i < len(v); i++ {
		if v[i] == '/' {
			return v[:i], v[i+1:], true
		}
	}
	return v, "", false
}
