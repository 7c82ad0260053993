package main

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func mustGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeHealthEndpoints(t *testing.T) {
	w := MustRunMain(t, nil)
	for _, path := range []string{"/healthz", "/readyz"} {
		if code, body := mustGet(t, w.URL+path); code != http.StatusOK {
			t.Errorf("GET %s = %d %q, want 200", path, code, body)
		}
	}
}

// TestServeReadOnlySwitch flips read-only mode from the CLI while the
// server runs: the server refuses edits with the reason, keeps serving
// reads, and so do CLI writes.
func TestServeReadOnlySwitch(t *testing.T) {
	w := MustRunMain(t, nil)
	env := func(k string) string { return map[string]string{"FOLIO_DATA": w.Data}[k] }
	cli := func(args ...string) (string, error) {
		var out bytes.Buffer
		m := &Main{Stdin: strings.NewReader("a long enough password"), Stdout: &out, Stderr: &out, Getenv: env}
		err := m.Run(context.Background(), args)
		return out.String(), err
	}
	if out, err := cli("readonly", "on", "--reason", "Migration window"); err != nil {
		t.Fatalf("readonly on: %v\n%s", err, out)
	}
	time.Sleep(1100 * time.Millisecond) // the server re-reads the switch each second
	if code, body := mustGet(t, w.URL+"/wiki/Main_Page"); code != http.StatusOK || !strings.Contains(body, "Migration window") {
		t.Errorf("read in read-only mode = %d; want 200 with the reason in a banner", code)
	}
	if _, body := mustGet(t, w.URL+"/index.php?title=Main_Page&action=edit"); strings.Contains(body, `id="wpSave"`) || !strings.Contains(body, "Migration window") {
		t.Errorf("edit form in read-only mode offers saving or hides the reason")
	}
	if out, err := cli("user", "create", "Late", "--password-file", "-"); err == nil || !strings.Contains(out+err.Error(), "Migration window") {
		t.Errorf("user create in read-only mode: %v %q, want a refusal with the reason", err, out)
	}
	if out, err := cli("readonly", "off"); err != nil {
		t.Fatalf("readonly off: %v\n%s", err, out)
	}
	time.Sleep(1100 * time.Millisecond)
	if _, body := mustGet(t, w.URL+"/index.php?title=Main_Page&action=edit"); !strings.Contains(body, `id="wpSave"`) {
		t.Errorf("edit form after readonly off has no save button")
	}
}

// TestServeAPI checks that api.php is mounted and shares logins with the
// HTML interface's sessions.
func TestServeAPI(t *testing.T) {
	w := MustRunMain(t, nil)
	code, body := mustGet(t, w.URL+"/api.php?action=query&meta=siteinfo&format=json&formatversion=2")
	if code != http.StatusOK || !strings.Contains(body, `"generator":"MediaWiki 1.39`) {
		t.Errorf("siteinfo = %d %.300s", code, body)
	}
	code, body = mustGet(t, w.URL+"/api.php?action=nonsense&format=json")
	if code != http.StatusOK || !strings.Contains(body, `"code":"badvalue"`) {
		t.Errorf("unknown action = %d %.300s, want MediaWiki's error envelope", code, body)
	}
}

// hiddenInputs returns the hidden fields of a form page.
// hiddenInputs returns the hidden fields of the page's edit form (the
// skin's other forms, such as the search box, have their own).
func hiddenInputs(page string) url.Values {
	if i := strings.Index(page, `id="editform"`); i >= 0 {
		page = page[i:]
		if j := strings.Index(page, "</form>"); j >= 0 {
			page = page[:j]
		}
	}
	v := url.Values{}
	re := regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	return v
}

// TestServePageCache reads a page anonymously twice (MISS, then HIT), edits
// it in another session, and reads the new text at once.
func TestServePageCache(t *testing.T) {
	w := MustRunMain(t, nil)
	get := func() (string, string) {
		resp, err := http.Get(w.URL + "/wiki/Main_Page")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.Header.Get("X-Cache"), string(b)
	}
	if xc, _ := get(); xc != "MISS" {
		t.Errorf("first read X-Cache = %q, want MISS", xc)
	}
	if xc, _ := get(); xc != "HIT" {
		t.Errorf("second read X-Cache = %q, want HIT", xc)
	}
	jar, _ := cookiejar.New(nil)
	editor := &http.Client{Jar: jar}
	resp, err := editor.Get(w.URL + "/index.php?title=Main_Page&action=edit")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fields := hiddenInputs(string(form))
	fields.Set("wpTextbox1", "Freshly edited text.")
	fields.Set("wpSummary", "cache test")
	fields.Set("wpSave", "Save changes")
	resp, err = editor.PostForm(w.URL+"/index.php?title=Main_Page&action=submit", fields)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if xc, body := get(); xc != "MISS" || !strings.Contains(body, "Freshly edited text.") {
		t.Errorf("read after edit: X-Cache %q, new text shown %v; want MISS with the new text", xc, strings.Contains(body, "Freshly edited text."))
	}
}

