package graphviz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

const svgHead = `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">`

func TestSanitizeSVG(t *testing.T) {
	link := func(s string) (string, bool) { return "/wiki/" + strings.ReplaceAll(s, " ", "_"), true }
	tests := []struct {
		name, in, want string
	}{
		{"plain", svgHead + `<g class="node"><title>a</title><text x="1">a</text></g></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g class="node"><title>a</title><text x="1">a</text></g></svg>`},
		{"script dropped", svgHead + `<script>alert(1)</script><g/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g></g></svg>`},
		{"event handler dropped", svgHead + `<g onload="alert(1)" onclick="x()"/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g></g></svg>`},
		{"foreignObject dropped", svgHead + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"></svg>`},
		{"javascript link", svgHead + `<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a><text>x</text></a></svg>`},
		{"obfuscated javascript", svgHead + `<a href="java&#9;script:alert(1)"/><a href=" JAVASCRIPT:x"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a></a><a></a></svg>`},
		{"https link", svgHead + `<a xlink:href="https://example.org/?a=1&amp;b=2" target="_blank"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a href="https://example.org/?a=1&amp;b=2" target="_blank"></a></svg>`},
		{"bad target", svgHead + `<a href="/x" target="evil"/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a href="/x"></a></svg>`},
		{"wiki link", svgHead + `<a href="[[Main Page]]"/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a href="/wiki/Main_Page"></a></svg>`},
		{"protocol-relative and data", svgHead + `<a href="//evil.example/"/><a href="data:text/html,x"/><a href="mailto:a@b"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><a></a><a></a><a></a></svg>`},
		{"href on other elements", svgHead + `<g xlink:href="https://x.example/"/><use href="#a"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g></g></svg>`},
		{"foreign paint", svgHead + `<path fill="url(https://evil.example/#x)" stroke="url(#grad)" d="M0"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><path stroke="url(#p-grad)" d="M0"></path></svg>`},
		{"style and image dropped", svgHead + `<g style="background:url(x)"/><image xlink:href="/etc/passwd"/><style>*{}</style></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g></g></svg>`},
		{"ids prefixed", svgHead + `<g id="content"/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g id="p-content"></g></svg>`},
		{"text escaped", svgHead + `<text>&lt;script&gt;&amp;&#127;"'</text></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><text>&lt;script&gt;&amp;&#127;&quot;&#39;</text></svg>`},
		{"newlines removed", svgHead + "<g>\n<text>a\nb</text>\n</g></svg>",
			`<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><g><text>a b</text></g></svg>`},
		{"foreign namespace", svgHead + `<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"></svg>`},
		{"nested svg dropped", svgHead + `<svg><script>x</script></svg></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"></svg>`},
		{"trailing element dropped", svgHead + `</svg><script>x</script>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10pt"></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sanitizeSVG([]byte(tt.in), "p-", link)
			if tt.want == "" {
				if err == nil {
					t.Errorf("sanitizeSVG(%q) = %q, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("sanitizeSVG(%q) =\n %q, %v\nwant\n %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestSanitizeSVGErrors(t *testing.T) {
	for _, in := range []string{"", "<html/>", "<svg><g></svg>", "not xml", strings.Repeat("<svg>", 300)} {
		if got, err := sanitizeSVG([]byte(in), "", nil); err == nil {
			t.Errorf("sanitizeSVG(%q) = %q, want an error", in, got)
		}
	}
}

// FuzzSanitizeSVG checks that whatever the input, the output holds only
// allowlisted elements and attributes, no script URL, and is stable when
// sanitised again.
func FuzzSanitizeSVG(f *testing.F) {
	f.Add(svgHead + `<g><a xlink:href="javascript:x"><text>a</text></a></g></svg>`)
	f.Add(svgHead + `<script>alert(1)</script><path fill="url(#a)" d="M0"/></svg>`)
	f.Add(`<svg><foreignObject><body onload="x"/></foreignObject></svg>`)
	f.Fuzz(func(t *testing.T, in string) {
		out, err := sanitizeSVG([]byte(in), "", nil)
		if err != nil {
			return
		}
		checkAllowlisted(t, in, out)
		again, err := sanitizeSVG([]byte(out), "", nil)
		if err != nil || again != out {
			t.Fatalf("sanitizeSVG not stable:\n in  %q\n out %q\n again %q, %v", in, out, again, err)
		}
	})
}

func checkAllowlisted(t *testing.T, in, out string) {
	t.Helper()
	if strings.ContainsRune(out, '\x7f') {
		t.Fatalf("sanitizeSVG(%q) = %q holds a DEL", in, out)
	}
	d := xml.NewDecoder(bytes.NewReader([]byte(out)))
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("sanitizeSVG(%q) = %q, not well-formed: %v", in, out, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !svgElements[se.Name.Local] {
			t.Fatalf("sanitizeSVG(%q) = %q keeps <%s>", in, out, se.Name.Local)
		}
		for _, a := range se.Attr {
			n := a.Name.Local
			if !svgAttributes[n] && n != "xmlns" && n != "href" && n != "target" {
				t.Fatalf("sanitizeSVG(%q) = %q keeps attribute %s", in, out, n)
			}
			if n == "href" && !safeURL(a.Value) {
				t.Fatalf("sanitizeSVG(%q) = %q keeps href %q", in, out, a.Value)
			}
		}
	}
}
