package wikitest

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// testHooks registers the tag hooks that MediaWiki's parser test runner
// provides: <tag> and <tåg> dump their input, <statictag> buffers text
// until <statictag action="flush"/>, <asidetag> outputs an <aside>.
type testHooks struct{}

// Extend implements wikitext.Extender.
func (testHooks) Extend(p *wikitext.Parser) {
	_ = p.AddTag("tag", dumpTag)
	_ = p.AddTag("tåg", dumpTag)
	_ = p.AddTag("statictag", staticTag)
	_ = p.AddTag("asidetag", func(*preprocess.Frame, string, string, *string) string {
		return "<aside>Some aside content</aside>"
	})
}

// dumpTag shows its content and attributes like PHP's var_export.
func dumpTag(f *preprocess.Frame, name, attrText string, content *string) string {
	var b strings.Builder
	b.WriteString("<pre>\n")
	if content == nil {
		b.WriteString("NULL")
	} else {
		b.WriteString(phpString(*content))
	}
	b.WriteString("\narray (\n")
	for _, a := range html.DecodeTagAttributes(attrText) {
		b.WriteString("  " + phpString(a.Name) + " => " + phpString(a.Value) + ",\n")
	}
	b.WriteString(")\n</pre>")
	return b.String()
}

func phpString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// staticTag buffers content per parse and prints it on action="flush".
func staticTag(f *preprocess.Frame, name, attrText string, content *string) string {
	data := f.Expander().Data
	attrs := html.DecodeTagAttributes(attrText)
	if v, _ := attrs.Get("action"); v == "flush" {
		out, _ := data["wikitest.static"].(string)
		data["wikitest.static"] = ""
		return out
	}
	if content != nil {
		prev, _ := data["wikitest.static"].(string)
		data["wikitest.static"] = prev + *content
	}
	return ""
}
