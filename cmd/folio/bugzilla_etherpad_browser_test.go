package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/folio-wiki/folio/wikitext/ext/bugzilla/bugzillatest"
)

// TestBrowserBugzilla shows a page with a <bugzilla> table of the fake
// Bugzilla's bugs, and a page whose Bugzilla is unreachable with an error
// box and the rest of its text.
func TestBrowserBugzilla(t *testing.T) {
	ctx := newBrowser(t)
	bz := bugzillatest.NewServer(t, bugzillatest.SampleBugs())
	w := MustRunMain(t, map[string]string{"FOLIO_BUGZILLA_URL": bz.URL})
	text := "Open bugs:\n\n<bugzilla columns=\"id,summary,status,priority\" sort=\"id\">{\"product\":\"Wiki\",\"status\":\"NEW\"}</bugzilla>\n\n" +
		"Fixed: <bugzilla display=\"count\">{\"product\":\"Wiki\",\"resolution\":\"FIXED\"}</bugzilla>"
	mustDo(t, ctx, "save the page", saveEdit(w.URL, "Bug_list", text, "bugs"))
	table := mustRun(t, ctx, "read the table", chromedp.OuterHTML(chromedp.CSS("table.mw-ext-bugzilla")))
	rows := mustRun(t, ctx, "read the rows", chromedp.Text(chromedp.CSS("table.mw-ext-bugzilla tbody")))
	count := mustRun(t, ctx, "read the count", chromedp.Text(chromedp.CSS(".mw-ext-bugzilla-count")))
	for _, s := range []string{"Search results miss redirects", "Edit toolbar <img src=x onerror=alert(1)> breaks", "P1"} {
		if !strings.Contains(rows, s) {
			t.Errorf("the table's text lacks %q:\n%s", s, rows)
		}
	}
	if strings.Contains(rows, "Login form forgets") || strings.Contains(rows, "Other product") {
		t.Errorf("the table shows bugs the query excludes:\n%s", rows)
	}
	if strings.Contains(table, "<img") || !strings.Contains(table, `href="`+bz.URL+`/show_bug.cgi?id=101"`) {
		t.Errorf("table HTML: %s", table)
	}
	if count != "1" {
		t.Errorf("count = %q, want 1", count)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + l.Addr().String()
	l.Close()
	w2 := MustRunMain(t, map[string]string{"FOLIO_BUGZILLA_URL": down})
	mustDo(t, ctx, "save the page on a wiki whose Bugzilla is down", saveEdit(w2.URL, "Bug_list", text, "bugs"))
	box := mustRun(t, ctx, "read the error box", chromedp.Text(chromedp.CSS(".mw-ext-bugzilla-error")))
	body := mustRun(t, ctx, "read the page", chromedp.Text(chromedp.ID("mw-content-text")))
	if !strings.Contains(box, "could not be reached") || !strings.Contains(body, "Open bugs:") || !strings.Contains(body, "Fixed:") {
		t.Errorf("error box %q in page %q", box, body)
	}
}

// TestBrowserImportFromEtherpad imports a pad served by a fake Etherpad
// through Special:ImportFromEtherpad and checks the saved page.
func TestBrowserImportFromEtherpad(t *testing.T) {
	ctx := newBrowser(t)
	export, err := os.ReadFile("../../wikitext/ext/etherpad/testdata/meeting.html")
	if err != nil {
		t.Fatal(err)
	}
	pad := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/p/team-meeting/export/html" {
			http.NotFound(rw, r)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = rw.Write(export)
	}))
	t.Cleanup(pad.Close)
	w := MustRunMain(t, nil)
	mustCreateUser(t, w, "Padadmin", "a long enough password", "sysop")
	mustDo(t, ctx, "log in", login(w.URL, "Padadmin", "a long enough password"))
	mustDo(t, ctx, "preview",
		chromedp.Navigate(w.URL+"/wiki/Special:ImportFromEtherpad"),
		chromedp.WaitVisible(chromedp.ID("wpPadURL")),
		chromedp.SetValue(chromedp.ID("wpPadURL"), pad.URL+"/p/team-meeting"),
		chromedp.SetValue(chromedp.ID("wpTitle"), "Team meeting notes"),
		chromedp.Click(chromedp.ID("wpPreview")),
		chromedp.WaitVisible(chromedp.ID("wikiPreview")))
	preview := mustRun(t, ctx, "read the preview", chromedp.OuterHTML(chromedp.ID("wikiPreview")))
	if !strings.Contains(preview, `id="Team_meeting"`) {
		t.Errorf("the preview lacks the heading:\n%s", preview)
	}
	mustDo(t, ctx, "save",
		chromedp.Click(chromedp.ID("wpSave")),
		chromedp.WaitNotPresent(chromedp.ID("mw-etherpad-form")),
		chromedp.WaitVisible(chromedp.ID("mw-content-text")))
	heading := mustRun(t, ctx, "read the title", chromedp.Text(chromedp.ID("firstHeading")))
	page := mustRun(t, ctx, "read the page", chromedp.OuterHTML(chromedp.ID("mw-content-text")))
	if heading != "Team meeting notes" {
		t.Errorf("saved page title = %q", heading)
	}
	for _, s := range []string{`<h2><span class="mw-headline" id="Team_meeting">Team meeting</span>`, `id="Attendees"`, `id="Decisions"`,
		"<li><b>Ann</b> (chair)</li>", "<li>left early</li>", "<li>Ship the <u>release</u> on Friday</li>", "<s>old</s>"} {
		if !strings.Contains(page, s) {
			t.Errorf("the saved page lacks %s:\n%s", s, page)
		}
	}
	mustDo(t, ctx, "open history", chromedp.Navigate(w.URL+"/index.php?title=Team_meeting_notes&action=history"),
		chromedp.WaitVisible(chromedp.ID("pagehistory")))
	history := mustRun(t, ctx, "read history", chromedp.Text(chromedp.ID("pagehistory")))
	if !strings.Contains(history, "Imported from Etherpad pad "+pad.URL+"/p/team-meeting") {
		t.Errorf("history lacks the pad URL in the summary:\n%s", history)
	}
}

