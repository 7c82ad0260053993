package wikitest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// CorpusDir returns the parserTests directory: FOLIO_PARSERTESTS_DIR, or
// ../shared/conformance/mediawiki relative to the repository root.
func CorpusDir() string {
	if d := os.Getenv("FOLIO_PARSERTESTS_DIR"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	return filepath.Join(root, "..", "shared", "conformance", "mediawiki")
}

// MustCorpusDir returns CorpusDir, skipping the test when it is absent.
func MustCorpusDir(tb testing.TB) string {
	tb.Helper()
	d := CorpusDir()
	if _, err := os.Stat(filepath.Join(d, "counts.json")); err != nil {
		tb.Skipf("MediaWiki parser tests not found in %s (set FOLIO_PARSERTESTS_DIR): %v", d, err)
	}
	return d
}
