package api

import (
	"strconv"

	"github.com/folio-wiki/folio"
)

var leProps = []string{"ids", "title", "type", "user", "userid", "timestamp", "comment",
	"parsedcomment", "details", "tags"}

// listLogEvents is list=logevents, filtered by type or type/action, user,
// title or namespace.
func (s *Server) listLogEvents(c *call, q *query) error {
	l := q.listFor("logevents", "le")
	props := c.set(l.p("prop"), []string{"ids", "title", "type", "user", "timestamp", "comment", "details"}, leProps...)
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	f, action, err := s.logFilter(c, l)
	if err != nil {
		return err
	}
	for {
		entries, err := s.Store.FindLogEntries(c.ctx, f)
		if err != nil {
			return err
		}
		for _, le := range entries {
			if action != "" && le.Action != action {
				continue
			}
			if len(l.items) == limit {
				c.moreResults(l, le.Timestamp.UTC().Format("20060102150405")+"|"+strconv.FormatInt(le.ID, 10))
				q.out.set("logevents", l.items)
				return nil
			}
			l.emit(s.logObj(le, props), s.Namespaces.MakeTitle(le.Namespace, le.DBKey))
		}
		if len(entries) < f.Limit {
			break
		}
		f.Before = entries[len(entries)-1].ID
	}
	q.out.set("logevents", orEmpty(l.items))
	return nil
}

// logFilter reads letype, leaction, leuser, letitle, lenamespace and
// lecontinue; the action part of leaction is returned for filtering.
func (s *Server) logFilter(c *call, l *listRun) (folio.LogFilter, string, error) {
	f := folio.LogFilter{Type: c.str(l.p("type")), ActorName: c.str(l.p("user")), Limit: 500}
	action := ""
	if v := c.str(l.p("action")); v != "" {
		f.Type, action, _ = cutSlash(v)
	}
	if v := c.str(l.p("title")); v != "" {
		t, err := c.title(s, v)
		if err != nil {
			return f, "", err
		}
		f.Namespace, f.DBKey = &t.Namespace, t.DBKey
	} else if c.has(l.p("namespace")) {
		ns, err := c.integer(l.p("namespace"), 0)
		if err != nil {
			return f, "", err
		}
		n := int(ns)
		f.Namespace = &n
	}
	for _, p := range []string{"start", "end", "dir", "prefix", "tag"} {
		c.str(l.p(p))
	}
	var err error
	f.Before, err = continueID(c.str(l.p("continue")))
	return f, action, err
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
