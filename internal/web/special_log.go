package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio"
)

// logTypes are the log types Special:Log offers, with their names. They are
// MediaWiki's log_type values.
var logTypes = []struct{ Type, Name string }{
	{"block", "Block log"},
	{"create", "Page creation log"},
	{"delete", "Deletion log"},
	{"import", "Import log"},
	{"merge", "Merge log"},
	{"move", "Move log"},
	{"newusers", "Account creation log"},
	{"patrol", "Patrol log"},
	{"protect", "Protection log"},
	{"rights", "User group log"},
	{"upload", "Upload log"},
}

// logTypeNames returns the log type keys.
func logTypeNames() []string {
	out := make([]string, len(logTypes))
	for i, t := range logTypes {
		out[i] = t.Type
	}
	return out
}

// logTypeName returns the name of a log type, or a generic one.
func logTypeName(typ string) string {
	for _, t := range logTypes {
		if t.Type == typ {
			return t.Name
		}
	}
	return "Log of type " + typ
}

// logDescription says what a log entry records, after the performer: the
// target is a link, params are the entry's parameters (nil when unknown).
func logDescription(typ, action string, target link, params map[string]string) template.HTML {
	t := target.String()
	var out string
	switch typ + "/" + action {
	case "delete/delete":
		out = "deleted the page " + t
	case "delete/restore":
		out = "restored the page " + t
	case "protect/protect":
		out = "protected " + t + protectDetails(params)
	case "protect/modify":
		out = "changed the protection of " + t + protectDetails(params)
	case "protect/unprotect":
		out = "removed the protection of " + t
	case "create/create":
		out = "created the page " + t
	case "move/move", "move/move_redir":
		out = "moved the page " + t + moveTarget(params)
	case "patrol/patrol":
		out = "marked a revision of " + t + " patrolled" + patrolDetails(params)
	case "rights/rights":
		out = "changed the groups of " + t
	case "upload/upload", "upload/overwrite":
		out = "uploaded " + t
	case "block/block":
		out = "blocked " + t
	case "block/unblock":
		out = "unblocked " + t
	default:
		if typ == "newusers" {
			out = "created the user account " + t
		} else {
			out = template.HTMLEscapeString(typ+"/"+action) + " on " + t
		}
	}
	return template.HTML(out)
}

// protectDetails renders the levels of a protection entry.
func protectDetails(params map[string]string) string {
	if d := params["description"]; d != "" {
		return " " + template.HTMLEscapeString(d)
	}
	return ""
}

// patrolDetails names the patrolled revision of a patrol entry.
func patrolDetails(params map[string]string) string {
	if id := params["curid"]; id != "" && id != "0" {
		return " (revision " + template.HTMLEscapeString(id) + ")"
	}
	return ""
}

// moveTarget renders the new title of a move entry.
func moveTarget(params map[string]string) string {
	if t := params["target"]; t != "" {
		return " to " + template.HTMLEscapeString(t)
	}
	return ""
}

// logPage is what templates/special_log.html shows.
type logPage struct {
	Types     []logTypeOption
	User      string
	Page      string
	FormTitle string
	Lines     []logLine
	Nav       *pagerNav
}

// logTypeOption is an entry of the log type menu.
type logTypeOption struct {
	Type, Name string
	Selected   bool
}

// logLine is one log entry.
type logLine struct {
	Class       string
	Date        string
	User        template.HTML
	Description template.HTML
	Comment     template.HTML
}

