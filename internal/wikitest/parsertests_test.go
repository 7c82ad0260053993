package wikitest_test

import (
	"flag"
	"testing"

	"github.com/folio-wiki/folio/internal/wikitest"
)

var update = flag.Bool("update", false, "rewrite the known-failures files")

// TestParserTests runs MediaWiki's parser tests with the known-failures
// ratchet and logs the pass rate of each file.
func TestParserTests(t *testing.T) {
	dir := wikitest.MustCorpusDir(t)
	var total wikitest.Result
	for _, file := range wikitest.Files {
		t.Run(file, func(t *testing.T) {
			r := wikitest.RunFile(t, dir, file, *update)
			total.Passed += r.Passed
			total.Failed += r.Failed
			total.PlainPassed += r.PlainPassed
			total.PlainTotal += r.PlainTotal
			t.Logf("parsertests %s: %d passed, %d failed (plain: %d/%d)", file, r.Passed, r.Failed, r.PlainPassed, r.PlainTotal)
		})
	}
	t.Logf("parsertests total: %d passed, %d failed (plain: %d/%d)", total.Passed, total.Failed, total.PlainPassed, total.PlainTotal)
}
