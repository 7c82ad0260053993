package syntaxhighlight_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/syntaxhighlight"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

var update = flag.Bool("update", false, "rewrite the stylesheet served by the web interface")

func render(t *testing.T, src string) *wikitext.Output {
	t.Helper()
	p := wikitext.New(wikitext.WithExtensions(syntaxhighlight.New()))
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Code"}, Host: wikitexttest.NewHost()})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSyntaxHighlight(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		dontWant  []string
		category  string
	}{
		{"go block", "<syntaxhighlight lang=\"go\">\nfunc main() {}\n</syntaxhighlight>",
			[]string{`<div class="mw-highlight mw-highlight-lang-go mw-content-ltr" dir="ltr"><pre><span></span><span class="kd">func</span> <span class="nf">main</span>`},
			[]string{"style="}, ""},
		{"inline", "x <syntaxhighlight lang=\"python\" inline>print(1)</syntaxhighlight> y",
			[]string{`<code class="mw-highlight mw-highlight-lang-python mw-content-ltr" dir="ltr"><span class="nb">print</span>`}, []string{"<pre>"}, ""},
		{"line numbers from start", "<syntaxhighlight lang=\"text\" line start=\"9\">a\nb</syntaxhighlight>",
			[]string{`<span class="linenos"> 9</span>a` + "\n" + `<span class="linenos">10</span>b`}, nil, ""},
		{"highlighted lines", "<syntaxhighlight lang=\"text\" highlight=\"1,3-4\">a\nb\nc\nd\ne</syntaxhighlight>",
			[]string{`<span class="hll">a` + "\n</span>b\n" + `<span class="hll">c` + "\n</span>" + `<span class="hll">d` + "\n</span>e\n"}, nil, ""},
		{"unknown language", "<syntaxhighlight lang=\"nosuchlang\"><b>x</b> & y</syntaxhighlight>",
			[]string{`<div class="mw-highlight mw-content-ltr" dir="ltr"><pre>&lt;b&gt;x&lt;/b&gt; &amp; y</pre></div>`},
			nil, syntaxhighlight.ErrorCategory},
		{"source tag", "<source lang=\"c\">int x;</source>", []string{"mw-highlight-lang-c"}, nil, syntaxhighlight.SourceTagCategory},
		{"script cannot escape", "<syntaxhighlight lang=\"html\"></pre><script>alert(1)</script></syntaxhighlight>",
			[]string{"<span class=\"nt\">script</span>"}, []string{"<script"}, ""},
		{"bad attributes dropped", `<syntaxhighlight lang="go" onclick="x" style="color:red" class="c">x</syntaxhighlight>`,
			[]string{`class="c mw-highlight`, `style="color:red"`}, []string{"onclick"}, ""},
		{"lists keep code lines", "* <syntaxhighlight lang=\"text\">a\nb</syntaxhighlight>",
			[]string{"<li><div", "a\nb\n</pre></div></li>"}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, tc.src)
			for _, w := range tc.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, out.HTML)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(out.HTML, w) {
					t.Errorf("HTML has %q:\n%s", w, out.HTML)
				}
			}
			if tc.category != "" && !hasCategory(out, tc.category) {
				t.Errorf("categories %v lack %s", out.Categories, tc.category)
			}
		})
	}
}

func hasCategory(out *wikitext.Output, name string) bool {
	for _, c := range out.Categories {
		if c.Name == name {
			return true
		}
	}
	return false
}

func TestLimits(t *testing.T) {
	big := strings.Repeat("x = 1\n", syntaxhighlight.MaxLines+1)
	out := render(t, "<syntaxhighlight lang=\"python\">"+big+"</syntaxhighlight>")
	if strings.Contains(out.HTML, `class="n"`) || !hasCategory(out, syntaxhighlight.ErrorCategory) {
		t.Errorf("code over the line limit was highlighted or not tracked")
	}
}

// stylesheetPath is the copy of Stylesheet served by the web interface.
var stylesheetPath = filepath.Join("..", "..", "..", "internal", "web", "static", "syntaxhighlight.css")

// TestStylesheet checks that the served stylesheet is current; run with
// -update after changing the Chroma version or style.
func TestStylesheet(t *testing.T) {
	css := syntaxhighlight.Stylesheet()
	if !strings.Contains(css, ".mw-highlight .kd {") || strings.Contains(css, ".chroma") {
		t.Fatalf("unexpected stylesheet:\n%s", css)
	}
	if *update {
		if err := os.WriteFile(stylesheetPath, []byte(css), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(stylesheetPath)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", stylesheetPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != css {
		t.Errorf("%s is out of date; run go test -update ./wikitext/ext/syntaxhighlight/", stylesheetPath)
	}
}

func FuzzSyntaxHighlight(f *testing.F) {
	for _, s := range []string{"x", "<b>", "a\nb\n\n", "</pre>&amp;"} {
		f.Add(s, "go", "1,2-3")
	}
	p := wikitext.New(wikitext.WithExtensions(syntaxhighlight.New()))
	h := wikitexttest.NewHost()
	f.Fuzz(func(t *testing.T, code, lang, hl string) {
		if len(code) > 2000 {
			return
		}
		src := `{{#tag:syntaxhighlight|` + code + `|lang=` + lang + `|highlight=` + hl + `|line=1}}`
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "F"}, Host: h})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(out.HTML), "<script") {
			t.Fatalf("script element in output of %q", src)
		}
	})
}

// TestTimeBudget feeds input that makes a lexer slow: the block must end
// within its budget, uncoloured and tracked.
func TestTimeBudget(t *testing.T) {
	old := syntaxhighlight.BlockBudget
	syntaxhighlight.BlockBudget = 200 * time.Millisecond
	defer func() { syntaxhighlight.BlockBudget = old }()
	start := time.Now()
	code := strings.Repeat(`"'\`+"`"+`/*&lt;!--{{[[`, 5000)
	out := render(t, "<syntaxhighlight lang=\"antlr\">"+code+"</syntaxhighlight>")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if !hasCategory(out, syntaxhighlight.ErrorCategory) || !strings.Contains(out.HTML, "<pre>\"'") {
		t.Errorf("slow block not shown plain and tracked: %.300s", out.HTML)
	}
}
