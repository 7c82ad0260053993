package html

import "strings"

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// EscapeHTML escapes & < > and " like PHP's htmlspecialchars without
// ENT_QUOTES.
func EscapeHTML(s string) string { return htmlEscaper.Replace(s) }

var htmlQuoteEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;")

// EscapeHTMLQuotes escapes & < > " and ' like htmlspecialchars with
// ENT_QUOTES.
func EscapeHTMLQuotes(s string) string { return htmlQuoteEscaper.Replace(s) }

var tagsOnlyEscaper = strings.NewReplacer(`"`, "&quot;", "<", "&lt;", ">", "&gt;")

// EscapeTagsOnly escapes only " < and >, leaving entities alone, as
// nowiki and pre content is escaped.
func EscapeTagsOnly(s string) string { return tagsOnlyEscaper.Replace(s) }

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// EscapeHTMLQuotesAttr escapes text for a double-quoted attribute the way
// MediaWiki's link and image builders do, with ' as &#39;.
func EscapeHTMLQuotesAttr(s string) string { return attrEscaper.Replace(s) }
