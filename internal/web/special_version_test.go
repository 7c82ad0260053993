package web_test

import (
	"runtime"
	"testing"
)

func TestVersion(t *testing.T) {
	f := MustSpecialFixture(t)
	runScenarios(t, f.Handler, []scenario{
		{name: "version", url: "/wiki/Special:Version",
			want: []string{`id="sv-software"`, ">Folio</a>", "9.9.9-test", runtime.Version(), "<td>SQLite</td><td>3.",
				`id="mw-version-ext"`, "No extensions are installed", `id="mw-version-entrypoints"`,
				"/wiki/$1", "/index.php", "/api.php", "Apache License"}},
	})
}
