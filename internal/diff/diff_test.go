package diff_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio/internal/diff"
)

// checkScript verifies that edits is a well-formed script from a to b:
// contiguous, covering both sequences, with matching Equal runs, no two
// adjacent edits of the same Op, and each Op consistent with its ranges.
func checkScript(t *testing.T, a, b []string, edits []diff.Edit) {
	t.Helper()
	i, j := 0, 0
	var got []string
	for n, e := range edits {
		if e.A0 != i || e.B0 != j || e.A1 < e.A0 || e.B1 < e.B0 {
			t.Fatalf("edit %d = %+v does not continue at (%d,%d)", n, e, i, j)
		}
		if n > 0 && edits[n-1].Op == e.Op {
			t.Fatalf("edits %d and %d both have op %v", n-1, n, e.Op)
		}
		if want := opFor(e); e.Op != want {
			t.Fatalf("edit %d = %+v has op %v, want %v", n, e, e.Op, want)
		}
		if e.Op == diff.Equal {
			if !slices.Equal(a[e.A0:e.A1], b[e.B0:e.B1]) {
				t.Fatalf("equal edit %d = %+v covers different lines", n, e)
			}
			got = append(got, a[e.A0:e.A1]...)
		} else {
			got = append(got, b[e.B0:e.B1]...)
		}
		i, j = e.A1, e.B1
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("script ends at (%d,%d), want (%d,%d)", i, j, len(a), len(b))
	}
	if !slices.Equal(got, b) {
		t.Fatalf("applying the script gives %q, want %q", got, b)
	}
}

func opFor(e diff.Edit) diff.Op {
	switch {
	case e.A0 == e.A1 && e.B0 == e.B1:
		return -1
	case e.A0 == e.A1:
		return diff.Insert
	case e.B0 == e.B1:
		return diff.Delete
	}
	if e.Op == diff.Equal {
		return diff.Equal
	}
	return diff.Replace
}

func split(s string) []string { return diff.SplitLines(s) }

func TestLines(t *testing.T) {
	type E = diff.Edit
	tests := []struct {
		name string
		a, b string
		want []diff.Edit
	}{
		{"both empty", "", "", nil},
		{"old empty", "", "a\nb", []E{{diff.Insert, 0, 0, 0, 2}}},
		{"new empty", "a\nb", "", []E{{diff.Delete, 0, 2, 0, 0}}},
		{"identical", "a\nb\nc", "a\nb\nc", []E{{diff.Equal, 0, 3, 0, 3}}},
		{"all changed", "a\nb", "c\nd\ne", []E{{diff.Replace, 0, 2, 0, 3}}},
		{"insert middle", "a\nc", "a\nb\nc", []E{
			{diff.Equal, 0, 1, 0, 1}, {diff.Insert, 1, 1, 1, 2}, {diff.Equal, 1, 2, 2, 3}}},
		{"delete end", "a\nb\nc", "a\nb", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Delete, 2, 3, 2, 2}}},
		{"replace one", "a\nb\nc", "a\nB\nc", []E{
			{diff.Equal, 0, 1, 0, 1}, {diff.Replace, 1, 2, 1, 2}, {diff.Equal, 2, 3, 2, 3}}},
		{"adjacent edits", "a\nb\nc\nd", "a\nB\nC\nd", []E{
			{diff.Equal, 0, 1, 0, 1}, {diff.Replace, 1, 3, 1, 3}, {diff.Equal, 3, 4, 3, 4}}},
		{"trailing newline added", "a\nb", "a\nb\n", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Insert, 2, 2, 2, 3}}},
		{"unicode", "héllo\n世界\n🙂", "héllo\n世间\n🙂", []E{
			{diff.Equal, 0, 1, 0, 1}, {diff.Replace, 1, 2, 1, 2}, {diff.Equal, 2, 3, 2, 3}}},
		{"move", "a\nb\nc\nd", "c\nd\na\nb", []E{
			{diff.Delete, 0, 2, 0, 0}, {diff.Equal, 2, 4, 0, 2}, {diff.Insert, 4, 4, 2, 4}}},
		{"paragraph added with its blank line", "A\n\nC", "A\n\nB\n\nC", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Insert, 2, 2, 2, 4}, {diff.Equal, 2, 3, 4, 5}}},
		{"paragraph removed with its blank line", "A\n\nB\n\nC", "A\n\nC", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Delete, 2, 4, 2, 2}, {diff.Equal, 4, 5, 2, 3}}},
		{"duplicate slides down", "a\nb\nc", "a\nb\na\nb\nc", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Insert, 2, 2, 2, 4}, {diff.Equal, 2, 3, 4, 5}}},
		{"repeated lines", "x\nx\nx", "x\nx", []E{
			{diff.Equal, 0, 2, 0, 2}, {diff.Delete, 2, 3, 2, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := split(tt.a), split(tt.b)
			got := diff.Lines(a, b)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Lines(%q, %q) mismatch (-want +got):\n%s", tt.a, tt.b, d)
			}
			checkScript(t, a, b, got)
		})
	}
}

