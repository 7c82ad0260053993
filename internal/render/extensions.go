package render

import (
	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/compat"
	"github.com/folio-wiki/folio/wikitext/ext/graphviz"
	"github.com/folio-wiki/folio/wikitext/ext/widgets"
)

// Extension describes a wikitext extension the renderer loads, as listed
// on Special:Version.
type Extension struct {
	// Key names the extension in the configuration ([extensions] key =
	// false turns an optional one off).
	Key         string
	Name        string
	Version     string
	Description string
	URL         string
	// Type is the extension's kind as meta=siteinfo reports it:
	// "parserhook" when empty, or "specialpage", "other".
	Type string
	// Optional extensions can be turned off; the others are always on.
	Optional bool
	// load returns the extender of an optional extension; nil for the
	// ones render.go loads itself.
	load func(r *Renderer) wikitext.Extender
}

// graphvizProcs is how many GraphViz layout workers may run at once.
const graphvizProcs = 2

// extensions lists every extension the renderer knows, in load order. To
// add one, append an entry here (with load set when it can be turned off).
var extensions = []Extension{
	{Key: "parserfunctions", Name: "ParserFunctions", Version: "1.0.0",
		URL:         "https://www.mediawiki.org/wiki/Extension:ParserFunctions",
		Description: "Parser functions for logic, arithmetic, time and strings ({{#if:}}, {{#expr:}}, {{#time:}}…)."},
	{Key: "cite", Name: "Cite", Version: "1.0.0",
		URL:         "https://www.mediawiki.org/wiki/Extension:Cite",
		Description: "Footnotes with <ref> and <references>."},
	{Key: "poem", Name: "Poem", Version: "1.0.0",
		URL:         "https://www.mediawiki.org/wiki/Extension:Poem",
		Description: "The <poem> tag, which keeps the line breaks of verse."},
	{Key: "bugzilla", Name: "Bugzilla", Version: "1.0.0",
		Description: "The <bugzilla> tag: bugs matching a JSON query to a Bugzilla REST API (bugzilla_url), shown as a table, a list or a count, cached on the server."},
	{Key: "etherpad", Name: "ImportFromEtherpad", Version: "1.0.0", Type: "specialpage",
		Description: "Special:ImportFromEtherpad and folio import-etherpad: an Etherpad pad's HTML export converted to wikitext and saved as a page."},
	{Key: "graphviz", Name: "GraphViz", Version: graphviz.Version, Optional: true,
		URL:         "https://www.mediawiki.org/wiki/Extension:GraphViz",
		Description: "Graphs written in the DOT language with <graphviz> or <graph>, laid out by Graphviz built in as WebAssembly (dot, neato, circo, fdp, twopi) and shown as sanitised SVG.",
		load: func(r *Renderer) wikitext.Extender {
			return graphviz.New(graphviz.WithWorker(r.GraphvizWorker, graphvizProcs))
		}},
	{Key: "widgets", Name: "Widgets", Version: widgets.Version, Optional: true,
		URL:         "https://www.mediawiki.org/wiki/Extension:Widgets",
		Description: "Google Calendar, Document, Spreadsheet and Presentation embeds with {{#widget:}} or tags, as sandboxed iframes to Google's embed addresses only; admin-defined widgets in the Widget namespace (editwidgets right), sanitised, with iframes to widget_iframe_hosts only.",
		load: func(r *Renderer) wikitext.Extender {
			return widgets.New(widgets.WithPageWidgets(r.WidgetIframeHosts...))
		}},
	{Key: "compat", Name: "Compatables", Version: "1.0.0", Optional: true,
		Description: "Browser compatibility tables from MDN's browser-compat-data with {{#compat:css.properties.border-radius}} and Special:Compatables.",
		load:        func(*Renderer) wikitext.Extender { return compat.New() }},
}

// KnownExtensions returns every extension the renderer can load, whether
// enabled or not.
func KnownExtensions() []Extension { return append([]Extension(nil), extensions...) }

// Extensions returns the extensions r loads: the built-in ones and the
// optional ones not listed in r.Disabled.
func (r *Renderer) Extensions() []Extension {
	var out []Extension
	for _, e := range extensions {
		if !e.Optional || !r.Disabled[e.Key] {
			out = append(out, e)
		}
	}
	return out
}

// optionalExtensions returns the option that loads the enabled optional
// extensions.
func (r *Renderer) optionalExtensions() wikitext.Option {
	var exts []wikitext.Extender
	for _, e := range r.Extensions() {
		if e.load != nil {
			exts = append(exts, e.load(r))
		}
	}
	return wikitext.WithExtensions(exts...)
}
