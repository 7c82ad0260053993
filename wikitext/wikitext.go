// Package wikitext renders MediaWiki wikitext to HTML the way MediaWiki
// 1.39's legacy parser does.
//
// Usage:
//
//	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
//	out, err := p.Parse(ctx, src, wikitext.ParseOptions{Title: title, Host: host})
//	// out.HTML, out.Links, out.Templates, out.Categories, out.Images,
//	// out.ExternalLinks, out.Sections, out.DisplayTitle, …
//
// The pipeline is: preprocess (comments, <noinclude>/<includeonly>,
// extension tags → strip markers, templates, parser functions) → parser
// passes (package parser: tables, headings, links, quotes, lists,
// paragraphs) → link colouring in one PagesExist batch → unstrip → tidy
// (package html). The world outside the text (titles, page existence,
// templates, files, the clock) is reached only through a Host. A Parser
// is safe for concurrent use; all state of one parse lives in that parse.
//
// Extension points: an Extender's Extend method may call AddTag
// (<ref>), AddFunction ({{#if:}}), AddVariable ({{PAGENAME}}) and
// AddParseSetup (per-parse state and end-of-page output). Names are unique;
// registering a taken name returns an error. Core registrations (nowiki,
// pre, gallery, indicator, the PAGENAME/NAMESPACE/CURRENT* families and
// the core parser functions) are made by New.
package wikitext

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Title names a page; see env.Title.
type Title = env.Title

// Host answers the parser's questions about the wiki; see env.Host.
type Host = env.Host

// FileRepo is the optional Host interface for uploaded files.
type FileRepo = env.FileRepo

// FileInfo describes an uploaded file.
type FileInfo = env.FileInfo

// SiteInfo describes the site; see env.SiteInfo.
type SiteInfo = env.SiteInfo

// Output is the result of a parse: HTML plus the metadata the server stores
// in its link tables.
type Output = parser.Output

// Category is a category membership with its sort key.
type Category = parser.Category

// Section describes one heading of the page.
type Section = parser.Section

// TagFunc renders an extension tag such as <ref>; see preprocess.TagFunc.
type TagFunc = preprocess.TagFunc

// Func is a parser function such as {{#if:…}}; see preprocess.Func.
type Func = preprocess.Func

// Variable is a magic variable such as {{PAGENAME}}.
type Variable = preprocess.Variable

// Parser renders wikitext. Create it with New; it is safe for concurrent
// use and holds no per-parse state.
type Parser struct {
	cfg      parser.Config
	reg      *preprocess.Registry
	limits   preprocess.Limits
	setups   []func(*preprocess.Expander)
	subpages bool
	// limitReport appends the limit report comment (limitreport.go).
	limitReport bool
}

// AddParseSetup registers a function run at the start of every parse,
// before expansion; extensions use it to set up per-parse state and
// finishers.
func (p *Parser) AddParseSetup(fn func(*preprocess.Expander)) { p.setups = append(p.setups, fn) }

// New returns a Parser with MediaWiki's default settings.
func New(opts ...Option) *Parser {
	p := &Parser{
		cfg:    parser.Config{EditSections: true, NoFollow: true, Language: "en", LegacyMediaDOM: true},
		reg:    preprocess.NewRegistry(),
		limits: preprocess.DefaultLimits,
	}
	p.registerCore()
	for _, o := range opts {
		o(p)
	}
	return p
}

// AddTag registers an extension tag. It returns an error if the name is
// taken.
func (p *Parser) AddTag(name string, fn TagFunc) error { return p.reg.AddTag(name, fn) }

// AddFunction registers a case-insensitive parser function; hash
// functions include the '#' in name.
func (p *Parser) AddFunction(name string, fn Func) error { return p.reg.AddFunction(name, fn) }

// AddVariable registers a magic variable.
func (p *Parser) AddVariable(name string, v Variable) error { return p.reg.AddVariable(name, v) }

// HasFunction reports whether a parser function is registered.
func (p *Parser) HasFunction(name string) bool { return p.reg.HasFunction(name) }

// HasTag reports whether an extension tag is registered.
func (p *Parser) HasTag(name string) bool { return p.reg.HasTag(name) }

func (p *Parser) registerCore() {
	must(p.reg.AddTag("nowiki", nowikiTag))
	p.reg.SetNowiki("nowiki")
	must(p.reg.AddTag("pre", preTag))
	must(p.reg.AddTag("gallery", galleryTag))
	must(p.reg.AddTag("indicator", indicatorTag))
	p.registerVariables()
	p.registerFunctions()
	p.registerRevisionWords()
}

// ParseOptions are the per-parse inputs.
type ParseOptions struct {
	Title    Title    // the page being rendered
	Host     Host     // required
	Revision Revision // the revision being rendered, if saved
}

// Parse renders src. The HTML is wrapped in <div class="mw-parser-output">.
// When the host fails (a template or existence lookup returns an error),
// Parse still returns the output it could make, together with the first
// such error; callers should not cache that output.
func (p *Parser) Parse(ctx context.Context, src string, opts ParseOptions) (*Output, error) {
	if opts.Host == nil {
		return nil, errors.New("wikitext: ParseOptions.Host is nil")
	}
	start := time.Now()
	exp, pc := p.newParse(ctx, opts)
	defer exp.Release() // the output holds no node of the trees
	text := exp.ExpandPage(src)
	body := pc.Parse(text)
	body += p.finishLimitReport(exp, pc.Out, start)
	pc.Out.HTML = `<div class="mw-parser-output">` + body + "</div>"
	pc.Out.Templates = exp.Templates
	pc.Out.DisplayTitle = displayTitle(exp, opts.Title)
	for _, c := range exp.Categories {
		pc.AddCategory(c, "")
	}
	if ds, ok := exp.Data["defaultsort"].(string); ok && ds != "" {
		pc.Out.Properties["defaultsort"] = ds
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := exp.Err(); err != nil {
		return pc.Out, fmt.Errorf("parse: %w", err)
	}
	if err := pc.Err(); err != nil {
		return pc.Out, fmt.Errorf("parse: %w", err)
	}
	return pc.Out, nil
}

// newParse wires the expander and the parser context of one parse.
func (p *Parser) newParse(ctx context.Context, opts ParseOptions) (*preprocess.Expander, *parser.Context) {
	strip := parser.NewStripState()
	exp := preprocess.NewExpander(ctx, opts.Host, opts.Title, p.reg, strip.Add)
	exp.Limits = p.limits
	pc := parser.NewContext(ctx, opts.Host, opts.Title, &p.cfg, strip)
	exp.ParseFragment = pc.ParseFragment
	exp.Data["wikitext.fragmentMode"] = p.cfg.FragmentMode
	exp.Data[parserKey] = pc
	exp.Data[subpagesKey] = p.subpages
	exp.Data[revisionKey] = opts.Revision
	for _, setup := range p.setups {
		setup(exp)
	}
	pc.AfterParse = func() string {
		var b strings.Builder
		for _, fin := range exp.Finishers {
			b.WriteString(fin())
		}
		return b.String()
	}
	pc.HeadingInfo = func(serial int) (Title, int, bool) {
		if serial < 0 || serial >= len(exp.Headings) {
			return Title{}, 0, false
		}
		h := exp.Headings[serial]
		return h.Title, h.Index, true
	}
	return exp, pc
}

// must panics on a failed core registration: core names are fixed, so a
// clash is a programming error.
func must(err error) {
	if err != nil {
		panic("wikitext: " + err.Error())
	}
}
