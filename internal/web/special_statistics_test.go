package web_test

import "testing"

func testStatistics(t *testing.T, f *specialFixture) {
	f.run(t, []scenario{
		{name: "counters", url: "/wiki/Special:Statistics", want: []string{`class="wikitable mw-statistics-table"`,
			`<tr class="mw-statistics-pages"><td>All pages, including talk pages and redirects</td><td class="mw-statistics-numbers">7</td>`,
			`<tr class="mw-statistics-edits"><td>Edits since the wiki was set up</td><td class="mw-statistics-numbers">11</td>`,
			`<tr class="mw-statistics-users"><td>Registered users</td><td class="mw-statistics-numbers">3</td>`}},
	})
}
