package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// setupSearch adds pages with words to search for to setupBasic.
func setupSearch(env *Env) {
	setupBasic(env)
	env.MustEdit("Zebra page", `Zebra <script>alert("zebra")</script> stripes`, nil)
	env.MustEdit("Help:Zebra care", "How to feed a zebra.", nil)
	for i := 1; i <= 3; i++ {
		env.MustEdit(fmt.Sprintf("Quagga %d", i), "A quagga is an extinct zebra.", nil)
	}
}

// TestSearch covers list=search and generator=search.
func TestSearch(t *testing.T) {
	runScenarios(t, setupSearch, searchScenarios)
}

var searchScenarios = []scenario{
	{name: "missing srsearch", params: P(q("list", "search")...), want: map[string]any{"error.code": "missingparam"}},
	{name: "results with snippets", params: P(q("list", "search", "srsearch", "stripes")...),
		want: map[string]any{"query.search.0.title": "Zebra page", "query.search.0.ns": 0.0, "query.search.0.size": 45.0,
			"query.search.0.wordcount": 3.0, "query.searchinfo.totalhits": 1.0,
			"query.search.0.snippet": `Zebra &lt;script&gt;alert(&quot;zebra&quot;)&lt;/script&gt; <span class="searchmatch">stripes</span>`,
			"batchcomplete":          true},
		absent: []string{"continue", "query.search.0.titlesnippet"}},
	{name: "highlighting ignores case", params: P(q("list", "search", "srsearch", "ZEBRA stripes", "srprop", "snippet")...),
		contains: []string{`"snippet":"<span class=\"searchmatch\">Zebra</span> &lt;script&gt;alert(&quot;<span class=\"searchmatch\">zebra</span>&quot;)`},
		absent:   []string{"query.search.0.size", "query.search.0.timestamp"}},
	{name: "main namespace by default", params: P(q("list", "search", "srsearch", "feed")...),
		want: map[string]any{"query.searchinfo.totalhits": 0.0}, absent: []string{"query.search.0"}},
	{name: "namespaces", params: P(q("list", "search", "srsearch", "feed", "srnamespace", "0|12")...),
		want: map[string]any{"query.search.0.title": "Help:Zebra care", "query.search.0.ns": 12.0}},
	{name: "every namespace", params: P(q("list", "search", "srsearch", "feed", "srnamespace", "*")...),
		want: map[string]any{"query.search.0.title": "Help:Zebra care"}},
	{name: "continue", params: P(q("list", "search", "srsearch", "quagga", "srlimit", "2")...),
		want:   map[string]any{"continue.sroffset": 2.0, "continue.continue": "-||", "query.searchinfo.totalhits": 3.0},
		absent: []string{"query.search.2"}},
	{name: "continued", params: P(q("list", "search", "srsearch", "quagga", "srlimit", "2", "sroffset", "2")...),
		want: map[string]any{"query.search.0.wordcount": 6.0}, absent: []string{"continue", "query.search.1"}},
	{name: "titles only", params: P(q("list", "search", "srsearch", "zebra", "srwhat", "title", "srprop", "titlesnippet")...),
		want: map[string]any{"query.search.0.title": "Zebra page", "query.search.0.titlesnippet": `<span class="searchmatch">Zebra</span> page`,
			"query.searchinfo.totalhits": 1.0}},
	{name: "near match", params: P(q("list", "search", "srsearch", "quagga 2", "srwhat", "nearmatch")...),
		want: map[string]any{"query.search.0.title": "Quagga 2"}, absent: []string{"query.searchinfo", "query.search.1"}},
	{name: "no searchinfo", params: P(q("list", "search", "srsearch", "zebra", "srinfo", "")...),
		absent: []string{"query.searchinfo"}},
	{name: "formatversion 1", params: P("action", "query", "list", "search", "srsearch", "stripes"),
		want: map[string]any{"query.search.0.title": "Zebra page", "batchcomplete": ""}},
	{name: "operators are words", params: P(q("list", "search", "srsearch", `"zebra" OR -xylophone*`)...),
		want: map[string]any{"query.searchinfo.totalhits": 0.0}},
	{name: "generator", params: P(q("generator", "search", "gsrsearch", "quagga", "gsrlimit", "2", "prop", "info")...),
		want: map[string]any{"query.pages.0.index": 1.0, "query.pages.1.index": 2.0, "query.pages.0.contentmodel": "wikitext",
			"continue.gsroffset": 2.0, "continue.continue": "gsroffset||"},
		absent: []string{"query.searchinfo", "query.search"}},
	{name: "paraminfo knows it", params: P("action", "paraminfo", "modules", "query+search|opensearch", "formatversion", "2"),
		want: map[string]any{"paraminfo.modules.0.name": "search", "paraminfo.modules.0.prefix": "sr",
			"paraminfo.modules.0.generator": true, "paraminfo.modules.1.name": "opensearch"}},
}

