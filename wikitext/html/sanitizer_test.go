package html_test

import (
	"testing"

	"github.com/folio-wiki/folio/wikitext/html"
)

func TestRemoveHTMLTags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>x</b>", "<b>x</b>"},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{`<span onclick="x" class="c">y</span>`, `<span class="c">y</span>`},
		{`<div style="width:expression(1)">`, `<div style="/* insecure input */">`},
		{"<br>", "<br />"},
		{"a > b", "a &gt; b"},
		{`<a href="http://x">`, "&lt;a href=\"http://x\"&gt;"},
		{`<div title="[[x]]">`, `<div title="&#91;&#91;x&#93;&#93;">`},
		{`<p data-x="1" data-mw="2">`, `<p data-x="1">`},
	}
	for _, tt := range tests {
		if got := html.RemoveHTMLTags(tt.in); got != tt.want {
			t.Errorf("RemoveHTMLTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeCharReferences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a & b", "a &amp; b"},
		{"&nbsp;", "&#160;"},
		{"&amp;&lt;", "&amp;&lt;"},
		{"&foo;", "&amp;foo;"},
		{"&#x1F;", "&amp;#x1F;"},
		{"&#X41;", "&#x41;"},
	}
	for _, tt := range tests {
		if got := html.NormalizeCharReferences(tt.in); got != tt.want {
			t.Errorf("NormalizeCharReferences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<table><tr><td>x</td></tr></table>", "<table><tbody><tr><td>x</td></tr></tbody></table>"},
		{"<b>x", "<p><b>x</b></p>"},
		{"x</i>y", "<p>xy</p>"},
		{"a <div>b</div>", "<p>a </p><div>b</div>"},
		{"<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"},
		{"<p>\n</p>", `<p class="mw-empty-elt">` + "\n</p>"},
		{"<pre>\nx</pre>", "<pre>x</pre>"},
		{"<p>test : 1</p>", "<p>test&#160;: 1</p>"},
	}
	for _, tt := range tests {
		if got := html.Tidy(tt.in); got != tt.want {
			t.Errorf("Tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeID(t *testing.T) {
	tests := []struct {
		in   string
		mode html.FragmentMode
		want string
	}{
		{"Hello world", html.FragmentLegacy, "Hello_world"},
		{"Héllo", html.FragmentLegacy, "H.C3.A9llo"},
		{"a:b~c", html.FragmentLegacy, "a:b.7Ec"},
		{"Héllo world", html.FragmentHTML5, "Héllo_world"},
	}
	for _, tt := range tests {
		if got := html.EscapeID(tt.in, tt.mode); got != tt.want {
			t.Errorf("EscapeID(%q, %v) = %q, want %q", tt.in, tt.mode, got, tt.want)
		}
	}
}
