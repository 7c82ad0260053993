package compat

import (
	"html"
	"regexp"
	"slices"
	"strings"
)

// tableWriter builds the HTML of one table and its footnotes.
type tableWriter struct {
	path  string
	id    string
	b     strings.Builder
	notes []string // footnote HTML, numbered from 1
}

// browserID is what an unknown browser key may look like to get a column.
var browserID = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// columns lists the browsers of the rows: the known ones in their order,
// then any others sorted, at most maxColumns.
func columns(rows []*row) []string {
	seen := map[string]bool{}
	for _, r := range rows {
		for id := range r.compat.Support {
			seen[id] = true
		}
	}
	var cols, extra []string
	for _, b := range browsers {
		if seen[b.id] {
			cols = append(cols, b.id)
			delete(seen, b.id)
		}
	}
	for id := range seen {
		if browserID.MatchString(id) {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	cols = append(cols, extra...)
	if len(cols) > maxColumns {
		cols = cols[:maxColumns]
	}
	return cols
}

func (t *tableWriter) write(rows []*row) string {
	cols := columns(rows)
	b := &t.b
	b.WriteString(`<div class="compat">`)
	b.WriteString(`<table class="compat-table wikitable" data-compat-feature="` + html.EscapeString(t.path) + `">`)
	b.WriteString(`<caption>Browser compatibility of <code>` + html.EscapeString(t.path) + `</code></caption>`)
	b.WriteString(`<thead><tr><th scope="col">Feature</th>`)
	for _, id := range cols {
		b.WriteString(`<th scope="col" class="compat-browser compat-browser-` + id + `">` +
			html.EscapeString(browserName(id)) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range rows {
		t.writeRow(r, cols)
	}
	b.WriteString(`</tbody></table>`)
	if len(t.notes) > 0 {
		b.WriteString(`<ol class="compat-notes">`)
		for i, n := range t.notes {
			b.WriteString(`<li id="` + t.noteID(i+1) + `">` + n + `</li>`)
		}
		b.WriteString(`</ol>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

func (t *tableWriter) noteID(n int) string { return t.id + "-note-" + itoa(n) }

func (t *tableWriter) writeRow(r *row, cols []string) {
	b := &t.b
	b.WriteString(`<tr class="compat-depth-` + itoa(r.depth) + `"><th scope="row">`)
	switch {
	case r.depth == 0:
		b.WriteString(`<code>` + html.EscapeString(r.key) + `</code>`)
	case r.compat.Description != "":
		b.WriteString(richText(r.compat.Description))
	default:
		b.WriteString(html.EscapeString(strings.ReplaceAll(r.key, "_", " ")))
	}
	if st := r.compat.Status; st != nil {
		if st.Experimental {
			b.WriteString(` <abbr class="compat-marker compat-experimental" title="Experimental: behaviour may change">experimental</abbr>`)
		}
		if st.Deprecated {
			b.WriteString(` <abbr class="compat-marker compat-deprecated" title="Deprecated: avoid in new code">deprecated</abbr>`)
		}
	}
	b.WriteString(`</th>`)
	for _, id := range cols {
		t.writeCell(id, r.support[id])
	}
	b.WriteString(`</tr>`)
}

// writeCell writes the support of one browser: the first statement is the
// current one, later ones (older prefixes, other names) follow.
func (t *tableWriter) writeCell(id string, list []statement) {
	b := &t.b
	if len(list) == 0 {
		b.WriteString(`<td class="compat-cell compat-unknown"><abbr title="Support unknown">?</abbr></td>`)
		return
	}
	_, class := versionText(list[0].VersionAdded)
	if list[0].VersionRemoved != nil && list[0].VersionRemoved != false {
		class = "compat-no"
	} else if list[0].PartialImplementation && class == "compat-yes" {
		class = "compat-partial"
	}
	b.WriteString(`<td class="compat-cell ` + class + `" data-browser="` + id + `">`)
	for i, s := range list {
		if i > 0 {
			b.WriteString(`<br />`)
		}
		t.writeStatement(s)
	}
	b.WriteString(`</td>`)
}

func (t *tableWriter) writeStatement(s statement) {
	b := &t.b
	added, _ := versionText(s.VersionAdded)
	if s.mirrorVersionless && added != "No" && added != "?" {
		added = "Yes"
	}
	b.WriteString(`<span class="compat-version">` + html.EscapeString(added))
	if s.VersionRemoved != nil && s.VersionRemoved != false {
		removed, _ := versionText(s.VersionRemoved)
		if removed == "Yes" {
			removed = "?"
		}
		b.WriteString(`–<abbr title="Removed in ` + html.EscapeString(removed) + `">` + html.EscapeString(removed) + `</abbr>`)
	}
	b.WriteString(`</span>`)
	if s.mirrorOf != "" {
		b.WriteString(` <abbr class="compat-marker compat-mirror" title="Follows ` +
			html.EscapeString(browserName(s.mirrorOf)) + `">*</abbr>`)
	}
	if s.Prefix != "" {
		b.WriteString(` <abbr class="compat-marker compat-prefix" title="Implemented with the vendor prefix ` +
			html.EscapeString(s.Prefix) + `">` + html.EscapeString(s.Prefix) + `</abbr>`)
	}
	if s.AlternativeName != "" {
		b.WriteString(` <abbr class="compat-marker compat-altname" title="Implemented under the name ` +
			html.EscapeString(s.AlternativeName) + `">` + html.EscapeString(s.AlternativeName) + `</abbr>`)
	}
	if s.PartialImplementation {
		b.WriteString(` <abbr class="compat-marker compat-partial-marker" title="Partial support">partial</abbr>`)
	}
	for _, f := range s.Flags {
		title := "Behind a flag"
		if f.Name != "" {
			title += ": " + f.Name
		}
		if f.ValueToSet != "" {
			title += " set to " + f.ValueToSet
		}
		b.WriteString(` <abbr class="compat-marker compat-flag" title="` + html.EscapeString(title) + `">flag</abbr>`)
	}
	for _, n := range notes(s.Notes) {
		t.notes = append(t.notes, richText(n))
		num := itoa(len(t.notes))
		b.WriteString(`<sup class="compat-note-ref"><a href="#` + t.noteID(len(t.notes)) +
			`" aria-label="Note ` + num + `">` + num + `</a></sup>`)
	}
}
