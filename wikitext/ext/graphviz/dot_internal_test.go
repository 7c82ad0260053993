package graphviz

import (
	"context"
	"strings"
	"testing"
	"time"
)

var validDOT = []string{
	"digraph { a -> b }",
	"graph G { a -- b -- c; d }",
	"strict digraph \"name\" { a -> b; a -> b }",
	"DiGraph { A -> B }",
	"digraph { node [shape=box, color=red]; edge [style=dashed]; graph [rankdir=LR] a -> b }",
	"digraph { rankdir = LR; a }",
	"digraph { a:n -> b:port1:sw }",
	"digraph { a -> { b c } -> d }",
	"digraph { subgraph cluster_x { label=\"X\"; a; b } a -> subgraph { c } }",
	"digraph { -1.5 -> .5 -> 2 }",
	"digraph { \"a b\" -> \"c\\\"d\" [label=\"multi\" + \"part\"] }",
	"digraph { a [label=<<b>bold</b><br/>x>] }",
	"digraph { a [label=\"x\"; color=\"blue\"] }",
	"// comment\ndigraph { /* block\ncomment */ a\n  # a comment line\n}",
	"# preprocessor line\ndigraph { a }",
	"digraph { a [label=\"line\\\ncontinued\"] }",
	"digraph { é -> ü }",
	"digraph { a [URL=\"https://example.org/\" tooltip=\"t\"] }",
	"graph { a -- b [weight=2] [color=red] }",
	"digraph { {rank=same; a b} }",
}

func TestCheckDOT(t *testing.T) {
	for _, src := range validDOT {
		if err := checkDOT(src); err != nil {
			t.Errorf("checkDOT(%q) = %v, want nil", src, err)
		}
	}
	invalid := []struct{ src, want string }{
		{"", "a graph starts with graph or digraph"},
		{"hello", "a graph starts with graph or digraph"},
		{"digraph { a -> }", "line 1: an edge must end at a node"},
		{"digraph {\n a -> b\n ] }", "line 3: unexpected ']'"},
		{"digraph { a -- b }", "use -> for edges in a digraph"},
		{"graph { a -> b }", "use -- for edges in an undirected graph"},
		{"digraph { a", "missing '}'"},
		{"digraph { a } digraph { b }", "only one graph is allowed"},
		{"digraph { a [label=\"x] }", "a quoted string is not closed"},
		{"digraph { a [label=<x] }", "an HTML label <…> is not closed"},
		{"digraph { /* a }", "a /* comment is not closed"},
		{"digraph { a [color] }", "expected '='"},
		{"digraph { a [image=\"/etc/passwd\"] }", "the attribute image is not allowed"},
		{"digraph { a [\"im\" + \"age\"=\"/etc/passwd\"] }", "the attribute image is not allowed"},
		{"digraph { imagepath=\"/etc\" }", "the attribute imagepath is not allowed"},
		{"digraph { node [shapefile=\"x\"] }", "the attribute shapefile is not allowed"},
		{"digraph { a [label=<<IMG SRC=\"x\"/>>] }", "not allowed in HTML labels"},
		{"digraph { a ; ; }", "unexpected ';'"},
		{"digraph { node a }", "expected '['"},
		{"digraph { a -> b \x00 }", "unexpected character (byte 00)"},
		{"digraph { a [label=\"a\" + b] }", "'+' must join two quoted strings"},
		{"digraph { a: -> b }", "expected a port name"},
		{"digraph {" + strings.Repeat("{", 100) + strings.Repeat("}", 100) + "}", "nested more than 64 deep"},
	}
	for _, tt := range invalid {
		err := checkDOT(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("checkDOT(%q) = %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
}

// TestCheckDOTAgreesWithGraphviz lays out every graph checkDOT accepts.
func TestCheckDOTAgreesWithGraphviz(t *testing.T) {
	lim := limits{maxNodes: 100, maxEdges: 100, timeout: 10 * time.Second}
	for _, src := range validDOT {
		if _, err := engine.render(context.Background(), "dot", src, lim); err != nil {
			t.Errorf("render(%q) = %v, want an SVG", src, err)
		}
	}
}

func FuzzCheckDOT(f *testing.F) {
	for _, s := range validDOT {
		f.Add(s)
	}
	f.Add("digraph { a -> }")
	f.Add("graph { \"unterminated }")
	f.Fuzz(func(t *testing.T, src string) {
		err := checkDOT(src)
		if err != nil && !strings.HasPrefix(err.Error(), "line ") {
			t.Fatalf("checkDOT(%q) = %v, want a line-numbered error", src, err)
		}
		if err == nil && strings.Contains(strings.ToLower(src), "image=") && !strings.Contains(src, "\"") {
			t.Fatalf("checkDOT(%q) accepted an image attribute", src)
		}
	})
}

// FuzzRender feeds any source through the checker and Graphviz and makes
// sure a valid graph still renders afterwards: no input may leave the
// shared Wasm module unusable.
func FuzzRender(f *testing.F) {
	for _, s := range validDOT {
		f.Add(s)
	}
	f.Add("digraph { a [label=<<b>x</i>>] }")
	f.Add("digraph { a [label=<<table><tr><td>x</td></tr>>] }")
	lim := limits{maxNodes: 50, maxEdges: 50, timeout: 5 * time.Second}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 {
			return
		}
		if checkDOT(src) == nil {
			_, _ = engine.render(context.Background(), "dot", src, lim)
		}
		svg, err := engine.render(context.Background(), "dot", "digraph { after }", lim)
		if err != nil || !strings.Contains(string(svg), ">after</text>") {
			t.Fatalf("after %q: render = %v", src, err)
		}
	})
}
