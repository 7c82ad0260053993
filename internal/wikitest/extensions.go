package wikitest

import (
	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/ext/poem"
	"github.com/folio-wiki/folio/wikitext/ext/syntaxhighlight"
)

// Extensions returns the extensions loaded for the parser tests. The
// string functions are on, as the ParserFunctions tests enable them.
func Extensions() []wikitext.Extender {
	return []wikitext.Extender{
		parserfunctions.New(parserfunctions.WithStringFunctions(true)),
		cite.New(),
		poem.New(),
		syntaxhighlight.New(),
		testHooks{},
	}
}
