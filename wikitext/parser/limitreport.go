package parser

import (
	"fmt"
	"strings"
	"time"
)

// LimitReport is the work a parse did against MediaWiki's limits, as in
// its "NewPP limit report" comment and the API's limitreportdata. Each
// count has the limit next to it.
type LimitReport struct {
	VisitedNodes, MaxVisitedNodes     int // preprocessor nodes expanded
	IncludeSize, MaxIncludeSize       int // post-expand include size, bytes
	ArgumentSize, MaxArgumentSize     int // template argument size, bytes
	ExpansionDepth, MaxExpansionDepth int // highest expansion depth
	ExpensiveCount, MaxExpensiveCount int // expensive parser function calls
	Time                              time.Duration
}

// LimitReportItem is one entry of the report under MediaWiki's key, such
// as "limitreport-ppvisitednodes", with its value and limit.
type LimitReportItem struct {
	Name         string
	Value, Limit int
}

// Items returns the counters in MediaWiki's order and naming, for the
// API's prop=limitreportdata.
func (r LimitReport) Items() []LimitReportItem {
	return []LimitReportItem{
		{"limitreport-ppvisitednodes", r.VisitedNodes, r.MaxVisitedNodes},
		{"limitreport-postexpandincludesize", r.IncludeSize, r.MaxIncludeSize},
		{"limitreport-templateargumentsize", r.ArgumentSize, r.MaxArgumentSize},
		{"limitreport-expansiondepth", r.ExpansionDepth, r.MaxExpansionDepth},
		{"limitreport-expensivefunctioncount", r.ExpensiveCount, r.MaxExpensiveCount},
	}
}

// Comment returns the report as the HTML comment MediaWiki puts at the end
// of a page. Hyphens become U+2010 so that the text cannot end the
// comment.
func (r LimitReport) Comment() string {
	var b strings.Builder
	b.WriteString("NewPP limit report\n")
	fmt.Fprintf(&b, "Real time usage: %.3f seconds\n", r.Time.Seconds())
	fmt.Fprintf(&b, "Preprocessor visited node count: %d/%d\n", r.VisitedNodes, r.MaxVisitedNodes)
	fmt.Fprintf(&b, "Post-expand include size: %d/%d bytes\n", r.IncludeSize, r.MaxIncludeSize)
	fmt.Fprintf(&b, "Template argument size: %d/%d bytes\n", r.ArgumentSize, r.MaxArgumentSize)
	fmt.Fprintf(&b, "Highest expansion depth: %d/%d\n", r.ExpansionDepth, r.MaxExpansionDepth)
	fmt.Fprintf(&b, "Expensive parser function count: %d/%d\n", r.ExpensiveCount, r.MaxExpensiveCount)
	text := strings.NewReplacer("-", "\u2010", "&", "&amp;").Replace(b.String())
	return "\n<!-- \n" + text + "-->\n"
}
