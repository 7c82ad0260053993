package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPIHandler checks the handler serve mounts (siteHandler): api.php next to the
// web interface, with one login valid in both.
func TestAPIHandler(t *testing.T) {
	ctx := context.Background()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	c := DefaultConfig()
	c.Data = filepath.Join(t.TempDir(), "data")
	c.LogLevel = "warn"
	a, err := m.openApp(ctx, c, true)
	if err != nil {
		t.Fatalf("openApp() error: %v", err)
	}
	defer a.Close()
	if _, err := a.Wiki.CreateUser(ctx, "Alice", "correct horse battery", nil); err != nil {
		t.Fatal(err)
	}
	files, err := openFiles(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config.Handler = (&ServeCommand{m: m}).siteHandler(a, "http://"+ts.Listener.Addr().String(), files)
	ts.Start()
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(q string) map[string]any {
		resp, err := client.Get(ts.URL + "/api.php?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("GET api.php?%s: %v", q, err)
		}
		return out
	}
	tokens := get("action=query&meta=tokens&type=login&format=json")["query"].(map[string]any)["tokens"].(map[string]any)
	resp, err := client.PostForm(ts.URL+"/api.php", url.Values{"action": {"login"}, "lgname": {"Alice"},
		"lgpassword": {"correct horse battery"}, "lgtoken": {tokens["logintoken"].(string)}, "format": {"json"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	page, err := client.Get(ts.URL + "/wiki/Special:RecentChanges")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != http.StatusOK || !strings.Contains(string(body), `id="pt-logout"`) {
		t.Errorf("web page after an API login: status %d, logout link shown: %v; want the web interface to know the API login",
			page.StatusCode, strings.Contains(string(body), `id="pt-logout"`))
	}
}
