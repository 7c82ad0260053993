package wikitest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/wikitest"
	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/ext/poem"
	"github.com/folio-wiki/folio/wikitext/ext/syntaxhighlight"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// corpusFiles are the dumps of ../shared/corpus (see its README).
var corpusFiles = []string{"ltgwiki-2017-pages-articles.xml", "enwiki-2016-pages-articles-slice.xml.bz2"}

// Time budgets of TestCorpusRender: per page and per dump (race detector
// builds are about ten times slower).
var (
	pageBudget = 20 * time.Second
	dumpBudget = 4 * time.Minute
)

func corpusDir(t *testing.T) string {
	d := os.Getenv("FOLIO_TEST_CORPUS")
	if d == "" {
		_, file, _, _ := runtime.Caller(0)
		d = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(d, corpusFiles[0])); err != nil {
		t.Skipf("corpus not found in %s (set FOLIO_TEST_CORPUS): %v", d, err)
	}
	return d
}

func readDump(t *testing.T, dir, name string) *wikitest.Dump {
	t.Helper()
	d, err := wikitest.ReadDump(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// dumpHost holds every page of the dump under its own namespace names, so
// that templates resolve as on the wiki the dump came from.
func dumpHost(t *testing.T, d *wikitest.Dump) *wikitexttest.Host {
	h := wikitexttest.NewHost()
	h.Clock = time.Date(2017, 9, 1, 12, 0, 0, 0, time.UTC)
	h.Site.Name = d.SiteName
	h.SetNamespaces(d.Namespaces)
	for _, p := range d.Pages {
		tt, err := h.ParseTitle(p.Title, 0)
		if err != nil {
			t.Logf("dump title %q: %v", p.Title, err)
			continue
		}
		h.SetPageTitle(tt, p.Text)
	}
	return h
}

// TestCorpusRender renders every wikitext page of the corpus with its own
// templates: no error, no panic, each page and each dump within its time
// budget. The race detector makes rendering about ten times slower, so
// under -race only every tenth page is rendered and the budgets are not
// checked; CI runs the whole test without -race as well.
func TestCorpusRender(t *testing.T) {
	dir := corpusDir(t)
	step := 1
	if raceEnabled {
		step = 10
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New(), poem.New(), syntaxhighlight.New()))
	for _, name := range corpusFiles {
		t.Run(name, func(t *testing.T) {
			d := readDump(t, dir, name)
			h := dumpHost(t, d)
			start := time.Now()
			var pages, bytes, errs int
			var slowest time.Duration
			slowTitle := ""
			for i, pg := range d.Pages {
				if pg.Model != "wikitext" || i%step != 0 {
					continue
				}
				tt, err := h.ParseTitle(pg.Title, 0)
				if err != nil {
					continue
				}
				took, err := renderPage(p, h, tt, pg.Text)
				pages++
				bytes += len(pg.Text)
				if err != nil {
					errs++
					t.Errorf("%s: %v", pg.Title, err)
				}
				if took > slowest {
					slowest, slowTitle = took, pg.Title
				}
				if took > pageBudget && !raceEnabled {
					t.Errorf("%s took %v, over the budget of %v", pg.Title, took, pageBudget)
				}
			}
			total := time.Since(start)
			t.Logf("corpus %s: %d pages (%d KB) rendered in %v, %d errors, slowest %v (%s)",
				name, pages, bytes/1024, total.Round(time.Millisecond), errs, slowest.Round(time.Millisecond), slowTitle)
			if total > dumpBudget && !raceEnabled {
				t.Errorf("rendering %s took %v, over the budget of %v", name, total, dumpBudget)
			}
		})
	}
}

// renderPage parses one page, turning a panic into an error.
func renderPage(p *wikitext.Parser, h wikitext.Host, tt wikitext.Title, text string) (took time.Duration, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*pageBudget)
	defer cancel()
	start := time.Now()
	defer func() {
		took = time.Since(start)
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	_, err = p.Parse(ctx, text, wikitext.ParseOptions{Title: tt, Host: h})
	return time.Since(start), err
}

// TestCorpusDifferential renders the corpus articles with Folio and with a
// reference MediaWiki (FOLIO_TEST_MEDIAWIKI_URL, e.g. http://127.0.0.1:8081
// from ../shared/peers/mediawiki/setup.sh), normalises both as the parser
// test runner does and logs the similarity per page and the constructs
// that differ most. Folio is configured like the peer: its site, its
// namespaces and interwiki table, its pages and its extensions. It
// measures; it fails only when Folio or the peer fails to render.
// FOLIO_TEST_CORPUS_LIMIT caps the pages per dump (default 150, 0 for
// all); FOLIO_TEST_CORPUS_REPORT names a TSV file for the per-page figures;
// FOLIO_TEST_CORPUS_PAGE limits the run to one title and logs each of its
// differences.
func TestCorpusDifferential(t *testing.T) {
	base := os.Getenv("FOLIO_TEST_MEDIAWIKI_URL")
	if base == "" {
		t.Skip("FOLIO_TEST_MEDIAWIKI_URL not set: no MediaWiki peer to compare with")
	}
	dir := corpusDir(t)
	ctx := context.Background()
	peer, err := wikitest.NewPeer(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	peer.CacheDir = filepath.Join(os.TempDir(), "folio-corpus-differential")
	site, err := peer.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h, p := peerHost(site)
	limit := 150
	if v, err := strconv.Atoi(os.Getenv("FOLIO_TEST_CORPUS_LIMIT")); err == nil {
		limit = v
	}
	var rows []simRow
	byPage := map[string][]wikitest.Difference{}
	for _, name := range corpusFiles {
		d := readDump(t, dir, name)
		n := 0
		for _, pg := range d.Pages {
			if pg.Namespace != 0 || pg.Redirect || pg.Model != "wikitext" || (limit > 0 && n >= limit) {
				continue
			}
			if only := os.Getenv("FOLIO_TEST_CORPUS_PAGE"); only != "" && pg.Title != only {
				continue
			}
			n++
			row, diffs := comparePage(ctx, t, peer, p, h, name, pg)
			rows = append(rows, row)
			byPage[name+": "+pg.Title] = diffs
			if os.Getenv("FOLIO_TEST_CORPUS_PAGE") != "" {
				for _, d := range diffs {
					t.Logf("%s\n  MediaWiki: %q\n  Folio:     %q", d.Construct, d.Want, d.Got)
				}
			}
		}
	}
	reportDifferential(t, rows, byPage, site)
}

type simRow struct {
	dump, title string
	similarity  float64
	diffs       int
}

// peerHost builds a host and parser that match the peer's configuration.
func peerHost(s *wikitest.PeerSite) (*wikitexttest.Host, *wikitext.Parser) {
	h := wikitexttest.NewHost()
	h.Clock = time.Now().UTC()
	h.Site.Name, h.Site.Server, h.Site.Script, h.Site.ArticlePath = s.Name, s.Server, s.Script, s.ArticlePath
	h.Site.Language = s.Language
	h.Site.InterlanguagePrefixes = s.Interlanguage
	h.Interwiki, h.LocalInterwiki = s.Interwiki, s.LocalInterwiki
	h.SetNamespaces(s.Namespaces)
	for _, title := range s.Pages {
		_ = h.SetPage(title, "")
	}
	var exts []wikitext.Extender
	if s.Extensions["ParserFunctions"] {
		exts = append(exts, parserfunctions.New())
	}
	if s.Extensions["Cite"] {
		exts = append(exts, cite.New())
	}
	if s.Extensions["Poem"] {
		exts = append(exts, poem.New())
	}
	if s.Extensions["SyntaxHighlight"] {
		exts = append(exts, syntaxhighlight.New())
	}
	// MediaWiki 1.39's defaults differ from its parser tests' settings:
	// $wgFragmentMode is html5 ids with legacy fallback anchors, and
	// $wgEnableMagicLinks turns ISBN, PMID and RFC links off.
	return h, wikitext.New(wikitext.WithExtensions(exts...), wikitext.WithEditSections(false),
		wikitext.WithFragmentMode(html.FragmentHTML5, true), wikitext.WithMagicLinks(false, false, false))
}

func comparePage(ctx context.Context, t *testing.T, peer *wikitest.Peer, p *wikitext.Parser, h *wikitexttest.Host,
	dump string, pg wikitest.DumpPage) (simRow, []wikitest.Difference) {
	tt, err := h.ParseTitle(pg.Title, 0)
	if err != nil {
		t.Errorf("%s: %v", pg.Title, err)
		return simRow{dump: dump, title: pg.Title}, nil
	}
	out, err := p.Parse(ctx, pg.Text, wikitext.ParseOptions{Title: tt, Host: h})
	if err != nil {
		t.Errorf("%s: Folio: %v", pg.Title, err)
		return simRow{dump: dump, title: pg.Title}, nil
	}
	want, err := peer.Parse(ctx, pg.Title, pg.Text)
	if err != nil {
		t.Errorf("%s: MediaWiki: %v", pg.Title, err)
		return simRow{dump: dump, title: pg.Title}, nil
	}
	sim, diffs := wikitest.Compare(wikitest.NormalizeHTML(want), wikitest.NormalizeHTML(out.HTML))
	return simRow{dump: dump, title: pg.Title, similarity: sim, diffs: len(diffs)}, diffs
}

func reportDifferential(t *testing.T, rows []simRow, byPage map[string][]wikitest.Difference, site *wikitest.PeerSite) {
	if len(rows) == 0 {
		t.Fatal("no pages compared")
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].similarity < rows[j].similarity })
	sum, identical := 0.0, 0
	for _, r := range rows {
		sum += r.similarity
		if r.diffs == 0 {
			identical++
		}
	}
	exts := make([]string, 0, len(site.Extensions))
	for e := range site.Extensions {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	t.Logf("corpus differential against %s (extensions: %s): %d pages, %d identical, mean similarity %.1f%%, median %.1f%%, lowest %.1f%%",
		site.Name, strings.Join(exts, ", "), len(rows), identical, 100*sum/float64(len(rows)),
		100*rows[len(rows)/2].similarity, 100*rows[0].similarity)
	for _, r := range rows[:min(10, len(rows))] {
		t.Logf("  low: %5.1f%% %4d runs  %s: %s", 100*r.similarity, r.diffs, r.dump, r.title)
	}
	for i, c := range wikitest.TopConstructs(byPage, 15) {
		t.Logf("  #%d %s: differs on %d pages (%d runs); e.g. %s\n      MediaWiki: %q\n      Folio:     %q",
			i+1, c.Construct, c.Pages, c.Runs, c.ExamplePage, c.Example.Want, c.Example.Got)
	}
	if path := os.Getenv("FOLIO_TEST_CORPUS_REPORT"); path != "" {
		var b strings.Builder
		b.WriteString("dump\ttitle\tsimilarity\truns\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "%s\t%s\t%.4f\t%d\n", r.dump, r.title, r.similarity, r.diffs)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
