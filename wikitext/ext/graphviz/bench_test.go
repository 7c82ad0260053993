package graphviz_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/graphviz"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// BenchmarkGraph measures one page with one small graph: from the cache,
// laid out in-process, and laid out by a worker process.
func BenchmarkGraph(b *testing.B) {
	cases := []struct {
		name   string
		opts   []graphviz.Option
		unique bool // a new graph each time, so the cache never hits
	}{
		{"cached", nil, false},
		{"in-process", []graphviz.Option{graphviz.WithCache(0, 0)}, true},
		{"worker", []graphviz.Option{graphviz.WithCache(0, 0), graphviz.WithWorker([]string{os.Args[0]}, 2)}, true},
	}
	h := wikitexttest.NewHost()
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			p := wikitext.New(wikitext.WithExtensions(graphviz.New(c.opts...)))
			for i := 0; b.Loop(); i++ {
				src := "<graphviz>digraph { Start -> Middle -> End; Start -> End }</graphviz>"
				if c.unique {
					src = fmt.Sprintf("<graphviz>digraph { Start -> Middle -> End; Start -> N%d }</graphviz>", i)
				}
				if _, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "B"}, Host: h}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
