package widgets_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/widgets"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func pageWidgetHost() *wikitexttest.Host {
	h := wikitexttest.NewHost()
	set := func(name, text string) {
		h.SetPageTitle(wikitext.Title{Namespace: widgets.NSWidget, DBKey: name}, text)
	}
	set("Greeting", `<noinclude>Shows a greeting.</noinclude><includeonly><div class="greet" onclick="steal()">Hello, <!--{$name}-->! {{{mood|fine}}} <b><!--{$name|escape:'url'}--></b></div></includeonly>`)
	set("Player", `<iframe src="https://player.example.org/embed/<!--{$id|escape:'url'}-->" width="<!--{$width}-->" height="300" onload="x()" allowfullscreen></iframe>`)
	set("Evil", `<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)><iframe src="https://evil.example.com/"></iframe><iframe src="http://player.example.org/"></iframe><span style="background:url(javascript:alert(4))">s</span>`)
	set("Sub", `<iframe src="https://a.videos.example.net/v"></iframe>`)
	set("Nested", `<div title='<iframe src="https://player.example.org/">'>t</div>`)
	return h
}

// TestPageWidgets checks that widget pages are rendered with escaped
// parameters and sanitised: no script, no event handler, no javascript:
// URL, iframes only to allowed https hosts.
func TestPageWidgets(t *testing.T) {
	h := pageWidgetHost()
	p := wikitext.New(wikitext.WithExtensions(widgets.New(widgets.WithPageWidgets("player.example.org", "*.videos.example.net"))))
	tests := []struct {
		name, src string
		want      []string
		dontWant  []string
	}{
		{"substitution", `{{#widget:Greeting|name=<b>Ann & "Bo"</b>|mood=great}}`,
			[]string{`<div class="greet">Hello, &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;! great <b>%3Cb%3EAnn+%26+%22Bo%22%3C%2Fb%3E</b></div>`},
			[]string{"onclick", "Shows a greeting", "<b>Ann"}},
		{"default value", `{{#widget:greeting|name=Cy}}`, []string{"Hello, Cy! fine"}, nil},
		{"allowed iframe", `{{#widget:Player|id=a b/c|width=640}}`,
			[]string{`<iframe class="mw-widget" src="https://player.example.org/embed/a+b%2Fc" width="640" height="300"`, `sandbox="` + widgets.Sandbox + `"`, `allowfullscreen=""`},
			[]string{"onload"}},
		{"bad size", `{{#widget:Player|id=x|width=9999}}`, []string{"Widget error"}, []string{"<iframe"}},
		{"subdomain wildcard", `{{#widget:Sub}}`, []string{`src="https://a.videos.example.net/v"`}, nil},
		{"hostile widget", `{{#widget:Evil}}`,
			[]string{"&lt;script&gt;", "evil.example.com", "player.example.org"},
			[]string{"<script", "<a ", "<img", "javascript:alert(4)", `src="https://evil`, `src="http://`}},
		{"iframe inside an attribute", `{{#widget:Nested}}`, []string{">t</div>"}, []string{"<iframe", "mw-widget"}},
		{"missing widget", `{{#widget:Nothing}}`, []string{`there is no widget called &quot;Nothing&quot;`}, nil},
		{"bad name", `{{#widget:a<b}}`, []string{"Widget error"}, nil},
		{"builtin still works", `{{#widget:Google Document|id=abcdefghij1234}}`, []string{"docs.google.com/document/d/abcdefghij1234"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := p.Parse(context.Background(), tt.src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("%s:\n%s\nlacks %s", tt.src, out.HTML, w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out.HTML, w) {
					t.Errorf("%s:\n%s\nhas %s", tt.src, out.HTML, w)
				}
			}
		})
	}
	out, _ := p.Parse(context.Background(), `{{#widget:Greeting|name=x}}`, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
	if len(out.Templates) != 1 || out.Templates[0] != (wikitext.Title{Namespace: widgets.NSWidget, DBKey: "Greeting"}) {
		t.Errorf("Templates = %v, want the widget page", out.Templates)
	}
	// Without the option, widget pages are not read.
	off := wikitext.New(wikitext.WithExtensions(widgets.New()))
	out, _ = off.Parse(context.Background(), `{{#widget:Greeting|name=x}}`, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
	if strings.Contains(out.HTML, "Hello") || !strings.Contains(out.HTML, "no widget called") {
		t.Errorf("without WithPageWidgets: %s", out.HTML)
	}
}

func FuzzPageWidget(f *testing.F) {
	f.Add(`<iframe src="https://player.example.org/<!--{$a}-->"></iframe>`, `"><script>`)
	f.Add(`<div {{{a}}}>x</div>`, `onclick=alert(1)`)
	f.Add(`<a href="<!--{$a}-->">`, `javascript:alert(1)`)
	f.Add(`<div title='<iframe src="https://player.example.org/">'>t</div>`, `x`)
	p := wikitext.New(wikitext.WithExtensions(widgets.New(widgets.WithPageWidgets("player.example.org"))))
	f.Fuzz(func(t *testing.T, text, value string) {
		h := wikitexttest.NewHost()
		h.SetPageTitle(wikitext.Title{Namespace: widgets.NSWidget, DBKey: "W"}, text)
		src := "{{#widget:W|a=" + strings.NewReplacer("|", "", "}", "", "{", "").Replace(value) + "}}"
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(out.HTML)
		tags := tagsOf(low) // event handlers matter inside tags, not in text
		for _, bad := range []string{"<script", "<a href=\"javascript", " onclick=", " onerror=", " onload=", "=\"<iframe", "='<iframe"} {
			in := low
			if strings.HasPrefix(bad, " on") {
				in = tags
			}
			if strings.Contains(in, bad) {
				t.Errorf("widget %q with %q gives %s", text, value, out.HTML)
			}
		}
	})
}

// tagsOf returns the tags of an HTML text, from each "<" to the next ">",
// without the text between them.
func tagsOf(html string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			return b.String()
		}
		j := strings.IndexByte(html[i:], '>')
		if j < 0 {
			b.WriteString(html[i:])
			return b.String()
		}
		b.WriteString(html[i : i+j+1])
		html = html[i+j+1:]
	}
}
