package parser

import "testing"

func TestDoQuotes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"''i''", "<i>i</i>"},
		{"'''b'''", "<b>b</b>"},
		{"'''''bi'''''", "<i><b>bi</b></i>"},
		{"''''x''''", "'<b>x'</b>"},
		{"l'''amour''", "l'<i>amour</i>"},
		{"'''b ''bi'''", "<b>b <i>bi</i></b><i></i>"},
		{"no quotes", "no quotes"},
		{"''unclosed", "<i>unclosed</i>"},
	}
	for _, tt := range tests {
		if got := doQuotes(tt.in); got != tt.want {
			t.Errorf("doQuotes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindColonNoLinks(t *testing.T) {
	tests := []struct {
		in, before, after string
		ok                bool
	}{
		{"a : b", "a ", " b", true},
		{`<a href="http://x">y</a>: z`, `<a href="http://x">y</a>`, " z", true},
		{"<span>a:b</span>", "", "", false},
		{"none", "", "", false},
	}
	for _, tt := range tests {
		b, a, ok := findColonNoLinks(tt.in)
		if b != tt.before || a != tt.after || ok != tt.ok {
			t.Errorf("findColonNoLinks(%q) = %q, %q, %v, want %q, %q, %v", tt.in, b, a, ok, tt.before, tt.after, tt.ok)
		}
	}
}
