package etherpad_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext/ext/etherpad"
)

// liveHTML is the pad content given to a real Etherpad through its HTTP
// API (setHTML); its export must convert back to the same structure.
const liveHTML = `<html><body><h1>Live heading</h1><br>Plain first line<br>` +
	`<b>bold</b> <i>italic</i> <u>under</u> <s>struck</s><br>` +
	`<ul class="bullet"><li>one</li><li>two</li></ul>` +
	`<ol class="number"><li>first</li><li>second</li></ol>` +
	`A link to https://example.org/page here<br>` +
	`Markup [[stays]] {{text}}<br></body></html>`

// TestLiveEtherpad runs against a real Etherpad (ep_etherpad-lite with
// ep_headings2 from npm, started on loopback by .ci/etherpad.sh): it creates a pad through
// the HTTP API, fetches its HTML export and converts it.
func TestLiveEtherpad(t *testing.T) {
	base, key := os.Getenv("FOLIO_TEST_ETHERPAD_URL"), os.Getenv("FOLIO_TEST_ETHERPAD_APIKEY")
	if base == "" || key == "" {
		t.Skip("set FOLIO_TEST_ETHERPAD_URL and FOLIO_TEST_ETHERPAD_APIKEY (see .ci/etherpad.sh) to test against a real Etherpad")
	}
	pad := fmt.Sprintf("folio-test-%d", time.Now().UnixNano())
	mustEtherpadAPI(t, base, key, "createPad", url.Values{"padID": {pad}})
	t.Cleanup(func() { _ = etherpadAPI(base, key, "deletePad", url.Values{"padID": {pad}}) })
	mustEtherpadAPI(t, base, key, "setHTML", url.Values{"padID": {pad}, "html": {liveHTML}})
	got, err := (&etherpad.Fetcher{}).Fetch(context.Background(), strings.TrimRight(base, "/")+"/p/"+pad)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"== Live heading ==\n", "Plain first line\n", "'''bold''' ''italic'' <u>under</u> <s>struck</s>",
		"\n* one\n* two\n", "\n# first\n# second\n", "https://example.org/page",
		"Markup <nowiki>[[</nowiki>stays<nowiki>]]</nowiki> <nowiki>{{</nowiki>text<nowiki>}}</nowiki>",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("converted export lacks %q:\n%s", w, got)
		}
	}
}

func mustEtherpadAPI(t *testing.T, base, key, method string, params url.Values) {
	t.Helper()
	if err := etherpadAPI(base, key, method, params); err != nil {
		t.Fatal(err)
	}
}

// etherpadAPI calls one method of Etherpad's HTTP API (version 1.2.13).
func etherpadAPI(base, key, method string, params url.Values) error {
	params.Set("apikey", key)
	resp, err := http.PostForm(strings.TrimRight(base, "/")+"/api/1.2.13/"+method, params)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: HTTP %d: %w", method, resp.StatusCode, err)
	}
	if r.Code != 0 {
		return fmt.Errorf("%s: %s (code %d)", method, r.Message, r.Code)
	}
	return nil
}
