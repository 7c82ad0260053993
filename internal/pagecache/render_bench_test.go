package pagecache_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// BenchmarkRenderArticle renders the benchmark article of bench/cache.sh
// without any cache: FOLIO_BENCH_ARTICLE names a directory holding
// Bench_Article.wiki and tpl/<Template name>.wiki.
func BenchmarkRenderArticle(b *testing.B) {
	dir := os.Getenv("FOLIO_BENCH_ARTICLE")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_ARTICLE (bench/cache.sh does) to render the benchmark article")
	}
	text, err := os.ReadFile(filepath.Join(dir, "Bench_Article.wiki"))
	if err != nil {
		b.Fatal(err)
	}
	e := MustOpenEnv(b)
	tpls, _ := filepath.Glob(filepath.Join(dir, "tpl", "*.wiki"))
	for _, f := range tpls {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		e.edit("Template:"+strings.TrimSuffix(filepath.Base(f), ".wiki"), string(src))
	}
	ns := e.wiki.Namespaces
	r := &render.Renderer{Store: e.store, Namespaces: ns, SiteName: "Bench"}
	title := ns.MakeTitle(folio.NSMain, "Bench_Article")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(context.Background(), title, string(text), render.Options{RevID: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
