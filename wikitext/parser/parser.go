// Package parser turns preprocessed wikitext into HTML. It follows the pass
// order of MediaWiki's legacy parser, because the exact output bytes are
// the result of that order:
//
//	sanitize HTML tags → tables → horizontal rules → behaviour switches →
//	headings → internal links → bold/italic → external links → magic links →
//	section anchors and TOC → block levels (lists, paragraphs, pre) →
//	link colours → unstrip → character references → tidy
//
// Each construct lives in its own file. Per-parse state lives in a
// Context; the Config is shared and read-only.
package parser

import (
	"context"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// Config is the read-only configuration shared by all parses.
type Config struct {
	EditSections bool              // add [edit] links to headings
	MaxTOCLevel  int               // deepest heading level shown in the TOC (0 = all)
	FragmentMode html.FragmentMode // how heading ids are encoded
	// FallbackFragment, when set, adds a second, legacy-encoded anchor.
	FallbackFragment bool
	NoFollow         bool // add rel="nofollow" to external links
	// NoFollowExceptions are domains whose links keep no nofollow.
	NoFollowExceptions []string
	LinkTarget         string // target attribute for external links, if any
	Language           string // content language code
	ThumbSize          int    // default thumbnail width (180)
	LegacyMediaDOM     bool   // render images with MediaWiki 1.39's legacy markup
	Subpages           bool   // subpages in every namespace
	// NoMagicLinks lists the magic link kinds ("ISBN", "PMID", "RFC")
	// left as text ($wgEnableMagicLinks).
	NoMagicLinks map[string]bool
}

// Output is what a parse produces besides HTML.
type Output struct {
	HTML          string
	Links         []env.Title
	Templates     []env.Title
	Images        []string // file DB keys used on the page (imagelinks)
	Categories    []Category
	ExternalLinks []string
	LanguageLinks []string
	Sections      []Section
	DisplayTitle  string
	Properties    map[string]string
	Flags         map[string]bool
	TOCHTML       string // the table of contents, when shown
	// Indicators are the page status indicators by name (HTML).
	Indicators map[string]string
	// LimitReport is the work the parse did against the limits.
	LimitReport LimitReport
	// CacheExpiry, when positive, is how long the output may be kept by
	// caches: an extension showing live data lowers it (see
	// wikitext.LowerCacheExpiry). Zero means no limit.
	CacheExpiry time.Duration
}

// Category is a category the page is in, with its sort key.
type Category struct {
	Name    string // DB key
	SortKey string
}

// Section describes one heading, as MediaWiki's parse API reports it.
type Section struct {
	Level  int    // 1-6, the heading level
	Line   string // heading text as HTML, without links
	Number string // TOC number such as "2.1"
	Index  string // edit section: "3", "T-2" for a template's heading, "" for HTML headings
	Anchor string
}

// Context is the state of one parse.
type Context struct {
	Ctx    context.Context
	Host   env.Host
	Title  env.Title
	Config *Config
	Strip  *StripState
	Out    *Output

	// HeadingInfo maps a heading marker serial to the page the heading
	// was written on and its index there.
	HeadingInfo func(serial int) (page env.Title, index int, ok bool)
	// AfterParse, when set, returns text appended to the page after the
	// inline passes and before block formatting (Cite's automatic
	// reference list).
	AfterParse func() string

	holders     []linkHolder
	badImages   map[env.Title][]env.Title
	hostErr     error
	valign      string
	extLinkNum  int
	switches    map[string]bool
	seenLink    map[env.Title]bool
	seenExtLink map[string]bool
}

// NewContext prepares the state for one parse.
func NewContext(ctx context.Context, h env.Host, title env.Title, cfg *Config, strip *StripState) *Context {
	if strip == nil {
		strip = NewStripState()
	}
	return &Context{
		Ctx: ctx, Host: h, Title: title, Config: cfg, Strip: strip,
		Out:         &Output{Properties: map[string]string{}, Flags: map[string]bool{}},
		switches:    map[string]bool{},
		seenLink:    map[env.Title]bool{},
		seenExtLink: map[string]bool{},
	}
}

// HostError records the first error the host returned; Parse reports
// it after rendering with what it had.
func (c *Context) HostError(err error) {
	if c.hostErr == nil {
		c.hostErr = err
	}
}

// Err returns the first host error of the parse.
func (c *Context) Err() error { return c.hostErr }

// SetIndicator records a page status indicator. Its HTML gets its links
// resolved when the page's are.
func (c *Context) SetIndicator(name, htmlText string) {
	if c.Out.Indicators == nil {
		c.Out.Indicators = map[string]string{}
	}
	c.Out.Indicators[name] = htmlText
}

// Switch reports whether behaviour switch name (e.g. "NOTOC") was seen.
func (c *Context) Switch(name string) bool { return c.switches[name] }

// SetSwitch records a behaviour switch.
func (c *Context) SetSwitch(name string) { c.switches[name] = true }

// Parse renders preprocessed text (templates expanded, extension tags
// replaced by strip markers) to HTML and fills c.Out.
func (c *Context) Parse(text string) string {
	text = c.internalParse(text)
	if c.AfterParse != nil {
		text += c.AfterParse()
	}
	text = c.Strip.UnstripGeneral(text)
	text = doBlockLevels(text, true)
	text = c.replaceLinkHolders(text)
	text = c.Strip.UnstripNoWiki(text)
	text = c.Strip.UnstripGeneral(text)
	text = html.NormalizeCharReferences(text)
	text = html.Tidy(text)
	text = expandTOC(text, c.allowTOC())
	for k, v := range c.Out.Indicators {
		v = c.replaceLinkHolders(v)
		v = c.Strip.UnstripBoth(v)
		c.Out.Indicators[k] = html.Tidy(html.NormalizeCharReferences(strings.TrimSpace(v)))
	}
	c.Out.HTML = text
	return text
}

// internalParse runs the passes that work on wikitext lines, before block
// formatting.
func (c *Context) internalParse(text string) string {
	text = html.RemoveHTMLTagsWith(text, c.Config.FragmentMode, c.Strip.UnstripBoth)
	text = c.doTables(text)
	text = doHorizontalRules(text)
	text = c.doDoubleUnderscore(text)
	text = doHeadings(text)
	text = c.doInternalLinks(text)
	text = doAllQuotes(text)
	text = c.doExternalLinks(text)
	text = strings.ReplaceAll(text, MarkerPrefix+"NOPARSE", "")
	text = c.doMagicLinks(text)
	text = c.formatHeadings(text)
	return text
}

// ParseFragment renders a fragment (an extension tag's content) through
// the passes before block formatting, as MediaWiki's recursiveTagParse
// does. Links stay holders until the main parse resolves them.
func (c *Context) ParseFragment(text string) string {
	text = html.RemoveHTMLTagsWith(text, c.Config.FragmentMode, c.Strip.UnstripBoth)
	text = c.doTables(text)
	text = doHorizontalRules(text)
	text = c.doDoubleUnderscore(text)
	text = doHeadings(text)
	text = c.doInternalLinks(text)
	text = doAllQuotes(text)
	text = c.doExternalLinks(text)
	text = strings.ReplaceAll(text, MarkerPrefix+"NOPARSE", "")
	return c.doMagicLinks(text)
}

// ParseInline renders a fragment (link text, captions) through the inline
// passes only.
func (c *Context) ParseInline(text string) string {
	text = c.doInternalLinks(text)
	text = doAllQuotes(text)
	text = c.doExternalLinks(text)
	return c.doMagicLinks(text)
}

func (c *Context) allowTOC() bool { return !c.Switch("NOTOC") }

func (c *Context) addLink(t env.Title) {
	p := t.Page()
	if p.Interwiki != "" || c.seenLink[p] {
		return
	}
	c.seenLink[p] = true
	c.Out.Links = append(c.Out.Links, p)
}

// addImage records a used file once.
func (c *Context) addImage(t env.Title) {
	for _, x := range c.Out.Images {
		if x == t.DBKey {
			return
		}
	}
	c.Out.Images = append(c.Out.Images, t.DBKey)
}

func (c *Context) addExternalLink(u string) {
	if c.seenExtLink[u] {
		return
	}
	c.seenExtLink[u] = true
	c.Out.ExternalLinks = append(c.Out.ExternalLinks, u)
}

// pageName returns the prefixed text of the page being parsed.
func (c *Context) pageName() string { return c.Host.PrefixedText(c.Title) }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
