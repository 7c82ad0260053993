package wikitext

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// indicatorTag records <indicator name="…">content</indicator> as a page
// status indicator; it leaves nothing in the text.
func indicatorTag(f *preprocess.Frame, name, attrText string, content *string) string {
	pc, _ := f.Expander().Data[parserKey].(*parser.Context)
	attrs := html.DecodeTagAttributes(attrText)
	id, ok := attrs.Get("name")
	id = strings.TrimSpace(id)
	if !ok || id == "" {
		return `<span class="error"><strong>Error:</strong> Page status indicators' <code>name</code> attribute must not be empty.</span>`
	}
	if pc == nil || content == nil {
		return ""
	}
	expanded := f.Expand(f.Expander().Build(*content, false))
	pc.SetIndicator(id, pc.ParseFully(expanded))
	return ""
}
