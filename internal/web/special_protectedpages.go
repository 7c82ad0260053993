package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/folio-wiki/folio"
)

// protectedLogScan caps how many protection log entries
// Special:ProtectedPages reads to find the protected pages.
const protectedLogScan = 5000

// protectedPagesPage is what templates/special_protectedpages.html shows.
type protectedPagesPage struct {
	FormTitle       string
	NamespaceSelect template.HTML
	Type            string // "edit" or "move"
	Level           string // "" for every level
	Levels          []string
	Rows            []protectedRow
}

// protectedRow is one protected page.
type protectedRow struct {
	Title   link
	Level   string
	Expiry  string
	By      template.HTML
	Date    string
	Comment template.HTML
}

// protectedOptions are the filters of Special:ProtectedPages.
type protectedOptions struct {
	Namespace *int
	Type      string
	Level     string
}

// handleProtectedPages serves Special:ProtectedPages: the pages protected
// now, found through the protection log, with the namespace, type
// (edit, move) and level filters. The newest protections come first.
func (s *Server) handleProtectedPages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := protectedOptions{Namespace: queryNamespace(q, "namespace"), Type: q.Get("type"), Level: q.Get("level")}
	if o.Type != "move" {
		o.Type = "edit"
	}
	levels := []string{"autoconfirmed", "sysop"}
	if !slices.Contains(levels, o.Level) {
		o.Level = ""
	}
	rows, err := s.protectedRows(r.Context(), o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.specialView(r, "ProtectedPages")
	v.Data = protectedPagesPage{FormTitle: "Special:ProtectedPages", Type: o.Type, Level: o.Level, Levels: levels,
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all"), Rows: rows}
	s.render(w, r, http.StatusOK, "special_protectedpages", v)
}

// protectedRows reads the protection log, newest first, and keeps each
// page once if it is protected now as o asks.
func (s *Server) protectedRows(ctx context.Context, o protectedOptions) ([]protectedRow, error) {
	f := folio.LogFilter{Type: "protect", Namespace: o.Namespace, Limit: 500}
	seen := map[folio.LinkTarget]bool{}
	var rows []protectedRow
	for read := 0; read < protectedLogScan; {
		entries, err := s.Store.FindLogEntries(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			key := folio.LinkTarget{Namespace: e.Namespace, DBKey: e.DBKey}
			if seen[key] {
				continue
			}
			seen[key] = true
			if row, ok := s.protectedRow(ctx, e, o); ok {
				rows = append(rows, row)
			}
		}
		read += len(entries)
		if len(entries) < f.Limit {
			break
		}
		f.Before = entries[len(entries)-1].ID
	}
	return rows, nil
}

// protectedRow describes the page of log entry e if it is protected now
// with o's type and level.
func (s *Server) protectedRow(ctx context.Context, e *folio.LogEntry, o protectedOptions) (protectedRow, bool) {
	p, err := s.Store.FindPageByTitle(ctx, e.Namespace, e.DBKey)
	if err != nil {
		return protectedRow{}, false
	}
	now := s.specialNow()
	level := p.ProtectionLevel(o.Type, now)
	if level == "" || (o.Level != "" && level != o.Level) {
		return protectedRow{}, false
	}
	expiry := "does not expire"
	for _, pr := range p.Protections {
		if pr.Type == o.Type && !pr.Expiry.IsZero() {
			expiry = "until " + formatDate(pr.Expiry)
		}
	}
	t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	return protectedRow{
		Title:   link{Href: titlePath(t), Text: t.PrefixedText(), Title: t.PrefixedText()},
		Level:   protectionLevelName(level),
		Expiry:  expiry,
		By:      s.userLinks(e.Actor),
		Date:    formatDate(e.Timestamp),
		Comment: s.formatComment(e.Comment),
	}, true
}

// protectionLevelName says who may still act on a protected page.
func protectionLevelName(level string) string {
	switch level {
	case "sysop":
		return "administrators only"
	case "autoconfirmed":
		return "autoconfirmed users only"
	}
	return strings.TrimSpace(level) + " only"
}
