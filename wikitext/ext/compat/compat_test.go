package compat_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/ext/compat"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// radius is a cut-down css.properties.border-radius in BCD's layout.
const radius = `{"__compat":{"support":{
  "chrome":[{"version_added":"4"},{"prefix":"-webkit-","version_added":"1"}],
  "chrome_android":"mirror","opera":"mirror",
  "firefox":[{"version_added":"4","notes":"Dotted <code>border-style</code> & <b>solid</b>."},
    {"prefix":"-moz-","version_added":"1","version_removed":"12"}],
  "safari":{"version_added":"5","partial_implementation":true},
  "ie":{"version_added":null},
  "edge":{"version_added":true},
  "deno":{"version_added":false},
  "nodejs":{"version_added":"preview","flags":[{"type":"preference","name":"css.<radius>","value_to_set":"true"}]}},
  "status":{"experimental":true,"standard_track":true,"deprecated":false}},
 "percentages":{"__compat":{"description":"<code>%</code> values","support":{"chrome":{"version_added":"≤18"}}}},
 "elliptical_borders":{"__compat":{"support":{"chrome":{"version_added":"1","alternative_name":"-x-radius"}}}}}`

// source is a Source and TableCache over a map, counting renders.
type source struct {
	mu       sync.Mutex
	features map[string]compat.Feature
	cache    map[string]string
	err      error
}

func newSource() *source {
	return &source{cache: map[string]string{}, features: map[string]compat.Feature{
		"css.properties.border-radius": {Path: "css.properties.border-radius", JSON: []byte(radius), SHA: "r1",
			Dependency: env.Title{Namespace: env.NSSpecial, DBKey: "Compatables/css.properties.border-radius"}},
		"css.properties.evil": {Path: "css.properties.evil", SHA: "e1", JSON: []byte(`{"__compat":{
			"description":"<script>alert(1)</script>",
			"support":{"chrome":{"version_added":"<img src=x onerror=alert(1)>","notes":"<script>x</script><code>ok"},
			"\"><script>":{"version_added":"1"}}},
			"<b>sub</b>":{"__compat":{"support":{"chrome":{"prefix":"\"><script>alert(2)</script>","version_added":"1"}}}}}`)},
		"css.properties.broken": {Path: "css.properties.broken", SHA: "b1", JSON: []byte(`{"__compat":[1,2]}`)},
	}}
}

func (s *source) CompatFeature(ctx context.Context, path string) (compat.Feature, bool, error) {
	if s.err != nil {
		return compat.Feature{}, false, s.err
	}
	for p := path; ; {
		if f, ok := s.features[p]; ok {
			return f, true, nil
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return compat.Feature{}, false, nil
		}
		p = p[:i]
	}
}

func (s *source) CachedCompatTable(ctx context.Context, key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.cache[key]
	return h, ok
}

func (s *source) CacheCompatTable(ctx context.Context, key, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache[key] = html
}

// host is the test wiki host with compatibility data.
type host struct {
	*wikitexttest.Host
	*source
}

func parse(t *testing.T, src *source, text string) *wikitext.Output {
	t.Helper()
	h := wikitexttest.NewHost()
	var hh wikitext.Host = h
	if src != nil {
		hh = host{h, src}
	}
	p := wikitext.New(wikitext.WithExtensions(compat.New(), parserfunctions.New()))
	out, err := p.Parse(context.Background(), text, wikitext.ParseOptions{
		Title: env.Title{DBKey: "Test"}, Host: hh})
	if err != nil && (src == nil || src.err == nil) {
		t.Fatalf("Parse(%q) error: %v", text, err)
	}
	return out
}

