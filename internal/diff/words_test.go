package diff_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio/internal/diff"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"hello", []string{"hello"}},
		{"hello, world!", []string{"hello", ",", " ", "world", "!"}},
		{"a  \tb", []string{"a", "  \t", "b"}},
		{"snake_case x2", []string{"snake_case", " ", "x2"}},
		{"naïve café", []string{"naïve", " ", "café"}},
		{"e\u0301t\u00e9", []string{"e\u0301t\u00e9"}},
		{"Привет мир", []string{"Привет", " ", "мир"}},
		{"日本語です", []string{"日", "本", "語", "で", "す"}},
		{"wiki日本", []string{"wiki", "日", "本"}},
		{"[[Link|text]]", []string{"[", "[", "Link", "|", "text", "]", "]"}},
		{"a🙂b", []string{"a", "🙂", "b"}},
		{"\xffa", []string{"\xff", "a"}},
	}
	for _, tt := range tests {
		got := diff.Tokens(tt.in)
		if !cmp.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	type S = diff.Span
	tests := []struct {
		name             string
		old, new         string
		wantOld, wantNew []diff.Span
	}{
		{"both empty", "", "", nil, nil},
		{"identical", "same text", "same text", []S{{"same text", false}}, []S{{"same text", false}}},
		{"old empty", "", "new", nil, []S{{"new", true}}},
		{"new empty", "old", "", []S{{"old", true}}, nil},
		{"one word", "the quick fox", "the slow fox",
			[]S{{"the ", false}, {"quick", true}, {" fox", false}},
			[]S{{"the ", false}, {"slow", true}, {" fox", false}}},
		{"phrase joins spaces", "a big red dog", "a small blue dog",
			[]S{{"a ", false}, {"big red", true}, {" dog", false}},
			[]S{{"a ", false}, {"small blue", true}, {" dog", false}}},
		{"insertion", "a dog", "a red dog",
			[]S{{"a dog", false}},
			[]S{{"a ", false}, {"red ", true}, {"dog", false}}},
		{"punctuation", "Hello, world", "Hello; world",
			[]S{{"Hello", false}, {",", true}, {" world", false}},
			[]S{{"Hello", false}, {";", true}, {" world", false}}},
		{"cjk", "日本語", "日本人",
			[]S{{"日本", false}, {"語", true}},
			[]S{{"日本", false}, {"人", true}}},
		{"all changed", "abc", "xyz", []S{{"abc", true}}, []S{{"xyz", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotOld, gotNew := diff.Words(tt.old, tt.new)
			if d := cmp.Diff(tt.wantOld, gotOld); d != "" {
				t.Errorf("Words(%q, %q) old spans (-want +got):\n%s", tt.old, tt.new, d)
			}
			if d := cmp.Diff(tt.wantNew, gotNew); d != "" {
				t.Errorf("Words(%q, %q) new spans (-want +got):\n%s", tt.old, tt.new, d)
			}
		})
	}
}

func FuzzWords(f *testing.F) {
	f.Add("the quick fox", "the slow fox")
	f.Add("日本語", "日本人")
	f.Fuzz(func(t *testing.T, a, b string) {
		oldSpans, newSpans := diff.Words(a, b)
		checkSpans(t, a, oldSpans)
		checkSpans(t, b, newSpans)
	})
}

func checkSpans(t *testing.T, line string, spans []diff.Span) {
	t.Helper()
	var sb strings.Builder
	for i, s := range spans {
		if s.Text == "" || (i > 0 && spans[i-1].Changed == s.Changed) {
			t.Fatalf("spans %+v are not minimal", spans)
		}
		sb.WriteString(s.Text)
	}
	if sb.String() != line {
		t.Fatalf("spans join to %q, want %q", sb.String(), line)
	}
}
