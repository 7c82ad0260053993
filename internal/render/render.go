// Package render turns page text into HTML through the wikitext library,
// answering the library's questions (which pages exist, template sources,
// site facts) from the stores.
package render

import (
	"context"
	"html"

	"github.com/folio-wiki/folio"
)

// Output is a rendered page: the HTML body and what the page points at.
type Output struct {
	HTML         string // body HTML, already sanitised
	Links        *folio.LinkSet
	Redirect     *folio.LinkTarget
	DisplayTitle string // HTML; empty means the plain title
	Sections     []Section
	Categories   []string // DBKeys in the Category namespace
}

// Section is a heading of the rendered page, for the table of contents.
type Section struct {
	Level  int
	Line   string
	Anchor string
}

// Options change how a page renders.
type Options struct {
	RevID     int64
	Preview   bool
	EditLinks bool // [edit] links next to headings
}

// Renderer renders page text. Set the fields before use.
type Renderer struct {
	Store      folio.Store
	Namespaces *folio.Namespaces
	SiteName   string
	Server     string // public base URL, for {{SERVER}} and full URLs
}

// Render renders text as the content of page t.
func (r *Renderer) Render(ctx context.Context, t folio.Title, text string, opt Options) (*Output, error) {
	// Placeholder until the wikitext engine is wired in.
	return &Output{HTML: `<div class="mw-parser-output"><pre>` + html.EscapeString(text) + `</pre></div>`, Links: &folio.LinkSet{}}, nil
}

// Links implements wiki.Linker.
func (r *Renderer) Links(ctx context.Context, t folio.Title, text string) (*folio.LinkSet, *folio.LinkTarget, error) {
	out, err := r.Render(ctx, t, text, Options{})
	if err != nil {
		return nil, nil, err
	}
	return out.Links, out.Redirect, nil
}