// handleLog serves Special:Log with the type, user and page filters.
func (s *Server) handleLog(w http.ResponseWriter, r *http.Request) {
	o := parseLogOptions(r.URL.Query(), specialSubpage(r), logTypeNames())
	f, err := s.logFilter(o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p := pager{Limit: o.Limit, Offset: o.Offset, Dir: r.URL.Query().Get("dir")}
	if p.Dir != "prev" {
		p.Dir = ""
	}
	entries, more, err := s.findLogEntries(r.Context(), f, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data := logPage{User: o.User, Page: o.Page, FormTitle: "Special:Log"}
	for _, t := range logTypes {
		data.Types = append(data.Types, logTypeOption{Type: t.Type, Name: t.Name, Selected: t.Type == o.Type})
	}
	ids := logIDs(entries)
	data.Nav = p.nav(s.logURL(o), firstID(ids), lastID(ids), more)
	data.Lines = s.logLines(r.Context(), entries)
	v := s.specialView(r, "Log")
	if o.Type != "" {
		v.Heading = logTypeName(o.Type)
	}
	v.Data = data
	s.render(w, r, http.StatusOK, "special_log", v)
}

// findLogEntries reads one page of log entries, newest first, and reports
// whether more follow in the direction read. The store only reads
// downwards (Before), so a page of newer entries (dir=prev) is found by
// reading from the newest entry down to the offset, at most rcMaxBatches
// batches.
func (s *Server) findLogEntries(ctx context.Context, f folio.LogFilter, p pager) ([]*folio.LogEntry, bool, error) {
	if !p.Newer() {
		entries, err := s.Store.FindLogEntries(ctx, f)
		if err != nil {
			return nil, false, err
		}
		return entries[:min(len(entries), p.Limit)], len(entries) > p.Limit, nil
	}
	f.Before, f.Limit = 0, rcBatch
	var window []*folio.LogEntry // newest first, all newer than the offset
	for range rcMaxBatches {
		batch, err := s.Store.FindLogEntries(ctx, f)
		if err != nil {
			return nil, false, err
		}
		for _, e := range batch {
			if p.Offset != 0 && e.ID <= p.Offset {
				return lastN(window, p.Limit), len(window) > p.Limit, nil
			}
			window = append(window, e)
		}
		if len(batch) < f.Limit {
			break
		}
		f.Before = batch[len(batch)-1].ID
	}
	return lastN(window, p.Limit), len(window) > p.Limit, nil
}

// lastN returns the last n elements of list.
func lastN[T any](list []T, n int) []T {
	return list[max(0, len(list)-n):]
}

func logIDs(entries []*folio.LogEntry) []int64 {
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	return ids
}

// firstID and lastID return the first and last of ids, 0 when empty.
func firstID(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

func lastID(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[len(ids)-1]
}

// logFilter turns the options into a store filter, normalising the user
// name and the page title.
func (s *Server) logFilter(o logOptions) (folio.LogFilter, error) {
	f := folio.LogFilter{Type: o.Type, Before: o.Offset, Limit: o.Limit + 1}
	if o.User != "" {
		name, err := s.userName(o.User)
		if err != nil {
			return f, err
		}
		f.ActorName = name
	}
	if o.Page != "" {
		t, err := s.Namespaces.ParseTitle(o.Page, folio.NSMain)
		if err != nil {
			return f, err
		}
		ns := t.Namespace
		f.Namespace, f.DBKey = &ns, t.DBKey
	}
	return f, nil
}

// userName normalises a user name or IP address as MediaWiki does for user
// pages: first letter upper case, spaces for underscores.
func (s *Server) userName(text string) (string, error) {
	t, err := s.Namespaces.ParseTitle(text, folio.NSUser)
	if err != nil {
		return "", err
	}
	if t.Namespace != folio.NSUser || strings.Contains(t.DBKey, "/") {
		return "", folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", text)
	}
	return strings.ReplaceAll(t.DBKey, "_", " "), nil
}

// logURL returns a function that builds the URL of Special:Log with o's
// filters and the given paging parameters.
func (s *Server) logURL(o logOptions) func(url.Values) string {
	return func(q url.Values) string {
		for k, v := range map[string]string{"type": o.Type, "user": o.User, "page": o.Page} {
			if v != "" {
				q.Set(k, v)
			}
		}
		return s.titleURL(s.specialTitle("Log"), q)
	}
}

// logLines renders log entries with one existence query for their targets.
func (s *Server) logLines(ctx context.Context, entries []*folio.LogEntry) []logLine {
	titles := make([]folio.Title, len(entries))
	for i, e := range entries {
		titles[i] = s.Namespaces.MakeTitle(e.Namespace, e.DBKey)
	}
	links := s.titleLinks(ctx, titles)
	out := make([]logLine, len(entries))
	for i, e := range entries {
		out[i] = logLine{
			Class:       "mw-logline-" + e.Type,
			Date:        formatDate(e.Timestamp),
			User:        s.userLinks(e.Actor),
			Description: logDescription(e.Type, e.Action, links[i], e.Params),
			Comment:     s.formatComment(e.Comment),
		}
	}
	return out
}
