package diff_test

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio/internal/diff"
)

func TestMerge3(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		wantOK             bool
	}{
		{"all empty", "", "", "", "", true},
		{"nothing changed", "a\nb\n", "a\nb\n", "a\nb\n", "a\nb\n", true},
		{"only ours", "a\nb\n", "a\nB\n", "a\nb\n", "a\nB\n", true},
		{"only theirs", "a\nb\n", "a\nb\n", "A\nb\n", "A\nb\n", true},
		{"same change", "a\nb\n", "a\nX\n", "a\nX\n", "a\nX\n", true},
		{"separate changes", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", true},
		{"adjacent line changes", "a\nb\nc\n", "A\nb\nc\n", "a\nB\nc\n", "A\nB\nc\n", true},
		{"overlapping changes", "a\nb\nc\n", "a\nX\nc\n", "a\nY\nc\n", "a\nX\nc\n", false},
		{"change and delete", "a\nb\nc\n", "a\nX\nc\n", "a\nc\n", "a\nX\nc\n", false},
		{"same delete", "a\nb\nc\n", "a\nc\n", "a\nc\n", "a\nc\n", true},
		{"different inserts at one place", "a\nb\n", "a\nX\nb\n", "a\nY\nb\n", "a\nX\nb\n", false},
		{"same insert at one place", "a\nb\n", "a\nX\nb\n", "a\nX\nb\n", "a\nX\nb\n", true},
		{"insert before changed line", "a\nb\n", "a\nX\nb\n", "a\nB\n", "a\nX\nB\n", true},
		{"insert after changed line", "a\nb\n", "A\nX\nb\n", "a\nb\n", "A\nX\nb\n", true},
		{"insert after other's change", "a\nb\n", "a\nb\nX\n", "a\nB\n", "a\nB\nX\n", true},
		{"both append", "a\n", "a\nX\n", "a\nY\n", "a\nX\n", false},
		{"from empty base same", "", "x", "x", "x", true},
		{"from empty base different", "", "x", "y", "x", false},
		{"ours empties", "a\nb\n", "", "a\nb\n", "", true},
		{"no trailing newline kept", "a\nb", "A\nb", "a\nb", "A\nb", true},
		{"trailing newline added by ours", "a\nb\nc", "a\nb\nc\n", "A\nb\nc", "A\nb\nc\n", true},
		{"trailing newline conflict", "a\nb", "a\nb\n", "a\nB", "a\nb\n", false},
		{"unterminated change and append", "\n", "\n0", "0", "\n0", false},
		{"append to text without newline", "x\na", "x\na\nb", "X\na", "X\na\nb", true},
		{"unicode", "α\nβ\nγ\nδ\n", "α\nΒ\nγ\nδ\n", "α\nβ\nγ\nΔ\n", "α\nΒ\nγ\nΔ\n", true},
		{"crlf lines", "a\r\nb\r\nc\r\n", "A\r\nb\r\nc\r\n", "a\r\nb\r\nC\r\n", "A\r\nb\r\nC\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := diff.Merge3(tt.base, tt.ours, tt.theirs)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Merge3(%q, %q, %q) = %q, %v, want %q, %v",
					tt.base, tt.ours, tt.theirs, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestMerge3KeepsDistantEdits merges edits at both ends of a long page.
func TestMerge3KeepsDistantEdits(t *testing.T) {
	base := strings.Join(bigText(5000, "p"), "\n") + "\n"
	ours := "intro\n" + base
	theirs := base + "outro\n"
	got, ok := diff.Merge3(base, ours, theirs)
	if want := "intro\n" + base + "outro\n"; !ok || got != want {
		t.Errorf("Merge3 of distant edits = %d bytes, %v, want %d bytes, true", len(got), ok, len(want))
	}
}

func FuzzMerge3(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n")
	f.Add("a\nb", "a\nb\n", "A\nb")
	f.Add("", "x\n", "y")
	f.Add("x\nx\nx\n", "x\nx\n", "x\ny\nx\nx\n")
	f.Fuzz(func(t *testing.T, base, ours, theirs string) {
		mustMerge(t, base, base, theirs, theirs)
		mustMerge(t, base, ours, base, ours)
		mustMerge(t, base, ours, ours, ours)
		got, ok := diff.Merge3(base, ours, theirs)
		swapped, swappedOK := diff.Merge3(base, theirs, ours)
		if ok != swappedOK || (ok && got != swapped) {
			t.Fatalf("Merge3 is not symmetric: %q, %v and %q, %v", got, ok, swapped, swappedOK)
		}
		if !ok && got != ours {
			t.Fatalf("Merge3 conflict returned %q, want ours %q", got, ours)
		}
		if ok {
			checkMergeKeeps(t, base, ours, theirs, got)
		}
	})
}

func mustMerge(t *testing.T, base, ours, theirs, want string) {
	t.Helper()
	if got, ok := diff.Merge3(base, ours, theirs); !ok || got != want {
		t.Fatalf("Merge3(%q, %q, %q) = %q, %v, want %q, true", base, ours, theirs, got, ok, want)
	}
}

// checkMergeKeeps checks that a clean merge keeps every line that either
// side added: the lines of ours missing from base appear in merged, and so
// do those of theirs.
func checkMergeKeeps(t *testing.T, base, ours, theirs, merged string) {
	t.Helper()
	inMerged := counts(merged)
	inBase := counts(base)
	for _, side := range []string{ours, theirs} {
		for line, n := range counts(side) {
			if n > inBase[line] && inMerged[line] < n-inBase[line] {
				t.Fatalf("Merge3(%q, %q, %q) = %q lost line %q", base, ours, theirs, merged, line)
			}
		}
	}
}

func counts(text string) map[string]int {
	m := make(map[string]int)
	for _, l := range strings.SplitAfter(text, "\n") {
		if l != "" {
			m[l]++
		}
	}
	return m
}

func BenchmarkMerge3(b *testing.B) {
	base := strings.Join(bigText(20000, "x"), "\n")
	ours := strings.Join(everyThird(bigText(20000, "x")), "\n")
	theirs := base + "\nappended line"
	for b.Loop() {
		diff.Merge3(base, ours, theirs)
	}
}
