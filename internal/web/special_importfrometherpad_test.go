package web_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// mustFakeEtherpad serves the recorded export of the converter's tests as
// the pad "team-meeting" on loopback.
func mustFakeEtherpad(tb testing.TB) string {
	tb.Helper()
	export, err := os.ReadFile("../../wikitext/ext/etherpad/testdata/meeting.html")
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p/team-meeting/export/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(export)
	})
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv.URL
}

func TestSpecialImportFromEtherpad(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Sysop", "sysop")
	env.MustCreateUser("Alice")
	env.MustEdit("Existing", "old text", "", nil)
	browsers := map[string]*Browser{"": env.NewBrowser(), "Alice": env.NewBrowser(), "Sysop": env.NewBrowser()}
	browsers["Alice"].MustLogin("Alice")
	browsers["Sysop"].MustLogin("Sysop")
	pad := mustFakeEtherpad(t) + "/p/team-meeting"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/p/gone"
	l.Close()
	const page = "/wiki/Special:ImportFromEtherpad"
	form := func(kv ...string) url.Values {
		v := url.Values{"wpEditToken": {"{token}"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	Run(t, browsers, []Scenario{
		{Name: "anonymous", URL: page, Status: http.StatusForbidden, Want: []string{`&#34;import&#34; right`}},
		{Name: "no import right", As: "Alice", URL: page, Status: http.StatusForbidden, Want: []string{`&#34;import&#34; right`}},
		{Name: "form", As: "Sysop", URL: page, Status: http.StatusOK,
			Want: []string{`id="mw-etherpad-form"`, `name="wpPadURL"`, `name="wpEditToken"`}, DontWant: []string{`id="wpSave"`}},
		{Name: "no token", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: url.Values{"wpPadURL": {pad}, "wpTitle": {"Notes"}}, Status: http.StatusBadRequest, Want: []string{"session"}},
		{Name: "file scheme", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", "file:///etc/passwd", "wpTitle", "Notes", "wpPreview", "1"), Status: http.StatusBadRequest,
			Want: []string{"must start with http:// or https://"}},
		{Name: "unreachable", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", closed, "wpTitle", "Notes", "wpPreview", "1"), Status: http.StatusBadRequest,
			Want: []string{"The pad could not be imported: the Etherpad server could not be reached."}},
		{Name: "bad title", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", pad, "wpTitle", "Special:Nope", "wpPreview", "1"), Status: http.StatusBadRequest,
			Want: []string{"is not a valid title"}},
		{Name: "preview", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", pad, "wpTitle", "Meeting notes", "wpPreview", "1"), Status: http.StatusOK,
			Want: []string{`id="wikiPreview"`, `<span class="mw-headline" id="Team_meeting">Team meeting</span>`,
				"<li><b>Ann</b> (chair)</li>", "== Team meeting ==\n\nDate:", `id="wpSave"`, `value="Meeting notes"`},
			DontWant: []string{"javascript:"}},
		{Name: "save edited text", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", pad, "wpTitle", "Meeting notes", "wpSave", "1", "wpTextbox1", "== Team meeting ==\n* corrected",
				"wpFetchedURL", pad),
			Status: http.StatusSeeOther, Location: "/wiki/Meeting_notes"},
		{Name: "exists", As: "Sysop", Method: http.MethodPost, URL: page,
			Form: form("wpPadURL", pad, "wpTitle", "Existing", "wpSave", "1"), Status: http.StatusConflict,
			Want: []string{"already exists", `id="mw-etherpad-exists"`}},
		{Name: "replace", As: "Sysop", Method: http.MethodPost, URL: page,
			// The text comes from another pad address: the pad is fetched again.
			Form: form("wpPadURL", pad, "wpTitle", "Existing", "wpSave", "1", "wpOverwrite", "1",
				"wpTextbox1", "stale text", "wpFetchedURL", "http://elsewhere.example/p/x"),
			Status: http.StatusSeeOther, Location: "/wiki/Existing"},
	})
	ctx := context.Background()
	for title, want := range map[string]string{"Meeting_notes": "== Team meeting ==\n* corrected", "Existing": "== Team meeting ==\n\nDate:"} {
		p, err := env.Store.FindPageByTitle(ctx, folio.NSMain, title)
		if err != nil {
			t.Fatalf("page %s: %v", title, err)
		}
		rev, err := env.Store.FindRevisionByID(ctx, p.Latest)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(rev.Text, want) || rev.Comment != "Imported from Etherpad pad "+pad || rev.Actor.Name != "Sysop" {
			t.Errorf("%s: revision text %q, comment %q by %s", title, rev.Text, rev.Comment, rev.Actor.Name)
		}
	}
}
