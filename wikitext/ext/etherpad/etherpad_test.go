package etherpad_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/etherpad"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden converts recorded Etherpad exports and compares the wikitext
// with testdata/*.wiki.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no exports in testdata: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := etherpad.ConvertString(string(in))
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".html") + ".wiki"
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got+"\n" != string(want) {
				t.Errorf("Convert(%s) =\n%s\nwant\n%s", f, got, want)
			}
		})
	}
}

// TestRendered renders the converted meeting notes and checks that the
// pad's structure survives and its markup-like text stays text.
func TestRendered(t *testing.T) {
	in, err := os.ReadFile("testdata/meeting.html")
	if err != nil {
		t.Fatal(err)
	}
	text, err := etherpad.ConvertString(string(in))
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, text)
	for _, w := range []string{
		`<h2><span class="mw-headline" id="Team_meeting">Team meeting</span>`,
		`id="Attendees"`, `<ul><li><b>Ann</b> (chair)</li>`,
		`<li>Cy
<ul><li>remote, via <a rel="nofollow" class="external text" href="https://meet.example.org/room?id=7&amp;pw=x">the video room</a></li>`,
		`<ol><li>Ship the <u>release</u> on Friday</li>`, `<s>old</s>`, `<i><b>migration</b></i>`,
		`[[Not a link]], {{not a template}}, ''quotes'', ~~~~, __TOC__ and &lt;b&gt;tags&lt;/b&gt; &amp;amp;`,
		`* a line that starts with a star`, `= and one with an equals sign`, "Last line with a bad link.",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("rendered page lacks %s\n%s", w, out)
		}
	}
	for _, w := range []string{"<pre>", "javascript:", `<a href="/wiki/Not_a_link"`, `id="toc"`} {
		if strings.Contains(out, w) {
			t.Errorf("rendered page has %s\n%s", w, out)
		}
	}
}

func render(t testing.TB, text string) string {
	t.Helper()
	p := wikitext.New()
	out, err := p.Parse(context.Background(), text, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Pad"}, Host: wikitexttest.NewHost()})
	if err != nil {
		t.Fatal(err)
	}
	return out.HTML
}

func TestConvert(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain lines", "a<br>b<br><br><br>c", "a\n\nb\n\nc"},
		{"heading levels", "<h1>A</h1><h2>B</h2><h6>F</h6>", "== A ==\n\n=== B ===\n\n====== F ======"},
		{"heading ending in equals", "<h1>a =</h1>", "== a =<nowiki/> =="},
		{"empty formats", "<b></b>x<i> </i>y", "x y"},
		{"nested bold", "<b>a<b>b</b></b>", "'''ab'''"},
		{"indent", `<ul class="indent"><li>x</li><ul class="indent"><li>y</li></ul></ul>`, ": x\n:: y"},
		{"link without text", `<a href="http://x.org/a b"></a>`, "[http://x.org/a%20b]"},
		{"link with brackets", `<a href="http://x.org/">a ] b [[c]]</a>`, "[http://x.org/ a &#93; b <nowiki>[[</nowiki>c&#93;&#93;]"},
		{"single bracket", `[http://x.org y]`, "&#91;http://x.org y]"},
		{"entity-like", `&amp;lt; & x`, "&amp;lt; & x"},
		{"control chars", "a\x7fb\x00c", "abc"},
		{"table", "<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"hr", "a<hr>b", "a\n\n----\n\nb"},
		{"four dashes", "----", "<nowiki/>----"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := etherpad.ConvertString(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ConvertString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDeepNesting(t *testing.T) {
	in := strings.Repeat("<ul><li>x", 5000) + strings.Repeat("</li></ul>", 5000)
	start := time.Now()
	// Either converted or refused with an error (the HTML parser limits
	// its stack), but fast and without a crash.
	if _, err := etherpad.ConvertString(in); err != nil {
		t.Logf("ConvertString: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("deep nesting took %s", d)
	}
}

func FuzzConvert(f *testing.F) {
	for _, name := range []string{"meeting", "nested"} {
		b, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(`<b>'</b>''<i>'x'</i><a href="http://a/">]]</a>`)
	f.Fuzz(func(t *testing.T, in string) {
		got, err := etherpad.ConvertString(in)
		if err != nil {
			return
		}
		if strings.Contains(got, "\x7f") {
			t.Errorf("ConvertString(%q) kept a DEL character", in)
		}
		// Converting never produces raw HTML tags beyond the allowed
		// formatting ones, and never a leading space (a <pre> line).
		for _, line := range strings.Split(got, "\n") {
			if strings.HasPrefix(line, " ") {
				t.Errorf("ConvertString(%q) has a line starting with a space: %q", in, line)
			}
		}
		if strings.Contains(strings.ToLower(got), "<script") {
			t.Errorf("ConvertString(%q) = %q has a script tag", in, got)
		}
		// Text never turns into wiki links, templates or preformatted
		// blocks: those need markup the converter escapes.
		html := render(t, got)
		for _, bad := range []string{`href="/wiki/`, "redlink=1", "<pre>", "Template:"} {
			if strings.Contains(html, bad) {
				t.Errorf("ConvertString(%q) = %q renders with %s:\n%s", in, got, bad, html)
			}
		}
	})
}
