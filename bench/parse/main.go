// Command parse times Folio's wikitext engine on one article: it loads
// templates from a directory (one <Template name>.wiki file each), parses
// the article RUNS times and prints the median milliseconds per parse, as
// bench/parse.sh reads it.
//
//	go run ./bench/parse -article Bench_Article.wiki -templates tpl/ -runs 50
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func main() {
	article := flag.String("article", "", "wikitext file to parse")
	templates := flag.String("templates", "", "directory of <Template name>.wiki files")
	runs := flag.Int("runs", 50, "timed parses (after 5 warm-up parses)")
	htmlOut := flag.String("html", "", "write the article's HTML to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile to this file at the end")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed parses to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "parse:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "parse:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 4096
	}
	if err := run(*article, *templates, *runs, *htmlOut); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "parse:", err)
		}
	}
}

func run(article, templates string, runs int, htmlOut string) error {
	src, err := os.ReadFile(article)
	if err != nil {
		return err
	}
	h := wikitexttest.NewHost()
	if templates != "" {
		files, err := filepath.Glob(filepath.Join(templates, "*.wiki"))
		if err != nil {
			return err
		}
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			name := "Template:" + strings.TrimSuffix(filepath.Base(f), ".wiki")
			if err := h.SetPage(name, string(text)); err != nil {
				return fmt.Errorf("set %s: %w", name, err)
			}
		}
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	opts := wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Bench_Article"}, Host: h}
	var times []time.Duration
	var outLen int
	var ms0, ms1 runtime.MemStats
	var cpu0 time.Duration
	for i := -5; i < runs; i++ {
		start := time.Now()
		out, err := p.Parse(context.Background(), string(src), opts)
		if err != nil {
			return err
		}
		if i >= 0 {
			times = append(times, time.Since(start))
		}
		if i == -1 {
			runtime.ReadMemStats(&ms0)
			cpu0 = cpuTime()
		}
		outLen = len(out.HTML)
		if i == -5 && htmlOut != "" {
			if err := os.WriteFile(htmlOut, []byte(out.HTML), 0o644); err != nil {
				return err
			}
		}
	}
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&ms1)
	slices.Sort(times)
	med := times[len(times)/2]
	fmt.Printf("folio_ms %.3f\nfolio_min_ms %.3f\nfolio_cpu_ms %.3f\nbytes %d\nhtml_bytes %d\nallocs_per_parse %d\nbytes_per_parse %d\n",
		ms(med), ms(times[0]), ms(cpu/time.Duration(runs)), len(src), outLen,
		(ms1.Mallocs-ms0.Mallocs)/uint64(runs), (ms1.TotalAlloc-ms0.TotalAlloc)/uint64(runs))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime returns the process's user and system CPU time, which is steadier
// than wall time on a busy machine (it includes the garbage collector's
// work on other threads).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
