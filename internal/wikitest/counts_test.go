package wikitest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio/internal/wikitest"
)

// TestCounts checks the reader against the counts.json shipped with the
// corpus.
func TestCounts(t *testing.T) {
	dir := wikitest.MustCorpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "counts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files []struct {
			File                    string `json:"file"`
			Tests                   int    `json:"tests"`
			Legacy                  int    `json:"legacy"`
			LegacyEnabled           int    `json:"legacy_enabled"`
			LegacyEnabledPlain      int    `json:"legacy_enabled_plain"`
			HasParsoidHTML          int    `json:"has_parsoid_html"`
			ParsoidOnly             int    `json:"parsoid_only"`
			Disabled                int    `json:"disabled"`
			Articles                int    `json:"articles"`
			LegacyEnabledWithOpts   int    `json:"legacy_enabled_with_opts"`
			LegacyEnabledWithConfig int    `json:"legacy_enabled_with_config"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range doc.Files {
		t.Run(want.File, func(t *testing.T) {
			f, err := wikitest.ReadFile(filepath.Join(dir, want.File), want.File)
			if err != nil {
				t.Fatal(err)
			}
			got := f.Count()
			w := wikitest.Counts{
				Tests: want.Tests, Legacy: want.Legacy, LegacyEnabled: want.LegacyEnabled,
				LegacyEnabledPlain: want.LegacyEnabledPlain, HasParsoidHTML: want.HasParsoidHTML,
				ParsoidOnly: want.ParsoidOnly, Disabled: want.Disabled, Articles: want.Articles,
				LegacyEnabledWithOpts: want.LegacyEnabledWithOpts, LegacyEnabledWithConfig: want.LegacyEnabledWithConfig,
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("Count(%s) mismatch (-want +got):\n%s", want.File, diff)
			}
		})
	}
}
