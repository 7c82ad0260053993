package wikitext

import (
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Limits bound the work of one parse; see preprocess.Limits.
type Limits = preprocess.Limits

// DefaultLimits are MediaWiki's default limits.
var DefaultLimits = preprocess.DefaultLimits

// FragmentMode selects how heading ids are encoded.
type FragmentMode = html.FragmentMode

// Fragment encodings.
const (
	FragmentLegacy = html.FragmentLegacy
	FragmentHTML5  = html.FragmentHTML5
)

// Option configures a Parser.
type Option func(*Parser)

// Extender adds features (tags, parser functions) to a Parser.
type Extender interface {
	Extend(p *Parser)
}

// WithExtensions registers extensions.
func WithExtensions(exts ...Extender) Option {
	return func(p *Parser) {
		for _, e := range exts {
			e.Extend(p)
		}
	}
}

// WithEditSections turns the [edit] links after headings on or off
// (default on).
func WithEditSections(on bool) Option {
	return func(p *Parser) { p.cfg.EditSections = on }
}

// WithFragmentMode selects html5 (default legacy) heading ids. With
// fallback, headings also get an anchor in the legacy encoding, as
// $wgFragmentMode = ['html5', 'legacy'] does.
func WithFragmentMode(mode html.FragmentMode, fallback bool) Option {
	return func(p *Parser) { p.cfg.FragmentMode, p.cfg.FallbackFragment = mode, fallback }
}

// WithNoFollow sets whether external links get rel="nofollow" (default
// on), except for links to the given domains and their subdomains.
func WithNoFollow(on bool, exceptDomains ...string) Option {
	return func(p *Parser) { p.cfg.NoFollow, p.cfg.NoFollowExceptions = on, exceptDomains }
}

// WithExternalLinkTarget sets the target attribute of external links
// ($wgExternalLinkTarget); links then also get rel="noreferrer noopener".
func WithExternalLinkTarget(target string) Option {
	return func(p *Parser) { p.cfg.LinkTarget = target }
}

// WithLegacyMediaDOM selects the legacy image markup (default, as in
// MediaWiki 1.39) or the newer <figure>/<span typeof="mw:File"> markup.
func WithLegacyMediaDOM(on bool) Option {
	return func(p *Parser) { p.cfg.LegacyMediaDOM = on }
}

// WithMaxTOCLevel limits the heading depth shown in the TOC.
func WithMaxTOCLevel(n int) Option {
	return func(p *Parser) { p.cfg.MaxTOCLevel = n }
}

// WithThumbSize sets the default thumbnail width (default 180).
func WithThumbSize(px int) Option {
	return func(p *Parser) { p.cfg.ThumbSize = px }
}

// WithSubpages enables subpages ("A/B" is a subpage of "A") in every
// namespace, not just those that have them by default.
func WithSubpages(on bool) Option {
	return func(p *Parser) { p.subpages, p.cfg.Subpages = on, on }
}

// WithLimits replaces the expansion limits.
func WithLimits(l preprocess.Limits) Option {
	return func(p *Parser) { p.limits = l }
}