func TestCompatTable(t *testing.T) {
	out := parse(t, newSource(), "Intro\n\n{{#compat:css.properties.border-radius}}\n\nAfter")
	h := out.HTML
	for _, want := range []string{
		`<table class="compat-table wikitable" data-compat-feature="css.properties.border-radius">`,
		`<caption>Browser compatibility of <code>css.properties.border-radius</code></caption>`,
		`<th scope="col" class="compat-browser compat-browser-chrome">Chrome</th>`,
		`<th scope="col" class="compat-browser compat-browser-safari">Safari</th>`,
		`<th scope="row"><code>border-radius</code> <abbr class="compat-marker compat-experimental"`,
		`<td class="compat-cell compat-yes" data-browser="chrome"><span class="compat-version">4</span><br /><span class="compat-version">1</span> <abbr class="compat-marker compat-prefix" title="Implemented with the vendor prefix -webkit-">-webkit-</abbr></td>`,
		// chrome_android mirrors chrome with the same versions; opera only says yes.
		`data-browser="chrome_android"><span class="compat-version">4</span> <abbr class="compat-marker compat-mirror" title="Follows Chrome">*</abbr>`,
		`data-browser="opera"><span class="compat-version">Yes</span>`,
		`<span class="compat-version">1–<abbr title="Removed in 12">12</abbr></span> <abbr class="compat-marker compat-prefix" title="Implemented with the vendor prefix -moz-">-moz-</abbr>`,
		`<td class="compat-cell compat-partial" data-browser="safari"><span class="compat-version">5</span> <abbr class="compat-marker compat-partial-marker" title="Partial support">partial</abbr>`,
		`<td class="compat-cell compat-unknown" data-browser="ie"><span class="compat-version">?</span>`,
		`<td class="compat-cell compat-yes" data-browser="edge"><span class="compat-version">Yes</span>`,
		`<td class="compat-cell compat-no" data-browser="deno"><span class="compat-version">No</span>`,
		`<td class="compat-cell compat-preview" data-browser="nodejs"><span class="compat-version">Preview</span> <abbr class="compat-marker compat-flag" title="Behind a flag: css.&lt;radius&gt; set to true">flag</abbr>`,
		`<sup class="compat-note-ref"><a href="#compat-css_properties_border-radius-note-1" aria-label="Note 1">1</a></sup>`,
		`<li id="compat-css_properties_border-radius-note-1">Dotted <code>border-style</code> &amp; solid.</li>`,
		`<tr class="compat-depth-1"><th scope="row"><code>%</code> values</th>`,
		`<span class="compat-version">≤18</span>`,
		`<th scope="row">elliptical borders</th>`,
		`title="Implemented under the name -x-radius">-x-radius</abbr>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("output lacks %s\n%s", want, h)
		}
	}
	if strings.Contains(h, "<p><div") || strings.Contains(h, "<p><table") {
		t.Errorf("table wrapped in a paragraph:\n%s", h)
	}
	// Browser order is fixed: desktop first, then mobile, then runtimes.
	order := regexp.MustCompile(`compat-browser-([a-z_]+)`).FindAllStringSubmatch(h, -1)
	var got []string
	for _, m := range order {
		got = append(got, m[1])
	}
	if want := "chrome edge firefox opera safari ie chrome_android deno nodejs"; strings.Join(got, " ") != want {
		t.Errorf("columns = %v, want %s", got, want)
	}
	dep := env.Title{Namespace: env.NSSpecial, DBKey: "Compatables/css.properties.border-radius"}
	if len(out.Templates) != 1 || out.Templates[0] != dep {
		t.Errorf("Templates = %v, want the dependency %v", out.Templates, dep)
	}
}

func TestCompatForms(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"full path", "{{#compat: css.properties.border-radius }}", `data-compat-feature="css.properties.border-radius"`},
		{"subfeature", "{{#compat:css.properties.border-radius.percentages}}", `<caption>Browser compatibility of <code>css.properties.border-radius.percentages</code></caption>`},
		{"template form", "{{#compat:feature=border-radius|topic=css|format=table}}", `data-compat-feature="css.properties.border-radius"`},
		{"topic second", "{{#compat:border-radius|topic=CSS}}", `data-compat-feature="css.properties.border-radius"`},
		{"unknown", "{{#compat:css.properties.nope}}", `<strong class="error compat-error" role="alert">There is no browser compatibility data for &#34;css.properties.nope&#34;.</strong>`},
		{"unknown subfeature", "{{#compat:css.properties.border-radius.nope}}", `There is no browser compatibility data for &#34;css.properties.border-radius.nope&#34;.`},
		{"meta key", "{{#compat:css.properties.border-radius.__compat}}", `There is no browser compatibility data`},
		{"no topic", "{{#compat:border-radius}}", `needs a topic`},
		{"bad topic", "{{#compat:feature=x|topic=<b>}}", `Unknown compatibility topic &#34;&lt;b&gt;&#34;.`},
		{"bad format", "{{#compat:feature=border-radius|topic=css|format=json}}", `Unsupported compatibility format`},
		{"empty", "{{#compat:}}", `No compatibility feature was given.`},
		{"bad path", `{{#compat:css..x<script>}}`, `is not a valid compatibility feature path.`},
		{"broken data", "{{#compat:css.properties.broken}}", `The compatibility data for &#34;css.properties.broken&#34; is malformed.`},
		{"iferror", "{{#iferror:{{#compat:css.nope}}|caught|fine}}", `caught`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := parse(t, newSource(), tt.text).HTML
			if !strings.Contains(h, tt.want) {
				t.Errorf("output lacks %s\n%s", tt.want, h)
			}
			if strings.Contains(h, "<script") {
				t.Errorf("output has a script:\n%s", h)
			}
		})
	}
}

