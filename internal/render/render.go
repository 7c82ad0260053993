// Package render turns page text into HTML through the wikitext library,
// answering the library's questions (which pages exist, template sources,
// site facts) from the stores.
package render

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/ext/poem"
	"github.com/folio-wiki/folio/wikitext/ext/syntaxhighlight"
	"github.com/folio-wiki/folio/wikitext/html"
)

// Output is a rendered page: the HTML body and what the page points at.
type Output struct {
	HTML         string // body HTML, already sanitised
	Links        *folio.LinkSet
	Redirect     *folio.LinkTarget
	DisplayTitle string // HTML; empty means the plain title
	Sections     []wikitext.Section
	Categories   []string // DBKeys in the Category namespace
	NoIndex      bool
	// LimitReport is the parse's work against the limits (API
	// prop=limitreportdata); the HTML ends with it as a comment.
	LimitReport wikitext.LimitReport
	// CacheExpiry, when positive, bounds how long caches may keep the
	// output: a tag showing live data (<bugzilla>) lowered it.
	CacheExpiry time.Duration `json:",omitempty"`
}

// Options change how a page renders.
type Options struct {
	RevID          int64
	Revision       *folio.Revision // the revision shown, for REVISION* words
	Preview        bool
	NoEditSections bool // leave out the [edit] links next to headings
}

// Store is what rendering reads: page existence and template text.
type Store interface {
	folio.PageStore
	folio.RevisionStore
	Stats(ctx context.Context) (*folio.SiteStats, error)
}

// Renderer renders page text. Set the fields before use; it is safe for
// concurrent use.
type Renderer struct {
	Store      Store
	Namespaces *folio.Namespaces
	SiteName   string
	Server     string // public base URL, for {{SERVER}} and full URLs
	Now        func() time.Time
	// Files answers [[File:…]] lookups; nil renders every file as missing.
	Files wikitext.FileRepo
	// StringFunctions enables #len, #pos, #sub… ($wgPFEnableStringFunctions).
	StringFunctions bool
	// Compat holds the data of {{#compat:…}} tables; nil: no data.
	Compat CompatSource
	// ObserveParse, when set, is told how long each parse took (metrics).
	ObserveParse func(time.Duration)
	// Disabled lists the keys of optional extensions turned off
	// (extensions.go).
	Disabled map[string]bool
	// GraphvizWorker is the command that runs GraphViz layouts in child
	// processes (graphviz.WithWorker); nil lays them out in-process.
	GraphvizWorker []string
	// Bugzilla runs <bugzilla> searches; nil shows an error box instead.
	Bugzilla bugzilla.Client
	// WidgetIframeHosts are the hosts iframes of Widget: pages may show
	// (widget_iframe_hosts; "*.example.org" for subdomains).
	WidgetIframeHosts []string
	// TemplateCacheBytes bounds the cache of transcluded revision text
	// (templatecache.go); 0 means DefaultTemplateCacheBytes, negative
	// turns the cache off.
	TemplateCacheBytes int

	templates templateCache
	once      sync.Once
	withES    *wikitext.Parser
	withoutES *wikitext.Parser
}

func (r *Renderer) parser(editSections bool) *wikitext.Parser {
	r.once.Do(func() {
		exts := wikitext.WithExtensions(
			parserfunctions.New(parserfunctions.WithStringFunctions(r.StringFunctions)),
			cite.New(), poem.New(), bugzilla.New(bugzillaOptions(r.Bugzilla)...), syntaxhighlight.New())
		opt := r.optionalExtensions()
		// MediaWiki 1.39's defaults, which its parser tests change: html5
		// ids with legacy fallback anchors, no ISBN, PMID and RFC links.
		common := []wikitext.Option{exts, opt, wikitext.WithLimitReport(true),
			wikitext.WithFragmentMode(html.FragmentHTML5, true), wikitext.WithMagicLinks(false, false, false)}
		r.withES = wikitext.New(append(common, wikitext.WithEditSections(true))...)
		r.withoutES = wikitext.New(append(common[:len(common):len(common)], wikitext.WithEditSections(false))...)
	})
	if editSections {
		return r.withES
	}
	return r.withoutES
}

