package wikitext

import (
	"regexp"
	"strings"
)

// Character classes of the pipe trick: legal title characters and the
// characters of a namespace prefix (MediaWiki's Title::legalChars and
// Parser::pstPass2).
const (
	titleChars = `[ %!"$&'()*,\-./0-9:;=?@A-Z\\^_` + "`" + `a-z~\x{80}-\x{10FFFF}+]`
	nsChars    = `[ _0-9A-Za-z\x{80}-\x{10FFFF}-]`
	linkPrefix = `\[\[(:?` + nsChars + `+:|:|)`
)

var (
	// [[ns:page (context)|]]
	pipeParens = regexp.MustCompile(linkPrefix + `(` + titleChars + `+?)( ?\(` + titleChars + `+\))\|\]\]`)
	// [[ns:page（context）|]] with full-width parentheses
	pipeWide = regexp.MustCompile(linkPrefix + `(` + titleChars + `+?)( ?（` + titleChars + `+）)\|\]\]`)
	// [[ns:page (context), context|]] with a Latin, full-width or Arabic comma
	pipeComma = regexp.MustCompile(linkPrefix + `(` + titleChars + `+?)( ?\(` + titleChars + `+\)|)((?:, |，|، )` +
		titleChars + `+|)\|\]\]`)
	// [[|page]]: the context comes from the current page's title
	pipeReverse = regexp.MustCompile(`\[\[\|(` + titleChars + `+)\]\]`)

	titleParens = regexp.MustCompile(`^(` + nsChars + `+:|)` + titleChars + `+?( \(` + titleChars + `+\))$`)
	titleComma  = regexp.MustCompile(`^(` + nsChars + `+:|)` + titleChars + `+?(, ` + titleChars + `+|)$`)
)

// pipeTrick fills in the link text of [[Foo (bar)|]] and the target of
// [[|Foo]], the way MediaWiki's pre-save transform does.
func pipeTrick(text string, page Title) string {
	if !strings.Contains(text, "|]]") && !strings.Contains(text, "[[|") {
		return text
	}
	text = pipeParens.ReplaceAllString(text, "[[${1}${2}${3}|${2}]]")
	text = pipeWide.ReplaceAllString(text, "[[${1}${2}${3}|${2}]]")
	text = pipeComma.ReplaceAllString(text, "[[${1}${2}${3}${4}|${2}]]")
	t := page.Text()
	if m := titleParens.FindStringSubmatch(t); m != nil {
		return pipeReverse.ReplaceAllString(text, "[["+escapeDollar(m[1])+"${1}"+escapeDollar(m[2])+"|${1}]]")
	}
	if m := titleComma.FindStringSubmatch(t); m != nil && m[1]+m[2] != "" {
		return pipeReverse.ReplaceAllString(text, "[["+escapeDollar(m[1])+"${1}"+escapeDollar(m[2])+"|${1}]]")
	}
	return pipeReverse.ReplaceAllString(text, "[[${1}]]")
}

func escapeDollar(s string) string { return strings.ReplaceAll(s, "$", "$$") }
