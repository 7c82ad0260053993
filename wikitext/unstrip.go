package wikitext

import (
	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// UnstripNoWiki restores the <nowiki> sections hidden behind strip markers
// in text, for tag hooks that work on raw text such as
// {{#tag:syntaxhighlight|<nowiki>…</nowiki>}} (MediaWiki's
// StripState::unstripNoWiki).
func UnstripNoWiki(f *preprocess.Frame, text string) string {
	if pc, ok := f.Expander().Data[parserKey].(*parser.Context); ok && pc.Strip != nil {
		return pc.Strip.UnstripNoWiki(text)
	}
	return text
}
