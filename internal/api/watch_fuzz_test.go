package api_test

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzWatchlistRequest sends arbitrary parameters to the watchlist modules
// as a logged-in user: every answer must be a JSON object, and none an
// internal error.
func FuzzWatchlistRequest(f *testing.F) {
	for _, seed := range []string{
		"list=watchlist&wlprop=ids|title|flags|user|comment|timestamp|sizes|expiry&wllimit=1&wlcontinue=20260101000000|5",
		"list=watchlist&wldir=newer&wlstart=2001-01-01T00:00:00Z&wlend=now&wlshow=!minor|anon&wlallrev=1",
		"list=watchlistraw&wrcontinue=0|Alpha&wrdir=descending&wrnamespace=0|1&wrfromtitle=A&wrtotitle=Z",
		"generator=watchlistraw&gwrlimit=max&prop=info&inprop=watched",
		"list=watchlist&wlowner=Alice&wltoken=x",
		"list=watchlistraw&wrcontinue=x|",
	} {
		f.Add(seed)
	}
	env := MustStart(f, MustOpenSQLite(f))
	u := env.MustCreateUser("Alice")
	env.MustEdit("Alpha", "text", u)
	c := env.NewClient()
	c.MustLogin("Alice")
	c.Post(P("action", "watch", "titles", "Alpha|Beta", "token", c.Token("watch"), "format", "json"))
	f.Fuzz(func(t *testing.T, query string) {
		params, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		env.T = t // the client reports through the current test
		params.Set("action", "query")
		params.Set("format", "json")
		r := c.Get(params)
		if code, _ := Path(r.JSON, "error", "code").(string); strings.HasPrefix(code, "internal_api_error") || r.JSON == nil {
			t.Fatalf("%q: %d %s", query, r.Status, r.Body)
		}
	})
}