func TestCompatEscapes(t *testing.T) {
	h := parse(t, newSource(), "{{#compat:css.properties.evil}}").HTML
	for _, bad := range []string{"<script", "<img", "<b>", "<img"} {
		if strings.Contains(h, bad) {
			t.Errorf("output contains %s:\n%s", bad, h)
		}
	}
	for _, want := range []string{
		`&lt;img src=x onerror=alert(1)&gt;`,
		`<li id="compat-css_properties_evil-note-1">x<code>ok</code></li>`,
		`<th scope="row">&lt;b&gt;sub&lt;/b&gt;</th>`,
		`title="Implemented with the vendor prefix &#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("output lacks %s\n%s", want, h)
		}
	}
}

func TestCompatHostless(t *testing.T) {
	h := parse(t, nil, "{{#compat:css.properties.border-radius}}").HTML
	if !strings.Contains(h, "This wiki has no browser compatibility data.") {
		t.Errorf("output = %s", h)
	}
	src := newSource()
	src.err = errors.New("database down")
	out := parse(t, src, "{{#compat:css.properties.border-radius}}")
	if !strings.Contains(out.HTML, "could not be loaded") || strings.Contains(out.HTML, "database down") {
		t.Errorf("output = %s", out.HTML)
	}
}

func TestCompatCache(t *testing.T) {
	src := newSource()
	h1, _, err := compat.Table(context.Background(), src, src, "css.properties.border-radius")
	if err != nil {
		t.Fatal(err)
	}
	key := compat.CacheKey("css.properties.border-radius", "r1")
	if src.cache[key] != h1 {
		t.Fatalf("table not cached under %s", key)
	}
	src.cache[key] = "<table>cached</table>"
	h2, _, _ := compat.Table(context.Background(), src, src, "css.properties.border-radius")
	if h2 != "<table>cached</table>" {
		t.Errorf("second Table() = %q, want the cached copy", h2)
	}
	// New data has a new digest, so the cache is bypassed.
	f := src.features["css.properties.border-radius"]
	f.SHA, f.JSON = "r2", []byte(strings.Replace(radius, `"version_added":"4"`, `"version_added":"5"`, 1))
	src.features["css.properties.border-radius"] = f
	h3, _, _ := compat.Table(context.Background(), src, src, "css.properties.border-radius")
	if !strings.Contains(h3, `<span class="compat-version">5</span>`) {
		t.Errorf("Table() after new data = %s", h3)
	}
}

func TestResolvePath(t *testing.T) {
	tests := []struct{ topic, feature, want, kind string }{
		{"css", "border-radius", "css.properties.border-radius", ""},
		{"", "css.properties.border-radius", "css.properties.border-radius", ""},
		{"html", "dialog", "html.elements.dialog", ""},
		{"javascript", "Array", "javascript.builtins.Array", ""},
		{"api", "Window", "api.Window", ""},
		{"css", "javascript.builtins.Array.@@iterator", "javascript.builtins.Array.@@iterator", ""},
		{"", "border-radius", "", compat.ErrInvalid},
		{"nope", "x", "", compat.ErrInvalid},
		{"css", "a b", "", compat.ErrInvalid},
		{"css", strings.Repeat("a", 300), "", compat.ErrInvalid},
	}
	for _, tt := range tests {
		got, err := compat.ResolvePath(tt.topic, tt.feature)
		if got != tt.want || compat.Kind(err) != tt.kind {
			t.Errorf("ResolvePath(%q, %q) = %q, %v; want %q (%s)", tt.topic, tt.feature, got, err, tt.want, tt.kind)
		}
	}
}
