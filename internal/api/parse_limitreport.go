package api

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
)

// limitReportData formats a limit report as prop=limitreportdata does:
// one object per counter with its MediaWiki key, its value ("0") and its
// limit ("1"), after the time the parse took.
func limitReportData(r wikitext.LimitReport) []any {
	out := []any{newObj().set("name", "limitreport-walltime").set("0", strconv.FormatFloat(r.Time.Seconds(), 'f', 3, 64))}
	for _, it := range r.Items() {
		out = append(out, newObj().set("name", it.Name).set("0", it.Value).set("1", it.Limit))
	}
	return out
}

// stripLimitReport removes the limit report comment from page HTML, for
// disablelimitreport.
func stripLimitReport(html string) string {
	i := strings.LastIndex(html, "\n<!-- \nNewPP limit report\n")
	if i < 0 {
		return html
	}
	end := strings.Index(html[i:], "-->\n")
	if end < 0 {
		return html
	}
	return html[:i] + html[i+end+len("-->\n"):]
}
