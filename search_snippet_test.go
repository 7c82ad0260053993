package folio_test

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestSearchMatchHTML(t *testing.T) {
	tests := []struct {
		name, text string
		terms      []string
		want       string
	}{
		{"plain", "Hello world", []string{"world"}, `Hello <span class="searchmatch">world</span>`},
		{"case", "HELLO hello", []string{"hello"}, `<span class="searchmatch">HELLO</span> <span class="searchmatch">hello</span>`},
		{"escaped", "<script>alert(1)</script> x", []string{"script"},
			`&lt;<span class="searchmatch">script</span>&gt;alert(1)&lt;/<span class="searchmatch">script</span>&gt; x`},
		{"no match inside entities", "a < b", []string{"lt"}, `a &lt; b`},
		{"longest first", "alphabet", []string{"alpha", "alphabet"}, `<span class="searchmatch">alphabet</span>`},
		{"no terms", "<b>", nil, `&lt;b&gt;`},
		{"quotes", `"it's"`, []string{"it"}, `&quot;<span class="searchmatch">it</span>&#039;s&quot;`},
		{"unicode", "Straße STRASSE", []string{"straße"}, `<span class="searchmatch">Straße</span> STRASSE`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := folio.SearchMatchHTML(tt.text, tt.terms); got != tt.want {
				t.Errorf("SearchMatchHTML(%q, %q) = %q, want %q", tt.text, tt.terms, got, tt.want)
			}
		})
	}
}

func FuzzSearchMatchHTML(f *testing.F) {
	f.Add("a <b> & c", "b")
	f.Fuzz(func(t *testing.T, text, query string) {
		out := folio.SearchMatchHTML(text, folio.SearchTerms(query))
		for _, bad := range []string{"<script", "<b>"} {
			if strings.Contains(out, bad) {
				t.Errorf("unescaped %q in %q", bad, out)
			}
		}
	})
}