// TestServeFiles checks that serve wires the file repository: file pages
// and listings answer, and the API reports uploads as enabled.
func TestServeFiles(t *testing.T) {
	w := MustRunMain(t, nil)
	if code, _ := mustGet(t, w.URL+"/wiki/Special:ListFiles"); code != http.StatusOK {
		t.Errorf("Special:ListFiles = %d, want 200", code)
	}
	_, body := mustGet(t, w.URL+"/api.php?action=query&meta=siteinfo&format=json&formatversion=2")
	if strings.Contains(body, `"uploadsenabled":false`) {
		t.Errorf("siteinfo says uploads are disabled: %.400s", body)
	}
}

// TestServeStatus checks that serve gives Special:Status the process's
// health checks and metrics.
func TestServeStatus(t *testing.T) {
	w := MustRunMain(t, nil)
	pw := t.TempDir() + "/pw"
	if err := os.WriteFile(pw, []byte("status-page-password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, map[string]string{"FOLIO_DATA": w.Data, "FOLIO_LOG_LEVEL": "warn"}, "user", "create", "Statusadmin", "--password-file", pw, "--group", "sysop"); err != nil {
		t.Fatal(err)
	}
	mustGet(t, w.URL+"/wiki/Main_Page")
	mustGet(t, w.URL+"/wiki/Main_Page")
	api := loginAPI(t, w.URL, "Statusadmin", "status-page-password")
	resp, err := api.client.Get(w.URL + "/wiki/Special:Status")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	for _, want := range []string{
		`<th scope="row">database</th><td>reachable</td>`,
		`<th scope="row">blob store</th><td>reachable</td>`,
		`<th scope="row">cache</th><td>reachable</td>`,
		`<th scope="row">requests served</th>`,
		`<th scope="row">page cache hit ratio</th>`,
		`<th scope="row">parse time (mean)</th>`,
		`<th scope="row">waiting or running</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("Special:Status lacks %s", want)
		}
	}
	if code, _ := mustGet(t, w.URL+"/wiki/Special:Status"); code != http.StatusForbidden {
		t.Errorf("anonymous Special:Status = %d, want 403", code)
	}
}

// TestServeParserCacheForLoggedInReaders checks that logged-in readers,
// who skip the page cache, get the parser cache, and that an edit is seen
// at once.
func TestServeParserCacheForLoggedInReaders(t *testing.T) {
	w := MustRunMain(t, nil)
	pw := t.TempDir() + "/pw"
	if err := os.WriteFile(pw, []byte("parser-cache-password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, map[string]string{"FOLIO_DATA": w.Data, "FOLIO_LOG_LEVEL": "warn"}, "user", "create", "Reader", "--password-file", pw, "--group", "sysop"); err != nil {
		t.Fatal(err)
	}
	api := loginAPI(t, w.URL, "Reader", "parser-cache-password")
	view := func() (string, string) {
		resp, err := api.client.Get(w.URL + "/wiki/Cached_for_members")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.Header.Get("X-Cache"), string(b)
	}
	api.edit(t, "Cached for members", "First words.")
	for range 3 {
		if xc, body := view(); xc == "HIT" || !strings.Contains(body, "First words.") {
			t.Fatalf("logged-in view: X-Cache %q, text shown %v; want no page-cache hit and the text", xc, strings.Contains(body, "First words."))
		}
	}
	api.edit(t, "Cached for members", "Second words.")
	if _, body := view(); !strings.Contains(body, "Second words.") {
		t.Errorf("the view after an edit shows the old rendering")
	}
	resp, err := api.client.Get(w.URL + "/wiki/Special:Status")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`parser cache hit ratio</th><td>([0-9.]+)% of ([0-9]+) lookups`).FindStringSubmatch(string(b))
	if m == nil || m[1] == "0.0" {
		t.Errorf("Special:Status shows no parser cache hits: %v", m)
	}
}