// TestBrowserImportFromRealEtherpad imports a pad of a real Etherpad
// (.ci/etherpad.sh) through Special:ImportFromEtherpad.
func TestBrowserImportFromRealEtherpad(t *testing.T) {
	base, key := os.Getenv("FOLIO_TEST_ETHERPAD_URL"), os.Getenv("FOLIO_TEST_ETHERPAD_APIKEY")
	if base == "" || key == "" {
		t.Skip("set FOLIO_TEST_ETHERPAD_URL and FOLIO_TEST_ETHERPAD_APIKEY (see .ci/etherpad.sh) to import from a real Etherpad")
	}
	ctx := newBrowser(t)
	pad := fmt.Sprintf("folio-browser-%d", time.Now().UnixNano())
	html := `<html><body><h1>Sprint review</h1><br>Notes by <b>Ann</b><br><ul class="bullet"><li>demo</li>` +
		`<li>retro<ul class="bullet"><li>what went well</li></ul></li></ul><br></body></html>`
	for _, call := range []struct {
		method string
		params url.Values
	}{
		{"createPad", url.Values{"padID": {pad}}},
		{"setHTML", url.Values{"padID": {pad}, "html": {html}}},
	} {
		call.params.Set("apikey", key)
		resp, err := http.PostForm(base+"/api/1.2.13/"+call.method, call.params)
		if err != nil {
			t.Fatal(err)
		}
		var r struct{ Code int }
		err = json.NewDecoder(resp.Body).Decode(&r)
		resp.Body.Close()
		if err != nil || r.Code != 0 {
			t.Fatalf("Etherpad %s: code %d, %v", call.method, r.Code, err)
		}
	}
	w := MustRunMain(t, nil)
	mustCreateUser(t, w, "Padadmin", "a long enough password", "sysop")
	mustDo(t, ctx, "log in", login(w.URL, "Padadmin", "a long enough password"))
	mustDo(t, ctx, "preview and save",
		chromedp.Navigate(w.URL+"/wiki/Special:ImportFromEtherpad"),
		chromedp.WaitVisible(chromedp.ID("wpPadURL")),
		chromedp.SetValue(chromedp.ID("wpPadURL"), base+"/p/"+pad),
		chromedp.SetValue(chromedp.ID("wpTitle"), "Sprint review"),
		chromedp.Click(chromedp.ID("wpPreview")),
		chromedp.WaitVisible(chromedp.ID("wpSave")),
		chromedp.Click(chromedp.ID("wpSave")),
		chromedp.WaitNotPresent(chromedp.ID("mw-etherpad-form")),
		chromedp.WaitVisible(chromedp.ID("mw-content-text")))
	page := mustRun(t, ctx, "read the page", chromedp.OuterHTML(chromedp.ID("mw-content-text")))
	for _, s := range []string{`id="Sprint_review"`, "<b>Ann</b>", "<li>demo</li>", "<li>what went well</li>"} {
		if !strings.Contains(page, s) {
			t.Errorf("the page imported from the real pad lacks %s:\n%s", s, page)
		}
	}
}
