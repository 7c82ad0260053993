package web_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestSpecialSearch runs Special:Search on the special page fixture with a
// few more pages, on every backend.
func TestSpecialSearch(t *testing.T) {
	forEachSpecialFixture(t, func(t *testing.T, f *specialFixture) {
		f.edit(t, "Alice", "Script Page", `Zebra <script>alert("zebra")</script> stripes`, "xss", false, false)
		f.edit(t, "Alice", "Help:Zebra care", "How to feed a zebra.", "help", false, false)
		for i := 1; i <= 3; i++ {
			f.edit(t, "Alice", fmt.Sprintf("Quagga %d", i), "A quagga is an extinct zebra.", "paging", false, false)
		}
		testSpecialSearch(t, f)
	})
}

func testSpecialSearch(t *testing.T, f *specialFixture) {
	const p = "/wiki/Special:Search"
	f.run(t, []scenario{
		{name: "empty query shows the form", url: p, want: []string{`id="searchText"`, `name="ns0" value="1" id="mw-search-ns0" checked`},
			notWant: []string{"mw-search-results", "mw-search-nonefound", "mw-search-createlink"}},
		{name: "go to an exact title", url: p + "?search=beta", wantStatus: http.StatusFound, location: "/wiki/Beta"},
		{name: "go through index.php", url: "/index.php?title=Special:Search&search=Talk:alpha", wantStatus: http.StatusFound,
			location: "/wiki/Talk:Alpha"},
		{name: "go to a special page", url: p + "?search=Special:RecentChanges", wantStatus: http.StatusFound,
			location: "/wiki/Special:RecentChanges"},
		{name: "fulltext stays on the results", url: p + "?search=beta&fulltext=1",
			want: []string{`<p class="mw-search-exists">`, `<ul class="mw-search-results">`,
				`<div class="mw-search-result-heading"><a href="/wiki/Beta" title="Beta">Beta</a></div>`,
				`<span class="searchmatch">Beta</span> text, tidied`},
			notWant: []string{"mw-search-createlink"}},
		{name: "subpage", url: p + "/tidied", want: []string{`href="/wiki/Beta"`, `<span class="searchmatch">tidied</span>`,
			`class="mw-search-result-data">26 bytes (6 words) - `}},
		{name: "escaped and highlighted", url: p + "?search=zebra+stripes",
			want: []string{`href="/wiki/Script_Page"`,
				`<span class="searchmatch">Zebra</span> &lt;script&gt;alert(&quot;<span class="searchmatch">zebra</span>&quot;)&lt;/script&gt; <span class="searchmatch">stripes</span>`},
			notWant: []string{`<script>alert`}},
		{name: "main namespace by default", url: p + "?search=feed+zebra", want: []string{"mw-search-nonefound"},
			notWant: []string{`href="/wiki/Help:Zebra_care"`}},
		{name: "namespace checkbox", url: p + "?search=feed+zebra&ns12=1",
			want:    []string{`href="/wiki/Help:Zebra_care"`, `id="mw-search-ns12" checked`},
			notWant: []string{`id="mw-search-ns0" checked`}},
		{name: "create link for a missing title", url: p + "?search=Zebra+stripes",
			want: []string{`<p class="mw-search-createlink">Create the page <a href="/index.php?title=Zebra_stripes&amp;action=edit&amp;redlink=1" class="new"`}},
		{name: "no create link for a bad title", url: p + "?search=%5B%5Bquagga%5D%5D", want: []string{"Quagga 1"},
			notWant: []string{"mw-search-createlink"}},
		{name: "first screen", url: p + "?search=quagga&limit=2",
			want: []string{"Showing results <strong>1–2</strong> of <strong>3</strong>", `class="mw-nextlink"`, "offset=2",
				`limit=50&amp;ns0=1&amp;offset=0&amp;search=quagga" title="Show 50 results per page">50</a>`},
			notWant: []string{`class="mw-prevlink"`}},
		{name: "second screen", url: p + "?search=quagga&limit=2&offset=2&fulltext=1",
			want:    []string{"Showing results <strong>3–3</strong> of <strong>3</strong>", `class="mw-prevlink"`, "offset=0"},
			notWant: []string{`class="mw-nextlink"`}},
		{name: "nothing found", url: p + "?search=xylophone", want: []string{"mw-search-nonefound", "mw-search-createlink"}},
		{name: "operators are words", url: p + `?search=%22zebra%22+OR+-xylophone%2A`, want: []string{"mw-search-nonefound"}},
		{name: "search box in the skin", url: "/wiki/Alpha", want: []string{`<form action="/index.php" id="searchform"`,
			`name="title" value="Special:Search"`, `id="searchInput"`, `accesskey="f"`,
			`<link rel="search" type="application/opensearchdescription+xml" href="/opensearch_desc.php"`}},
		{name: "OpenSearch description", url: "/opensearch_desc.php", want: []string{
			`<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"`, "<ShortName>Folio Test (en)</ShortName>",
			`/index.php?title=Special:Search&amp;search={searchTerms}"/>`,
			`<Url type="application/x-suggestions+json" method="get" template="`, `/api.php?action=opensearch&amp;search={searchTerms}&amp;namespace=0"/>`}},
	})
}
