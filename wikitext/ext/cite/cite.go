// Package cite implements MediaWiki's Cite extension: <ref> footnotes
// with names, groups and reuse, and the <references> list.
package cite

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Option configures the extension.
type Option func(*extension)

// WithResponsive makes long reference lists use columns by default, as
// $wgCiteResponsiveReferences does.
func WithResponsive(on bool) Option { return func(e *extension) { e.responsive = on } }

type extension struct {
	responsive bool
}

// New returns the extension. Long reference lists use columns by default.
func New(opts ...Option) wikitext.Extender {
	e := &extension{responsive: true}
	for _, o := range opts {
		o(e)
	}
	return e
}

const stateKey = "cite"

// Extend registers <ref>, <references> and the end-of-page list.
func (e *extension) Extend(p *wikitext.Parser) {
	_ = p.AddTag("ref", e.refTag)
	_ = p.AddTag("references", e.referencesTag)
	p.AddParseSetup(func(x *preprocess.Expander) {
		s := &state{groups: map[string]*group{}}
		if m, ok := x.Data["wikitext.fragmentMode"].(html.FragmentMode); ok {
			s.mode = m
		}
		x.Data[stateKey] = s
		x.Finishers = append(x.Finishers, func() string { return e.leftovers(x, s) })
	})
}

// state is the per-parse Cite state.
type state struct {
	groups       map[string]*group
	order        []string
	seq          int
	inReferences bool
	refsGroup    string
	mode         html.FragmentMode
}

type group struct {
	refs      []*ref
	followers []*ref // follow="…" notes whose parent came later
	byName    map[string]*ref
	count     int
}

type ref struct {
	name   string
	text   string
	number int
	key    int
	uses   int
	errs   []string
	dir    string
	mode   html.FragmentMode
}

func stateOf(f *preprocess.Frame) *state {
	s, _ := f.Expander().Data[stateKey].(*state)
	if s == nil {
		s = &state{groups: map[string]*group{}}
		f.Expander().Data[stateKey] = s
	}
	return s
}

func (s *state) group(name string) *group {
	g, ok := s.groups[name]
	if !ok {
		g = &group{byName: map[string]*ref{}}
		s.groups[name] = g
		s.order = append(s.order, name)
	}
	return g
}

// errorSpan renders a Cite error message (HTML).
func errorSpan(msg string) string {
	return `<span class="error mw-ext-cite-error" lang="en" dir="ltr">Cite error: ` + msg + `</span>`
}

const refCode = "<code>&lt;ref&gt;</code>"

var integerRegex = regexp.MustCompile(`^-?[0-9]+$`)

// idPart normalises a ref name for use in ids and fragments, the HTML5
// way: spaces become underscores, runs of underscores collapse.
func idPart(name string, mode html.FragmentMode) string {
	id := html.EscapeID(strings.TrimSpace(name), mode)
	for strings.Contains(id, "__") {
		id = strings.ReplaceAll(id, "__", "_")
	}
	return id
}

var idArmor = strings.NewReplacer("_", "&#95;", "[", "&#91;", "]", "&#93;", "{", "&#123;",
	"}", "&#125;", "|", "&#124;", "'", "&#39;")

// armorID escapes an id attribute value and hides characters that later
// wikitext passes would act on.
func armorID(id string) string { return idArmor.Replace(html.EscapeHTML(id)) }

// href escapes a fragment link.
func href(id string) string { return "#" + html.EscapeHTML(id) }

func (r *ref) noteID() string {
	if r.name == "" {
		return "cite_note-" + strconv.Itoa(r.key)
	}
	return "cite_note-" + idPart(r.name, r.mode) + "-" + strconv.Itoa(r.key)
}

func (r *ref) refID(use int) string {
	if r.name == "" {
		return "cite_ref-" + strconv.Itoa(r.key)
	}
	return "cite_ref-" + idPart(r.name, r.mode) + "_" + strconv.Itoa(r.key) + "-" + strconv.Itoa(use)
}

func label(groupName string, n int) string {
	if groupName == "" {
		return strconv.Itoa(n)
	}
	return groupName + " " + strconv.Itoa(n)
}