// TestLinesMinimal checks that ordinary inputs get a shortest edit script,
// by comparing with a quadratic LCS.
func TestLinesMinimal(t *testing.T) {
	tests := [][2]string{
		{"abcabba", "cbabac"},
		{"xaxbxcx", "axbxcxa"},
		{"the quick brown fox", "the slow brown cat"},
		{"aaaabbbb", "bbbbaaaa"},
		{"abcdefgh", "hgfedcba"},
	}
	for _, tt := range tests {
		a, b := strings.Split(tt[0], ""), strings.Split(tt[1], "")
		edits := diff.Lines(a, b)
		checkScript(t, a, b, edits)
		same := sameLines(edits)
		if want := lcs(a, b); same != want {
			t.Errorf("Lines(%q, %q) keeps %d lines, want %d", tt[0], tt[1], same, want)
		}
	}
}

func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestStats(t *testing.T) {
	tests := []struct {
		name           string
		a, b           string
		added, removed int
	}{
		{"empty", "", "", 0, 0},
		{"identical", "a\nb", "a\nb", 0, 0},
		{"add", "a", "a\nb\nc", 2, 0},
		{"remove", "a\nb\nc", "c", 0, 2},
		{"replace", "a\nb", "a\nc", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			added, removed := diff.Stats(tt.a, tt.b)
			if added != tt.added || removed != tt.removed {
				t.Errorf("Stats(%q, %q) = %d, %d, want %d, %d", tt.a, tt.b, added, removed, tt.added, tt.removed)
			}
		})
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\n", []string{"a", ""}},
		{"\n", []string{"", ""}},
		{"a\nb", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := diff.SplitLines(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("SplitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// bigText returns n lines whose content depends on seed.
func bigText(n int, seed string) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("%s line %d with some filler text to make it about fifty bytes", seed, i)
	}
	return lines
}

// scrambled returns n lines drawn from a tiny alphabet, so that there are
// many candidate matches and no unique lines to discard.
func scrambled(n int, seed uint32) []string {
	lines := make([]string, n)
	for i := range lines {
		seed = seed*1664525 + 1013904223
		lines[i] = string(rune('a' + seed>>30))
	}
	return lines
}

// TestLinesLargeInputsFinish checks the cost guard: large texts with
// nothing or little in common finish quickly and still give a valid script.
func TestLinesLargeInputsFinish(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs are skipped in -short mode")
	}
	// Under the race detector each step costs ten times more: smaller
	// inputs still cross the cost guard. Speed itself is measured by
	// BenchmarkLines; the budget below only catches a runaway search.
	n, scr := 20000, 300000
	if raceEnabled {
		n, scr = 6000, 4000
	}
	tests := []struct {
		name     string
		a, b     []string
		wantSame int // unchanged lines of a minimal script, or -1 to skip
	}{
		{"nothing in common", bigText(n, "old"), bigText(n, "new"), 0},
		{"scrambled", scrambled(scr, 1), scrambled(scr, 2), -1},
		{"every third line changed", bigText(n, "x"), everyThird(bigText(n, "x")), n - (n+2)/3},
		{"pairs swapped", bigText(n, "x"), swapPairs(bigText(n, "x")), -1},
		{"long insertion", bigText(n, "x"), append(bigText(5000, "y"), bigText(n, "x")...), n},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			edits := diff.Lines(tt.a, tt.b)
			if d := time.Since(start); d > time.Minute {
				t.Errorf("Lines took %v", d)
			}
			checkScript(t, tt.a, tt.b, edits)
			if same := sameLines(edits); tt.wantSame >= 0 && same != tt.wantSame {
				t.Errorf("Lines kept %d lines, want %d", same, tt.wantSame)
			}
		})
	}
}

func sameLines(edits []diff.Edit) int {
	same := 0
	for _, e := range edits {
		if e.Op == diff.Equal {
			same += e.A1 - e.A0
		}
	}
	return same
}

// swapPairs swaps lines i and i+1 for every i divisible by 3.
func swapPairs(lines []string) []string {
	out := append([]string(nil), lines...)
	for i := 0; i+1 < len(out); i += 3 {
		out[i], out[i+1] = out[i+1], out[i]
	}
	return out
}

func everyThird(lines []string) []string {
	out := append([]string(nil), lines...)
	for i := 0; i < len(out); i += 3 {
		out[i] = "changed " + out[i]
	}
	return out
}

func FuzzLines(f *testing.F) {
	f.Add("a\nb\nc", "a\nc\nd")
	f.Add("", "x")
	f.Add("x\ny\n", "y\nx\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		la, lb := split(a), split(b)
		checkScript(t, la, lb, diff.Lines(la, lb))
	})
}

func BenchmarkLines(b *testing.B) {
	benches := []struct {
		name   string
		ta, tb []string
	}{
		{"sparse-edits-20k", bigText(20000, "x"), everyThird(bigText(20000, "x"))},
		{"nothing-in-common-1MB", bigText(20000, "old"), bigText(20000, "new")},
		{"scrambled-600k", scrambled(300000, 1), scrambled(300000, 2)},
		{"pairs-swapped-20k", bigText(20000, "x"), swapPairs(bigText(20000, "x"))},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				diff.Lines(bb.ta, bb.tb)
			}
		})
	}
}
