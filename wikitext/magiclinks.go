package wikitext

// WithMagicLinks turns the ISBN, PMID and RFC magic links on or off
// (MediaWiki's $wgEnableMagicLinks). New enables all three, as
// MediaWiki's parser tests do; MediaWiki 1.39 itself disables them by
// default. Bare URLs are always linked.
func WithMagicLinks(isbn, pmid, rfc bool) Option {
	return func(p *Parser) {
		p.cfg.NoMagicLinks = map[string]bool{"ISBN": !isbn, "PMID": !pmid, "RFC": !rfc}
	}
}
