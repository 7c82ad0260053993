package diff_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio/internal/diff"
)

// Row builders for expected output.
func header(o, n int) string {
	return fmt.Sprintf("<tr>\n"+
		"  <td colspan=\"2\" class=\"diff-lineno\" id=\"mw-diff-left-l%d\">Line %d:</td>\n"+
		"  <td colspan=\"2\" class=\"diff-lineno\" id=\"mw-diff-right-l%d\">Line %d:</td>\n"+
		"</tr>\n", o, o, n, n)
}

func div(s string) string {
	if s == "" {
		return ""
	}
	return "<div>" + s + "</div>"
}

func context(s string) string {
	return "<tr>\n" +
		"  <td class=\"diff-marker\"></td>\n" +
		"  <td class=\"diff-context diff-side-deleted\">" + div(s) + "</td>\n" +
		"  <td class=\"diff-marker\"></td>\n" +
		"  <td class=\"diff-context diff-side-added\">" + div(s) + "</td>\n" +
		"</tr>\n"
}

func deleted(s string) string {
	return "<tr>\n" +
		"  <td class=\"diff-marker\" data-marker=\"−\"></td>\n" +
		"  <td class=\"diff-deletedline diff-side-deleted\">" + div(s) + "</td>\n" +
		"  <td colspan=\"2\" class=\"diff-empty diff-side-added\"></td>\n" +
		"</tr>\n"
}

func added(s string) string {
	return "<tr>\n" +
		"  <td colspan=\"2\" class=\"diff-empty diff-side-deleted\"></td>\n" +
		"  <td class=\"diff-marker\" data-marker=\"+\"></td>\n" +
		"  <td class=\"diff-addedline diff-side-added\">" + div(s) + "</td>\n" +
		"</tr>\n"
}

func changed(o, n string) string {
	return "<tr>\n" +
		"  <td class=\"diff-marker\" data-marker=\"−\"></td>\n" +
		"  <td class=\"diff-deletedline diff-side-deleted\">" + div(o) + "</td>\n" +
		"  <td class=\"diff-marker\" data-marker=\"+\"></td>\n" +
		"  <td class=\"diff-addedline diff-side-added\">" + div(n) + "</td>\n" +
		"</tr>\n"
}

func del(s string) string { return `<del class="diffchange diffchange-inline">` + s + `</del>` }
func ins(s string) string { return `<ins class="diffchange diffchange-inline">` + s + `</ins>` }

func numbered(from, to int) string {
	var lines []string
	for i := from; i <= to; i++ {
		lines = append(lines, fmt.Sprint("line ", i))
	}
	return strings.Join(lines, "\n")
}

