package compat_test

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext/ext/compat"
)

// FuzzRender feeds untrusted JSON to the table renderer: it must never
// panic, and whatever it renders must be one balanced table with no
// markup from the data.
func FuzzRender(f *testing.F) {
	f.Add(radius, "")
	f.Add(`{"__compat":{"support":{"chrome":"mirror","chrome_android":"mirror"}}}`, "")
	f.Add(`{"__compat":{"support":{"x":[{"version_added":"<b>","notes":["<code>a","</code><code>"]}]}},"s":{"__compat":{}}}`, "s")
	f.Add(`{"__compat":null}`, "a.b")
	f.Add(`[]`, "")
	f.Fuzz(func(t *testing.T, data, sub string) {
		path := "css.properties.x"
		if sub != "" {
			path += "." + sub
		}
		h, err := compat.Render(path, compat.Feature{Path: "css.properties.x", JSON: []byte(data)})
		if err != nil {
			if compat.Kind(err) == "" {
				t.Fatalf("Render() error %v is not a *compat.Error", err)
			}
			return
		}
		for _, tag := range []string{"table", "tr", "td", "th", "code", "abbr", "sup", "a", "ol", "li", "span", "div"} {
			if o, c := strings.Count(h, "<"+tag+">")+strings.Count(h, "<"+tag+" "), strings.Count(h, "</"+tag+">"); o != c {
				t.Fatalf("%d <%s> and %d </%s> in %s", o, tag, c, tag, h)
			}
		}
		for _, bad := range []string{"<script", "<img", "<b>", "<iframe", "href=\"javascript"} {
			if strings.Contains(strings.ToLower(h), bad) {
				t.Fatalf("output contains %s: %s", bad, h)
			}
		}
	})
}
