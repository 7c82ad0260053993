package wikitext

import (
	"time"

	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// LimitReport is the work a parse did against MediaWiki's limits; see
// parser.LimitReport.
type LimitReport = parser.LimitReport

// WithLimitReport makes Parse append MediaWiki's "NewPP limit report"
// HTML comment to the page (off by default, as in MediaWiki's parser
// tests). Output.LimitReport is filled either way.
func WithLimitReport(on bool) Option {
	return func(p *Parser) { p.limitReport = on }
}

// finishLimitReport fills out.LimitReport from the expansion and returns
// the comment to append to the page, or "" when the comment is off.
func (p *Parser) finishLimitReport(exp *preprocess.Expander, out *Output, start time.Time) string {
	u := exp.Usage()
	out.LimitReport = LimitReport{
		VisitedNodes: u.VisitedNodes, MaxVisitedNodes: p.limits.MaxNodes,
		IncludeSize: u.IncludeSize, MaxIncludeSize: p.limits.MaxIncludeSize,
		ArgumentSize: u.ArgumentSize, MaxArgumentSize: p.limits.MaxIncludeSize,
		ExpansionDepth: u.ExpansionDepth, MaxExpansionDepth: preprocess.MaxExpandDepth,
		ExpensiveCount: u.Expensive, MaxExpensiveCount: p.limits.MaxExpensive,
		Time: time.Since(start),
	}
	if !p.limitReport {
		return ""
	}
	return out.LimitReport.Comment()
}