var tableTests = []struct {
	name     string
	old, new string
	opts     diff.Options
	want     string
}{
	{"both empty", "", "", diff.Options{}, ""},
	{"identical", "a\nb", "a\nb", diff.Options{}, ""},
	{"old empty", "", "a\nb", diff.Options{}, header(1, 1) + added("a") + added("b")},
	{"new empty", "a", "", diff.Options{}, header(1, 1) + deleted("a")},
	{"changed word", "x\nthe quick fox\ny", "x\nthe slow fox\ny", diff.Options{},
		header(1, 1) + context("x") +
			changed("the "+del("quick")+" fox", "the "+ins("slow")+" fox") + context("y")},
	{"escaping", "<b>&amp;</b>", `<i>"'</i>`, diff.Options{},
		header(1, 1) + changed("&lt;"+del("b")+"&gt;"+del("&amp;amp;")+"&lt;/"+del("b")+"&gt;",
			"&lt;"+ins("i")+"&gt;"+ins("&#34;&#39;")+"&lt;/"+ins("i")+"&gt;")},
	{"more new lines", "a\nb", "A\nB\nC", diff.Options{},
		header(1, 1) + changed(del("a"), ins("A")) + changed(del("b"), ins("B")) + added("C")},
	{"more old lines", "a\nb\nc", "A", diff.Options{},
		header(1, 1) + changed(del("a"), ins("A")) + deleted("b") + deleted("c")},
	{"trailing newline", "a\nb", "a\nb\n", diff.Options{},
		header(1, 1) + context("a") + context("b") + added("")},
	{"empty line changed", "a\n\nc", "a\nb\nc", diff.Options{},
		header(1, 1) + context("a") + changed("", ins("b")) + context("c")},
	{"context trimmed", numbered(1, 9), strings.Replace(numbered(1, 9), "line 5", "line five", 1), diff.Options{},
		header(3, 3) + context("line 3") + context("line 4") +
			changed("line "+del("5"), "line "+ins("five")) + context("line 6") + context("line 7")},
	{"two blocks", numbered(1, 12),
		strings.Replace(strings.Replace(numbered(1, 12), "line 2\n", "", 1), "line 11", "line eleven", 1),
		diff.Options{},
		header(1, 1) + context("line 1") + deleted("line 2") + context("line 3") + context("line 4") +
			header(9, 8) + context("line 9") + context("line 10") +
			changed("line "+del("11"), "line "+ins("eleven")) + context("line 12")},
	{"blocks joined when context meets", numbered(1, 7),
		strings.Replace(strings.Replace(numbered(1, 7), "line 1", "one", 1), "line 6", "six", 1),
		diff.Options{},
		header(1, 1) + changed(del("line 1"), ins("one")) + context("line 2") + context("line 3") +
			context("line 4") + context("line 5") + changed(del("line 6"), ins("six")) + context("line 7")},
	{"no context", numbered(1, 5), strings.Replace(numbered(1, 5), "line 3", "three", 1),
		diff.Options{Context: -1},
		header(3, 3) + changed(del("line 3"), ins("three"))},
	{"custom label and grouping", strings.Repeat("x\n", 1233) + "a", strings.Repeat("x\n", 1233) + "b",
		diff.Options{Context: -1, LineLabel: func(n int) string { return fmt.Sprintf("L<%d>", n) }},
		strings.ReplaceAll(header(1234, 1234), ">Line 1234:<", ">L&lt;1234&gt;<") + changed(del("a"), ins("b"))},
	{"unicode", "Grüße 世界", "Grüße 世间", diff.Options{},
		header(1, 1) + changed("Grüße 世"+del("界"), "Grüße 世"+ins("间"))},
}

func TestTable(t *testing.T) {
	for _, tt := range tableTests {
		t.Run(tt.name, func(t *testing.T) {
			got := diff.Table(tt.old, tt.new, tt.opts)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Table(%q, %q) mismatch (-want +got):\n%s", tt.old, tt.new, d)
			}
		})
	}
}

func TestTableDefaultLineLabel(t *testing.T) {
	old := strings.Repeat("x\n", 12344) + "a"
	got := diff.Table(old, strings.Repeat("x\n", 12344)+"b", diff.Options{})
	if !strings.Contains(got, ">Line 12,343:</td>") {
		t.Errorf("Table header = %q, want digit grouping in \"Line 12,343:\"", got[:200])
	}
}

// markup matches every tag and entity that Table itself writes.
var markup = regexp.MustCompile(`</?(tr|td|div|del|ins)( [a-z-]+="[^"<>]*")*>|&(lt|gt|amp|#34|#39);`)

func FuzzTable(f *testing.F) {
	f.Add("a\nb\nc", "a\nB\nc")
	f.Add("<script>", "</td>&amp;")
	f.Add("", "x\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		got := diff.Table(old, new, diff.Options{})
		if rest := markup.ReplaceAllString(got, ""); strings.ContainsAny(rest, "<>&") {
			t.Fatalf("Table(%q, %q) has unescaped text: %q", old, new, rest)
		}
		if (got == "") != slices.Equal(diff.SplitLines(old), diff.SplitLines(new)) {
			t.Fatalf("Table(%q, %q) = %q, empty only for equal lines", old, new, got)
		}
	})
}

func BenchmarkTable(b *testing.B) {
	benches := []struct {
		name     string
		old, new []string
	}{
		{"sparse-edits-20k", bigText(20000, "x"), everyThird(bigText(20000, "x"))},
		{"nothing-in-common-1MB", bigText(20000, "old"), bigText(20000, "new")},
	}
	for _, bb := range benches {
		old, new := strings.Join(bb.old, "\n"), strings.Join(bb.new, "\n")
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				diff.Table(old, new, diff.Options{})
			}
		})
	}
}
