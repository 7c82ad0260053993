package wikitext

import (
	"regexp"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

var anyTag = regexp.MustCompile(`<[^>]*>`)

// displayTitle returns the page's display title as HTML: the
// {{DISPLAYTITLE:…}} value when it names the same page (restricted mode),
// otherwise the title itself with its parts marked up.
func displayTitle(e *preprocess.Expander, title Title) string {
	if v, ok := e.Data["displaytitle"].(string); ok && v != "" {
		clean := html.RemoveHTMLTags(v)
		plain := html.DecodeCharReferences(anyTag.ReplaceAllString(clean, ""))
		if t, err := e.Host.ParseTitle(plain, 0); err == nil && t.Page() == title.Page() {
			return clean
		}
	}
	h := e.Host
	main := `<span class="mw-page-title-main">` + html.EscapeHTML(title.Text()) + `</span>`
	if title.Namespace == 0 {
		return main
	}
	ns := strings.ReplaceAll(h.SiteInfo().Namespaces[title.Namespace], "_", " ")
	return `<span class="mw-page-title-namespace">` + html.EscapeHTML(ns) +
		`</span><span class="mw-page-title-separator">:</span>` + main
}