// TestOpenSearch covers action=opensearch, whose answer is a JSON array.
func TestOpenSearch(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		setupSearch(env)
		tests := []struct {
			name   string
			params url.Values
			want   []any
		}{
			{"prefix", P("search", "quagga", "limit", "2"), []any{"quagga", []any{"Quagga 1", "Quagga 2"}, []any{"", ""},
				[]any{env.URL + "/wiki/Quagga_1", env.URL + "/wiki/Quagga_2"}}},
			{"namespace prefix", P("search", "Help:Zeb"), []any{"Help:Zeb", []any{"Help:Zebra care"}, []any{""},
				[]any{env.URL + "/wiki/Help:Zebra_care"}}},
			{"namespace parameter", P("search", "Zeb", "namespace", "12|0"), []any{"Zeb", []any{"Help:Zebra care", "Zebra page"},
				[]any{"", ""}, []any{env.URL + "/wiki/Help:Zebra_care", env.URL + "/wiki/Zebra_page"}}},
			{"nothing", P("search", "Nothing here"), []any{"Nothing here", []any{}, []any{}, []any{}}},
			{"namespace only", P("search", "Help:"), []any{"Help:", []any{"Help:Zebra care"}, []any{""},
				[]any{env.URL + "/wiki/Help:Zebra_care"}}},
			{"special namespace", P("search", "Special:"), []any{"Special:", []any{}, []any{}, []any{}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.params.Set("action", "opensearch")
				tt.params.Set("format", "json")
				got := getArray(t, env.URL+"/api.php?"+tt.params.Encode())
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("opensearch %s = %#v, want %#v", tt.params.Encode(), got, tt.want)
				}
			})
		}
		env.T = t
		r := env.NewClient().Get(P("action", "opensearch", "format", "xml", "search", "Help:Zebra <"))
		want := `<?xml version="1.0"?><SearchSuggestion version="2.0" xmlns="http://opensearch.org/searchsuggest2">` +
			`<Query xml:space="preserve">Help:Zebra &lt;</Query><Section /></SearchSuggestion>`
		if r.Body != want || r.Header.Get("Content-Type") != "text/xml; charset=utf-8" {
			t.Errorf("opensearch format=xml = %s", r.Body)
		}
		r = env.NewClient().Get(P("action", "opensearch", "format", "xml", "search", "Help:Z"))
		want = `<Section><Item><Text xml:space="preserve">Help:Zebra care</Text><Url xml:space="preserve">` + env.URL + `/wiki/Help:Zebra_care</Url></Item></Section>`
		if !strings.Contains(r.Body, want) {
			t.Errorf("opensearch format=xml = %s, want %s", r.Body, want)
		}
		r = env.NewClient().Get(P("action", "opensearch", "format", "json", "search", ""))
		if code := Path(r.JSON, "error", "code"); code != "missingparam" {
			t.Errorf("opensearch without search: %s", r.Body)
		}
	})
}

// getArray fetches url and decodes its JSON array.
func getArray(t *testing.T, u string) []any {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var out []any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("GET %s: not a JSON array: %v\n%s", u, err, b)
	}
	return out
}

// FuzzSearchRequest sends list=search, generator=search and opensearch
// requests with arbitrary parameters: never an internal error, always
// valid JSON, and never an unescaped tag from the page text.
func FuzzSearchRequest(f *testing.F) {
	for _, seed := range []string{
		"list=search&srsearch=zebra&srprop=snippet|titlesnippet&srlimit=max",
		"generator=search&gsrsearch=\"zebra\" OR -*&gsroffset=99999999999&prop=info",
		"list=search&srsearch=script&srwhat=nearmatch&srnamespace=*",
		"action=opensearch&search=Help:Ze&namespace=12|0&limit=0",
	} {
		f.Add(seed)
	}
	env := MustStart(f, MustOpenSQLite(f))
	env.MustEdit("Zebra", `Zebra <script>alert("zebra")</script> <b>bold</b>`, nil)
	f.Fuzz(func(t *testing.T, query string) {
		params, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		if params.Get("action") != "opensearch" {
			params.Set("action", "query")
		}
		params.Set("format", "json")
		resp, err := http.Get(env.URL + "/api.php?" + params.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if strings.HasPrefix(resp.Header.Get("MediaWiki-API-Error"), "internal_api_error") {
			t.Fatalf("%q: internal error: %s", query, b)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%q: answer is not JSON: %v\n%s", query, err, b)
		}
		// Only the page text may bring tags, as a query's own text is echoed.
		if !strings.Contains(query, "<") && (strings.Contains(string(b), "<script") || strings.Contains(string(b), "<b>")) {
			t.Fatalf("%q: unescaped page text: %s", query, b)
		}
	})
}
