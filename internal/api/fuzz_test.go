package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequest sends arbitrary parameters to api.php: every answer must be
// a JSON object, and none an internal error.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		"action=query&titles=Alpha|Nowhere&prop=info|revisions&rvprop=content&rvslots=main",
		"action=query&list=recentchanges&rclimit=max&rcshow=!bot|minor&rcdir=newer",
		"action=query&generator=allpages&gaplimit=2&prop=links|categories&formatversion=2",
		"action=parse&text=''x''&prop=text|sections|links",
		"action=query&titles=\x1fA\x1fB&errorformat=raw",
		"action=compare&fromrev=1&torelative=prev",
		"action=query&list=usercontribs&ucuser=Alice&uccontinue=x|y",
		"action=paraminfo&modules=*|query+nosuch",
	} {
		f.Add(seed)
	}
	env := MustStart(f, MustOpenSQLite(f))
	u := env.MustCreateUser("Alice")
	env.MustEdit("Alpha", "Alpha text with [[Beta]].\n\n== H ==\nx", u)
	f.Fuzz(func(t *testing.T, query string) {
		params, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		params.Set("format", "json")
		resp, err := http.Get(env.URL + "/api.php?" + params.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.Header.Get("MediaWiki-API-Error") != "" && strings.HasPrefix(resp.Header.Get("MediaWiki-API-Error"), "internal_api_error") {
			t.Fatalf("%q: internal error: %s", query, b)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			return // action=help answers HTML
		}
		var v map[string]any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%q: answer is not a JSON object: %v\n%s", query, err, b)
		}
	})
}
