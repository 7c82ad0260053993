package wikitext_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/preprocess"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

var fuzzSeeds = []string{
	"", "a", "''a'''b'''''c", "== h ==\n* a\n*# b\n; c : d", "{|\n|a||b\n|-\n!c\n|}",
	"[[a|b]]c [http://x y] http://z.org.", "<nowiki>[[x]]</nowiki><pre>''</pre>",
	"{{a|b={{{c|d}}}}}", "{{#if:x|{{#switch:a|a=1|2}}|{{#expr:1+2*3}}}}",
	`<span onclick="x" style="width:expression(1)">y</span><script>alert(1)</script>`,
	"<div><b><i>x</div></b>", "{{{{{{x}}}}}}", "[[[[[[x]]]]]]", "<!--x", "-----\n ",
}

// corpusSeeds returns wikitext from the parser tests, when present.
func corpusSeeds(max int) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "conformance", "mediawiki", "core", "parserTests.txt"))
	if err != nil {
		return nil
	}
	var out []string
	for _, part := range bytes.Split(data, []byte("\n!! wikitext\n"))[1:] {
		if i := bytes.Index(part, []byte("\n!! ")); i >= 0 {
			out = append(out, string(part[:i]))
		}
		if len(out) >= max {
			break
		}
	}
	return out
}

var (
	tagRegex  = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9]*((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*/?>`)
	attrRegex = regexp.MustCompile(`\s+([^\s=>/"]+)(?:="([^"]*)")?`)
)

// checkSafe fails when the output contains a script element, an event
// handler attribute or a javascript: URL.
func checkSafe(t *testing.T, src, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("Parse(%q) produced a script element: %q", src, out)
	}
	for _, m := range tagRegex.FindAllStringSubmatch(out, -1) {
		for _, a := range attrRegex.FindAllStringSubmatch(m[1], -1) {
			name := strings.ToLower(a[1])
			if strings.HasPrefix(name, "on") {
				t.Fatalf("Parse(%q) produced event handler %q in %q", src, name, m[0])
			}
			v := strings.ToLower(strings.TrimSpace(a[2]))
			if (name == "href" || name == "src") && strings.HasPrefix(v, "javascript:") {
				t.Fatalf("Parse(%q) produced javascript URL in %q", src, m[0])
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range append(fuzzSeeds, corpusSeeds(300)...) {
		f.Add(s)
	}
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New()))
	h := wikitexttest.NewHost()
	_ = h.SetPage("Template:T", "{{{1|x}}}<noinclude>n</noinclude>{{T}}")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		start := time.Now()
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Fuzz"}, Host: h})
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if d := time.Since(start); d > budget(2*time.Second) {
			t.Fatalf("Parse(%q) took %v", src, d)
		}
		if len(out.HTML) > 400*len(src)+1<<16 {
			t.Fatalf("Parse(%q) output is %d bytes", src, len(out.HTML))
		}
		checkSafe(t, src, out.HTML)
	})
}

func FuzzPreprocess(f *testing.F) {
	for _, s := range append(fuzzSeeds, corpusSeeds(300)...) {
		f.Add(s)
	}
	h := wikitexttest.NewHost()
	_ = h.SetPage("Template:T", "{{{1|x}}}<onlyinclude>{{T|{{{1}}}}}</onlyinclude>")
	reg := preprocess.NewRegistry()
	_ = reg.AddTag("nowiki", func(*preprocess.Frame, string, string, *string) string { return "" })
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		for _, incl := range []bool{false, true} {
			nodes := preprocess.Build(src, []string{"nowiki", "ref"}, incl)
			_ = nodes
		}
		e := preprocess.NewExpander(context.Background(), h, wikitext.Title{DBKey: "Fuzz"}, reg,
			func(kind, name, html string) string { return "\x7f" })
		out := e.ExpandPage(src)
		if len(out) > 1<<24 {
			t.Fatalf("ExpandPage(%q) output is %d bytes", src, len(out))
		}
	})
}
