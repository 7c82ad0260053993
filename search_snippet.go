package folio

import (
	"regexp"
	"strings"
)

// SearchMatchHTML returns text HTML-escaped, with every occurrence of a
// term (ignoring case) wrapped in <span class="searchmatch">, as
// MediaWiki's search snippets are. Matching runs on the plain text and
// each piece is escaped on its own, so a term can never match inside an
// entity such as &lt;.
func SearchMatchHTML(text string, terms []string) string {
	re := searchTermsPattern(terms)
	if re == nil {
		return htmlEscaper.Replace(text)
	}
	var sb strings.Builder
	last := 0
	for _, m := range re.FindAllStringIndex(text, -1) {
		sb.WriteString(htmlEscaper.Replace(text[last:m[0]]))
		sb.WriteString(`<span class="searchmatch">`)
		sb.WriteString(htmlEscaper.Replace(text[m[0]:m[1]]))
		sb.WriteString(`</span>`)
		last = m[1]
	}
	sb.WriteString(htmlEscaper.Replace(text[last:]))
	return sb.String()
}

// htmlEscaper escapes as PHP's htmlspecialchars, which MediaWiki's
// snippets use.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;")

// searchTermsPattern matches any of terms, longest first, ignoring case;
// nil when there is no term.
func searchTermsPattern(terms []string) *regexp.Regexp {
	var alts []string
	for _, t := range terms {
		if t != "" {
			alts = append(alts, regexp.QuoteMeta(t))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// Longer terms first, so that "alphabet" wins over "alpha".
	for i := 1; i < len(alts); i++ {
		for j := i; j > 0 && len(alts[j]) > len(alts[j-1]); j-- {
			alts[j], alts[j-1] = alts[j-1], alts[j]
		}
	}
	return regexp.MustCompile(`(?i)` + strings.Join(alts, "|"))
}
