package wikitext_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func mustParse(t *testing.T, src string) *wikitext.Output {
	t.Helper()
	h := wikitexttest.NewHost()
	if err := h.SetPage("Exists", "x"); err != nil {
		t.Fatal(err)
	}
	p := wikitext.New()
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{
		Title: wikitext.Title{DBKey: "Parser_test"}, Host: h,
	})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return out
}

func body(out *wikitext.Output) string {
	s := strings.TrimPrefix(out.HTML, `<div class="mw-parser-output">`)
	return strings.TrimSpace(strings.TrimSuffix(s, "</div>"))
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "Hello world", "<p>Hello world\n</p>"},
		{"two paragraphs", "a\n\nb", "<p>a\n</p><p>b\n</p>"},
		{"bold italic", "'''b''' ''i'' '''''bi'''''", "<p><b>b</b> <i>i</i> <i><b>bi</b></i>\n</p>"},
		{"heading", "== Hi ==", `<h2><span class="mw-headline" id="Hi">Hi</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/index.php?title=Parser_test&amp;action=edit&amp;section=1" title="Edit section: Hi">edit</a><span class="mw-editsection-bracket">]</span></span></h2>`},
		{"list", "* a\n* b", "<ul><li>a</li>\n<li>b</li></ul>"},
		{"ordered nested", "# a\n## b", "<ol><li>a\n<ol><li>b</li></ol></li></ol>"},
		{"definition", "; t : d", "<dl><dt>t</dt>\n<dd>d</dd></dl>"},
		{"hr", "----", "<hr />"},
		{"blue link", "[[Exists]]", `<p><a href="/wiki/Exists" title="Exists">Exists</a>` + "\n</p>"},
		{"red link", "[[Missing|x]]", `<p><a href="/index.php?title=Missing&amp;action=edit&amp;redlink=1" class="new" title="Missing (page does not exist)">x</a>` + "\n</p>"},
		{"trail", "[[exists]]s", `<p><a href="/wiki/Exists" title="Exists">existss</a>` + "\n</p>"},
		{"fragment", "[[Exists#f]]", `<p><a href="/wiki/Exists#f" title="Exists">Exists#f</a>` + "\n</p>"},
		{"ext link", "[http://x.org y]", `<p><a rel="nofollow" class="external text" href="http://x.org">y</a>` + "\n</p>"},
		{"ext numbered", "[http://x.org]", `<p><a rel="nofollow" class="external autonumber" href="http://x.org">[1]</a>` + "\n</p>"},
		{"bare url", "see http://x.org.", `<p>see <a rel="nofollow" class="external free" href="http://x.org">http://x.org</a>.` + "\n</p>"},
		{"nowiki", "<nowiki>''x''</nowiki>", "<p>''x''\n</p>"},
		{"pre tag", "<pre>''x''</pre>", "<pre>''x''</pre>"},
		{"space pre", " code", "<pre>code\n</pre>"},
		{"comment", "a<!-- c -->b", "<p>ab\n</p>"},
		{"script escaped", "<script>x</script>", "<p>&lt;script&gt;x&lt;/script&gt;\n</p>"},
		{"bad attribute", `<span onclick="x" class="c">y</span>`, `<p><span class="c">y</span>` + "\n</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := body(mustParse(t, tt.src)); got != tt.want {
				t.Errorf("Parse(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestRedirect(t *testing.T) {
	tests := []struct {
		src, want string
		ok        bool
	}{
		{"#REDIRECT [[Foo]]", "Foo", true},
		{"#redirect:[[Foo bar#x]]", "Foo bar#x", true},
		{"  #Redirect [[Foo|bar]] text", "Foo", true},
		{"text #REDIRECT [[Foo]]", "", false},
		{"#REDIRECT Foo", "", false},
	}
	for _, tt := range tests {
		got, ok := wikitext.Redirect(tt.src)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Redirect(%q) = %q, %v, want %q, %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
}
