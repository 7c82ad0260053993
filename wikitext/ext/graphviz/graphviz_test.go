package graphviz_test

import (
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/graphviz"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func parse(t *testing.T, src string, opts ...graphviz.Option) string {
	t.Helper()
	p := wikitext.New(wikitext.WithExtensions(graphviz.New(opts...)))
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{
		Title: wikitext.Title{DBKey: "Test"}, Host: wikitexttest.NewHost()})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return out.HTML
}

// forbidden are things no graph may put on a page.
var forbidden = []string{"<script", "javascript:", "onload", "onclick", "<foreignObject", "<image",
	"<iframe", "data:text", "/etc/", "\x7f", `href="//`, "evil.example"}

func TestGraphviz(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"dot", "<graphviz>digraph G { Alpha -> Beta }</graphviz>",
			[]string{`<div class="mw-graphviz"><svg style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg"`, ">Alpha</text>", ">Beta</text>", "<ellipse"},
			[]string{"error"}},
		{"graph alias", "<graph>graph { x -- y }</graph>", []string{"<svg", ">x</text>", ">y</text>"}, nil},
		{"neato", `<graphviz renderer="neato">graph { a -- b -- c }</graphviz>`, []string{"<svg", ">c</text>"}, nil},
		{"circo", `<graphviz renderer="circo">graph { a -- b -- c -- a }</graphviz>`, []string{"<svg", ">c</text>"}, nil},
		{"fdp", `<graphviz renderer="fdp">graph { a -- b; b -- c }</graphviz>`, []string{"<svg", ">c</text>"}, nil},
		{"twopi", `<graphviz renderer="twopi">graph { hub -- a; hub -- b }</graphviz>`, []string{"<svg", ">hub</text>"}, nil},
		{"layout attribute", `<graphviz layout="circo">graph { a -- b }</graphviz>`, []string{"<svg"}, nil},
		{"unknown engine", `<graphviz renderer="osage">graph { a }</graphviz>`,
			[]string{`<div class="error mw-graphviz-error">`, "unknown layout engine &quot;osage&quot;"}, []string{"<svg"}},
		{"syntax error", "<graphviz>digraph { a -> }</graphviz>",
			[]string{`<div class="error mw-graphviz-error">`, "not valid DOT: line 1: an edge must end at a node"}, []string{"<svg"}},
		{"not a graph", "<graphviz>hello world</graphviz>", []string{`class="error mw-graphviz-error"`}, []string{"<svg"}},
		{"empty", "<graphviz></graphviz>", []string{`class="error mw-graphviz-error"`, "empty"}, nil},
		{"self-closed", "<graphviz/>", []string{`class="error mw-graphviz-error"`}, nil},
		{"script label", `<graphviz>digraph { a [label="<script>alert(1)</script>"] }</graphviz>`,
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, nil},
		{"links", `<graphviz>digraph { a [URL="https://example.org/a?x=1&y=2"]; b [URL="javascript:alert(1)"];` +
			` c [URL="[[Main Page]]"]; d [href="data:text/html,x"]; e [URL="//evil.example/"]; f [URL="/wiki/Local"] }</graphviz>`,
			[]string{`href="https://example.org/a?x=1&amp;y=2"`, `href="/wiki/Main_Page"`, `href="/wiki/Local"`}, nil},
		{"image attribute", `<graphviz>digraph { a [image="/etc/passwd" label=""] }</graphviz>`,
			[]string{"the attribute image is not allowed"}, []string{"<svg"}},
		{"html image", `<graphviz>digraph { a [label=<<table><tr><td><img src="/etc/passwd"/></td></tr></table>>] }</graphviz>`,
			[]string{"not allowed in HTML labels"}, []string{"<svg"}},
		{"ids are prefixed", `<graphviz>digraph { graph [id="content"]; a [id="bodyContent"] }</graphviz>`,
			[]string{`id="gv-`}, []string{`id="content"`, `id="bodyContent"`}},
		{"html label", `<graphviz>digraph { a [label=<<b>bold</b> <i>x</i>>] }</graphviz>`, []string{">bold</text>"}, nil},
		{"image format", `<graphviz format="png" alt="A graph">digraph { a -> b }</graphviz>`,
			[]string{`<img class="mw-graphviz-image" style="max-width:100%;height:auto" src="data:image/svg+xml;base64,`, `alt="A graph"`}, []string{"<svg"}},
		{"caption", `<graphviz caption="Fig. 1 &lt;a&gt;">digraph { a }</graphviz>`,
			[]string{`<div class="mw-graphviz-caption">Fig. 1 &lt;a&gt;</div>`}, nil},
		{"text around", "Before <graphviz>digraph { a }</graphviz> after.", []string{"Before", "after.", "<svg"}, nil},
		{"valid after invalid", "<graphviz>digraph { ] }</graphviz><graphviz>digraph { ok }</graphviz>",
			[]string{"not valid DOT", ">ok</text>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Parse(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
			for _, w := range append(tt.notWant, forbidden...) {
				if strings.Contains(got, w) {
					t.Errorf("Parse(%q) = %q, must not contain %q", tt.src, got, w)
				}
			}
			if strings.Count(got, "<svg") != strings.Count(got, "</svg>") {
				t.Errorf("Parse(%q) = %q: unbalanced <svg>", tt.src, got)
			}
		})
	}
}

