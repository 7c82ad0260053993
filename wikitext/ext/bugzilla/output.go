package bugzilla

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext/html"
)

// columnLabels are the headings of well-known fields; others show their
// field name.
var columnLabels = map[string]string{
	"id": "ID", "summary": "Summary", "status": "Status", "resolution": "Resolution",
	"last_change_time": "Changed", "creation_time": "Opened", "product": "Product",
	"component": "Component", "priority": "Priority", "severity": "Severity",
	"assigned_to": "Assignee", "creator": "Reporter", "keywords": "Keywords",
	"whiteboard": "Whiteboard", "target_milestone": "Target", "version": "Version",
	"platform": "Platform", "op_sys": "OS", "qa_contact": "QA contact", "url": "URL",
	"deadline": "Deadline", "votes": "Votes", "classification": "Classification",
}

// render writes the result in the tag's display mode.
func (e *extension) render(s *spec, res *Result) string {
	if s.display == displayCount {
		n := res.Count
		if res.Bugs != nil && n == 0 {
			n = len(res.Bugs)
		}
		return `<span class="mw-ext-bugzilla-count">` + strconv.Itoa(n) + `</span>`
	}
	bugs := res.Bugs
	if s.sortBy != "" {
		bugs = sortBugs(bugs, s.sortBy, s.desc)
	}
	if len(bugs) == 0 {
		return `<p class="mw-ext-bugzilla-empty">No bugs match this query.</p>`
	}
	more := 0
	if len(bugs) > e.maxRows {
		more, bugs = len(bugs)-e.maxRows, bugs[:e.maxRows]
	}
	var b strings.Builder
	if s.display == displayList {
		e.list(&b, s.columns, bugs)
	} else {
		e.table(&b, s.columns, bugs)
	}
	if more > 0 {
		b.WriteString(`<p class="mw-ext-bugzilla-more">` + strconv.Itoa(more) + ` more bugs are not shown.</p>`)
	}
	return b.String()
}

// table writes a sortable wikitable with one row per bug.
func (e *extension) table(b *strings.Builder, cols []string, bugs []Bug) {
	b.WriteString(`<table class="wikitable sortable mw-ext-bugzilla"><thead><tr>`)
	for _, c := range cols {
		b.WriteString(`<th class="mw-ext-bugzilla-` + c + `">` + html.EscapeHTML(label(c)) + `</th>`)
	}
	b.WriteString("</tr></thead><tbody>\n")
	for _, bug := range bugs {
		b.WriteString(`<tr class="` + statusClass(bug) + `">`)
		for _, c := range cols {
			b.WriteString(`<td class="mw-ext-bugzilla-` + c + `">` + e.cell(bug, c) + `</td>`)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>")
}

// list writes one item per bug: its linked id, then the other columns.
func (e *extension) list(b *strings.Builder, cols []string, bugs []Bug) {
	b.WriteString(`<ul class="mw-ext-bugzilla-list">` + "\n")
	for _, bug := range bugs {
		b.WriteString(`<li class="` + statusClass(bug) + `">` + e.cell(bug, "id"))
		sep := ": "
		for _, c := range cols {
			if c == "id" {
				continue
			}
			if v := field(bug, c); v != "" {
				b.WriteString(sep + `<span class="mw-ext-bugzilla-` + c + `">` + html.EscapeHTML(v) + `</span>`)
				sep = " – "
			}
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>")
}

// cell returns the escaped HTML of one field; the id links to the bug.
func (e *extension) cell(bug Bug, col string) string {
	v := field(bug, col)
	if col != "id" || v == "" {
		return html.EscapeHTML(v)
	}
	u := e.client.BugURL(v)
	if u == "" || !safeURL(u) {
		return html.EscapeHTML(v)
	}
	return `<a class="external" rel="nofollow" href="` + html.EscapeHTMLQuotesAttr(u) + `">` + html.EscapeHTML(v) + `</a>`
}

// safeURL accepts only http and https links.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// label returns the heading of a column.
func label(col string) string {
	if l, ok := columnLabels[col]; ok {
		return l
	}
	return col
}

// statusClass returns the row class naming the bug's status, with only
// letters kept so that no field text reaches the attribute unfiltered.
func statusClass(bug Bug) string {
	st := strings.ToLower(field(bug, "status"))
	var b strings.Builder
	for _, c := range st {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "mw-ext-bugzilla-bug"
	}
	return "mw-ext-bugzilla-bug mw-ext-bugzilla-status-" + b.String()
}

// field formats one field of a bug as plain text.
func field(bug Bug, name string) string {
	v, ok := bug[name]
	if !ok {
		return ""
	}
	s := format(v, 0)
	if strings.HasSuffix(name, "_time") {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.UTC().Format("2006-01-02 15:04")
		}
	}
	return s
}

// format turns a JSON value into text: lists are joined with commas and
// people (objects) are shown by name.
func format(v any, depth int) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case json.Number:
		return v.String()
	case []any:
		if depth > 2 {
			return ""
		}
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s := format(e, depth+1); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		for _, k := range []string{"real_name", "name", "email"} {
			if s, ok := v[k].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// sortBugs sorts a copy of bugs by a field, numerically when both values
// are numbers; ties keep Bugzilla's order.
func sortBugs(bugs []Bug, by string, desc bool) []Bug {
	out := append([]Bug(nil), bugs...)
	sort.SliceStable(out, func(i, j int) bool {
		c := compare(field(out[i], by), field(out[j], by))
		if desc {
			return c > 0
		}
		return c < 0
	})
	return out
}

func compare(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}
