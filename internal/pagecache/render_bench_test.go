//go:build unix

package pagecache_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

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
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		if _, err := r.Render(context.Background(), title, string(text), render.Options{RevID: 1}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime(b)-start)/float64(n)/1e6, "cpu-ms/op")
}

// cpuTime returns the process's user and system CPU time.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
