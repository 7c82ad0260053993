package wikitext_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// budget scales a time budget by FOLIO_TEST_TIME_MULTIPLIER for slow
// machines.
func budget(d time.Duration) time.Duration {
	if m, err := strconv.ParseFloat(os.Getenv("FOLIO_TEST_TIME_MULTIPLIER"), 64); err == nil && m > 0 {
		return time.Duration(float64(d) * m)
	}
	return d
}

func pathologicalInputs() []struct{ name, src string } {
	var table strings.Builder
	table.WriteString("{|\n")
	for table.Len() < 1<<20 {
		table.WriteString("|-\n| cell || ''cell'' || [[link]]\n")
	}
	table.WriteString("|}\n")
	return []struct{ name, src string }{
		{"nested braces", strings.Repeat("{{", 10000) + "x" + strings.Repeat("}}", 10000)},
		{"unclosed braces", strings.Repeat("{{", 10000)},
		{"nested args", strings.Repeat("{{{", 5000)},
		{"link openers", strings.Repeat("[[", 50000)},
		{"links", strings.Repeat("[[a|b]]", 20000)},
		{"big table", table.String()},
		{"quote soup", strings.Repeat("'''''a''b'''", 20000)},
		{"tag soup", strings.Repeat("<b><i><div><table><tr><td>", 5000)},
		{"unclosed tags", strings.Repeat("<nowiki><pre><ref>", 5000)},
		{"comments", strings.Repeat("<!--", 20000)},
		{"list depth", strings.Repeat("*#:;", 5000) + " x"},
		{"headings", strings.Repeat("==a==\n", 5000)},
		{"ifs", strings.Repeat("{{#if:x|", 3000) + strings.Repeat("}}", 3000)},
	}
}

// TestPathological checks that hostile input finishes within a time
// budget and does not panic.
func TestPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("pathological inputs are slow; skipped with -short")
	}
	if raceEnabled {
		t.Skip("time budgets are meaningless under the race detector")
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New()))
	h := wikitexttest.NewHost()
	for _, tt := range pathologicalInputs() {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), budget(20*time.Second))
			defer cancel()
			out, err := p.Parse(ctx, tt.src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Test"}, Host: h})
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.name, err)
			}
			if d := time.Since(start); d > budget(10*time.Second) {
				t.Errorf("Parse(%s) took %v", tt.name, d)
			}
			if len(out.HTML) > 200*len(tt.src)+1<<16 {
				t.Errorf("Parse(%s) output is %d bytes for %d bytes of input", tt.name, len(out.HTML), len(tt.src))
			}
		})
	}
}
