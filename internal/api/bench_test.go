package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// benchText is about 30 KB of wikitext with headings, links and lists,
// the size of the peer's benchmark article.
func benchText() string {
	var b strings.Builder
	for i := 0; b.Len() < 30_000; i++ {
		fmt.Fprintf(&b, "== Section %d ==\nSome '''bold''' and ''italic'' text with a [[Dump page %04d|link]].\n* item one\n* item two\n\n", i, i)
	}
	return b.String()
}

// BenchmarkQueryRevisions measures the API read of the peer's baseline:
// prop=revisions with the content of a 30 KB page, formatversion 2.
func BenchmarkQueryRevisions(b *testing.B) {
	env := MustStart(b, MustOpenSQLite(b))
	env.MustEdit("Bench Article", benchText(), nil)
	url := env.URL + "/api.php?action=query&prop=revisions&rvprop=content&rvslots=main&titles=Bench_Article&format=json&formatversion=2"
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if n < 30_000 {
			b.Fatalf("response has %d bytes, want the whole page", n)
		}
	}
}

// BenchmarkParseText measures action=parse of the 30 KB text by POST.
func BenchmarkParseText(b *testing.B) {
	env := MustStart(b, MustOpenSQLite(b))
	text := benchText()
	c := env.NewClient()
	b.ResetTimer()
	for b.Loop() {
		r := c.Post(P("action", "parse", "text", text, "title", "Bench Article", "contentmodel", "wikitext", "format", "json"))
		if Path(r.JSON, "parse", "text") == nil {
			b.Fatalf("parse failed: %.200s", r.Body)
		}
	}
}
