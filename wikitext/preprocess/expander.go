package preprocess

import (
	"context"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
)

// StripFunc stores HTML and returns the strip marker standing for it.
// kind is "nowiki" or "general".
type StripFunc func(kind, name, html string) string

// Limits bound the work of one expansion, with MediaWiki's defaults.
type Limits struct {
	MaxDepth        int // template nesting (40)
	MaxNodes        int // preprocessor nodes visited (1,000,000)
	MaxIncludeSize  int // bytes of template and argument output (2 MiB)
	MaxExpensive    int // expensive parser function calls (100)
	MaxExpandLoops  int // parser function and tag nesting guard (maxDepth*…)
	MaxTemplateSize int // size of a single template source we preprocess
}

// DefaultLimits are MediaWiki's defaults.
var DefaultLimits = Limits{MaxDepth: 40, MaxNodes: 1000000, MaxIncludeSize: 2 << 20, MaxExpensive: 100}

// HeadingInfo records where a heading came from, for section edit links.
type HeadingInfo struct {
	Title env.Title // page holding the heading (the page itself or a template)
	Index int       // heading index within that page
}

// Expander holds the state of one page's expansion. It is not safe for
// concurrent use; create one per parse.
type Expander struct {
	Ctx      context.Context
	Host     env.Host
	Title    env.Title
	Registry *Registry
	Strip    StripFunc
	Limits   Limits
	// PreSave selects the pre-save transform: only subst: calls expand.
	PreSave bool

	// ParseFragment, when set, renders wikitext (already expanded) to
	// half-parsed HTML for tag hooks that need it (recursiveTagParse).
	ParseFragment func(text string) string
	// Finishers produce text appended after the page's inline passes.
	Finishers []func() string

	// Results.
	Templates  []env.Title    // transcluded pages, in order of first use
	Headings   []HeadingInfo  // indexed by heading marker serial
	Categories []string       // tracking categories to add (DB keys)
	Data       map[string]any // per-parse extension state

	arena        *nodeArena // text nodes of the trees built (Release)
	seenTpl      map[env.Title]bool
	cache        map[env.Title]*tplCache
	nodeCount    int
	includeSize  int
	expensive    int
	limitHit     bool
	hostErr      error
	trackingSeen map[string]bool
	argSize      int // limit report counters (usage.go)
	expandDepth  int
	highestDepth int
}

type tplCache struct {
	src   string
	found bool
	tree  []*Node
	title env.Title // final title after redirects
}

// NewExpander prepares the expansion of one page.
func NewExpander(ctx context.Context, h env.Host, title env.Title, reg *Registry, strip StripFunc) *Expander {
	return &Expander{Ctx: ctx, Host: h, Title: title, Registry: reg, Strip: strip, Limits: DefaultLimits,
		Data: map[string]any{}, seenTpl: map[env.Title]bool{}, cache: map[env.Title]*tplCache{},
		trackingSeen: map[string]bool{}}
}

// ExpandPage preprocesses and expands the text of the page itself.
func (e *Expander) ExpandPage(text string) string {
	root := e.RootFrame()
	return root.Expand(e.Build(text, false))
}

// RecursiveTagParse expands text in frame f and renders it to
// half-parsed HTML.
func (e *Expander) RecursiveTagParse(f *Frame, text string) string {
	expanded := f.Expand(e.Build(text, false))
	if e.ParseFragment == nil {
		return expanded
	}
	return e.ParseFragment(expanded)
}

// RootFrame returns the frame of the page itself.
func (e *Expander) RootFrame() *Frame {
	return &Frame{exp: e, Title: e.Title}
}

// AddTracking adds a tracking category once.
func (e *Expander) AddTracking(cat string) {
	if e.trackingSeen[cat] {
		return
	}
	e.trackingSeen[cat] = true
	e.Categories = append(e.Categories, cat)
}

func (e *Expander) addTemplate(t env.Title) {
	p := t.Page()
	if e.seenTpl[p] {
		return
	}
	e.seenTpl[p] = true
	e.Templates = append(e.Templates, p)
}

// HostError records the first error the host returned.
func (e *Expander) HostError(err error) {
	if e.hostErr == nil {
		e.hostErr = err
	}
}

// Err returns the first host error of the expansion.
func (e *Expander) Err() error { return e.hostErr }

// IncrementExpensive counts an expensive parser function call and reports
// whether it is still within the limit.
func (e *Expander) IncrementExpensive() bool {
	e.expensive++
	return e.expensive <= e.Limits.MaxExpensive
}

// Build parses text with the registry's tags.
func (e *Expander) Build(text string, forInclusion bool) []*Node {
	if e.arena == nil {
		e.arena = arenaPool.Get().(*nodeArena)
	}
	return build(text, e.Registry.TagNames(), forInclusion, e.arena)
}

// Release hands the nodes of the trees this expander built back for reuse
// by later parses. Call it when the parse is over and nothing will expand
// or read those trees again (nor use the Expander); without it they are
// left to the garbage collector.
func (e *Expander) Release() {
	if e.arena != nil {
		e.arena.release()
		e.arena = nil
	}
	clear(e.cache)
}

func (e *Expander) incrementIncludeSize(n int) bool {
	if e.includeSize+n > e.Limits.MaxIncludeSize {
		return false
	}
	e.includeSize += n
	return true
}

func trimLower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