// Render renders text as the content of page t.
func (r *Renderer) Render(ctx context.Context, t folio.Title, text string, opt Options) (*Output, error) {
	h := &host{r: r, ctx: ctx}
	po := wikitext.ParseOptions{Title: toWT(t), Host: h}
	if rev := opt.Revision; rev != nil {
		po.Revision = wikitext.Revision{ID: rev.ID, Timestamp: rev.Timestamp, User: rev.Actor.Name, Size: rev.Len}
	}
	start := time.Now()
	out, err := r.parser(!opt.NoEditSections).Parse(ctx, text, po)
	if r.ObserveParse != nil {
		r.ObserveParse(time.Since(start))
	}
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", t.PrefixedText(), err)
	}
	res := &Output{
		HTML:         out.HTML,
		Links:        linkSet(out),
		DisplayTitle: out.DisplayTitle,
		Sections:     out.Sections,
		NoIndex:      out.Flags["noindex"],
		LimitReport:  out.LimitReport,
		CacheExpiry:  out.CacheExpiry,
	}
	for _, c := range out.Categories {
		res.Categories = append(res.Categories, c.Name)
	}
	res.Redirect = r.redirect(text)
	return res, nil
}

// Links implements wiki.Linker.
func (r *Renderer) Links(ctx context.Context, t folio.Title, text string) (*folio.LinkSet, *folio.LinkTarget, error) {
	out, err := r.Render(ctx, t, text, Options{NoEditSections: true})
	if err != nil {
		return nil, nil, err
	}
	return out.Links, out.Redirect, nil
}

// RedirectTarget returns the target of a redirect text, or nil.
func (r *Renderer) redirect(text string) *folio.LinkTarget {
	target, ok := wikitext.Redirect(text)
	if !ok {
		return nil
	}
	t, err := r.Namespaces.ParseTitle(target, folio.NSMain)
	if err != nil || t.Interwiki != "" || t.DBKey == "" {
		return nil
	}
	return &folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey, Fragment: t.Fragment}
}

// linkSet converts the parser's link lists into link-table rows.
func linkSet(out *wikitext.Output) *folio.LinkSet {
	ls := &folio.LinkSet{External: out.ExternalLinks}
	seen := map[folio.LinkTarget]bool{}
	for _, l := range out.Links {
		lt := folio.LinkTarget{Namespace: l.Namespace, DBKey: l.DBKey}
		if l.Interwiki != "" || l.Namespace < 0 || l.DBKey == "" || seen[lt] {
			if l.Namespace == folio.NSMedia && l.Interwiki == "" {
				ls.Images = append(ls.Images, l.DBKey)
			}
			continue
		}
		seen[lt] = true
		ls.Links = append(ls.Links, lt)
	}
	seenImage := map[string]bool{}
	for _, img := range append(ls.Images, out.Images...) {
		if !seenImage[img] {
			seenImage[img] = true
		}
	}
	ls.Images = ls.Images[:0]
	for img := range seenImage {
		ls.Images = append(ls.Images, img)
	}
	sort.Strings(ls.Images)
	for _, tpl := range out.Templates {
		ls.Templates = append(ls.Templates, folio.LinkTarget{Namespace: tpl.Namespace, DBKey: tpl.DBKey})
	}
	for _, c := range out.Categories {
		ls.Categories = append(ls.Categories, folio.CategoryLink{Category: c.Name, SortKey: c.SortKey})
	}
	return ls
}

func toWT(t folio.Title) wikitext.Title {
	return wikitext.Title{Namespace: t.Namespace, DBKey: t.DBKey, Fragment: t.Fragment, Interwiki: t.Interwiki}
}

// siteInfo describes the wiki to the parser.
func (r *Renderer) siteInfo() wikitext.SiteInfo {
	names := map[int]string{}
	for _, ns := range r.Namespaces.All() {
		names[ns.ID] = strings.ReplaceAll(ns.Name, " ", "_")
	}
	return wikitext.SiteInfo{
		Name: r.SiteName, Server: strings.TrimRight(r.Server, "/"), Script: folio.ScriptPath,
		ArticlePath: folio.ArticlePath + "$1", Namespaces: names, Language: "en",
	}
}
