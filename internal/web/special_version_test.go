package web_test

import (
	"context"
	"html/template"
	"runtime"
	"strings"
	"testing"
)

// htmlText escapes s as html/template does in text: like HTML, and "+"
// too.
func htmlText(s string) string {
	return strings.ReplaceAll(template.HTMLEscapeString(s), "+", "&#43;")
}

func testVersion(t *testing.T, f *specialFixture) {
	name, version, err := f.env.Store.Backend(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f.run(t, []scenario{
		{name: "version", url: "/wiki/Special:Version",
			want: []string{`id="sv-software"`, ">Folio</a>", "0.0.0-test", runtime.Version(),
				"<td>" + name + "</td><td>" + htmlText(version) + "</td>",
				`id="mw-version-ext"`, "No extensions are installed", `id="mw-version-entrypoints"`,
				"http://wiki.test/wiki/$1", "http://wiki.test/index.php", "http://wiki.test/api.php", "Apache License"}},
	})
}
