package wikitest

import "github.com/folio-wiki/folio/wikitext"

// Extensions returns the extensions loaded for the parser tests.
func Extensions() []wikitext.Extender {
	return nil
}
