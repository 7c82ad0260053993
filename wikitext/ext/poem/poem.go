// Package poem implements the Poem extension: <poem> keeps line breaks
// and leading spaces of verse while still parsing wikitext.
package poem

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

type extension struct{}

// New returns the extension.
func New() wikitext.Extender { return extension{} }

// Extend registers <poem>.
func (extension) Extend(p *wikitext.Parser) { _ = p.AddTag("poem", poemTag) }

var (
	indentRegex  = regexp.MustCompile(`(?m)^(:+)(.+)$`)
	leadingSpace = regexp.MustCompile(`(?m)^ +`)
)

// poemTag renders <poem>: each line break becomes <br />, leading spaces
// become non-breaking, and ":" indents lines.
func poemTag(f *preprocess.Frame, name, attrText string, content *string) string {
	if content == nil {
		return ""
	}
	attrs := html.DecodeTagAttributes(attrText)
	_, compact := attrs.Get("compact")
	nl := "\n"
	if compact {
		nl = ""
	}
	br := f.Expander().Strip("general", "poem", "<br />")
	text := indentRegex.ReplaceAllStringFunc(*content, func(m string) string {
		sub := indentRegex.FindStringSubmatch(m)
		return `<span class="mw-poem-indented" style="display: inline-block; margin-inline-start: ` +
			strconv.Itoa(len(sub[1])) + `em;">` + sub[2] + `</span>`
	})
	text = strings.TrimPrefix(text, "\n")
	text = strings.TrimSuffix(text, "\n")
	text = breakLines(text, br)
	text = leadingSpace.ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat("&#160;", len(m)) })
	text = f.Expander().RecursiveTagParse(f, text)
	text = strings.ReplaceAll(text, "<hr />"+br, "<hr />")
	divAttrs := html.ValidateAttributes(attrs, "div")
	class := "poem"
	if c, ok := divAttrs.Get("class"); ok {
		class += " " + c
	}
	divAttrs.Set("class", class)
	return "<div" + html.EncodeAttributes(divAttrs) + ">" + nl + strings.TrimSpace(text) + nl + "</div>"
}

// breakLines puts br before every newline except after a line that is
// exactly a four-dash rule.
func breakLines(text, br string) string {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		if l != "----" {
			b.WriteString(br)
		}
		b.WriteString("\n")
	}
	return b.String()
}