func TestImageFormatIsSafe(t *testing.T) {
	got := parse(t, `<graphviz format="image">digraph { a [URL="javascript:x()"] ; a -> b }</graphviz>`)
	m := regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)"`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no data URI in %q", got)
	}
	svg, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), ">b</text>") || strings.Contains(string(svg), "javascript") {
		t.Errorf("embedded SVG = %q", svg)
	}
}

func TestLimits(t *testing.T) {
	big := "digraph { " + strings.Repeat("n -> m; ", 20) + "}"
	tests := []struct {
		name string
		opts []graphviz.Option
		src  string
		want string
	}{
		{"size", []graphviz.Option{graphviz.WithMaxSize(50)}, big, "larger than 50 bytes"},
		{"nodes", []graphviz.Option{graphviz.WithLimits(3, 100)}, "digraph { a; b; c; d }", "more than 3 nodes"},
		{"edges", []graphviz.Option{graphviz.WithLimits(100, 2)}, "digraph { a -> b -> c -> d }", "more than 2 edges"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, "<graphviz>"+tt.src+"</graphviz>", tt.opts...)
			if !strings.Contains(got, "mw-graphviz-error") || !strings.Contains(got, tt.want) {
				t.Errorf("Parse(%q) = %q, want an error box with %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	// With no time at all the in-process engine gives up at once (a slow
	// graph is stopped by a worker: TestWorkerTimeout). The graph is tiny
	// so that the engine is free again right away.
	got := parse(t, "<graphviz>digraph { quick }</graphviz>", graphviz.WithTimeout(1))
	if !strings.Contains(got, "mw-graphviz-error") {
		t.Errorf("got %q, want a timeout error box", got)
	}
}

func TestPageBudget(t *testing.T) {
	src := "<graphviz>digraph { one }</graphviz><graphviz>digraph { two }</graphviz>"
	got := parse(t, src, graphviz.WithPageBudget(0))
	if strings.Count(got, "has spent its time for laying out graphs") != 2 {
		t.Errorf("Parse(%q) with no page budget = %q, want two error boxes", src, got)
	}
}

func TestCache(t *testing.T) {
	p := wikitext.New(wikitext.WithExtensions(graphviz.New()))
	h := wikitexttest.NewHost()
	src := "<graphviz>digraph { cached -> again }</graphviz>"
	var first string
	for i := range 3 {
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "T"}, Host: h})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = out.HTML
		} else if out.HTML != first {
			t.Errorf("render %d differs from the first", i)
		}
	}
}
