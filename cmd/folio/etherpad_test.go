package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestImportEtherpadCommand(t *testing.T) {
	export, err := os.ReadFile("../../wikitext/ext/etherpad/testdata/meeting.html")
	if err != nil {
		t.Fatal(err)
	}
	pad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/p/team-meeting/export/html" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(export)
	}))
	t.Cleanup(pad.Close)
	padURL := pad.URL + "/p/team-meeting"
	data := t.TempDir()
	mustFolio(t, data, "migrate")

	out := mustFolio(t, data, "import-etherpad", "--print", padURL, "Ignored")
	if !strings.HasPrefix(out, "== Team meeting ==\n") {
		t.Errorf("--print = %q", out)
	}
	out = mustFolio(t, data, "import-etherpad", padURL, "Pad notes")
	if !strings.Contains(out, "Saved Pad notes (revision ") {
		t.Errorf("import-etherpad = %q", out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{padURL, "Pad notes"}, "already exists; use --overwrite"},
		{[]string{"file:///etc/passwd", "X"}, "http:// or https://"},
		{[]string{pad.URL + "/p/missing", "X"}, "HTTP status 404"},
		{[]string{padURL}, "give the pad URL and the page TITLE"},
		{[]string{padURL, "Special:X"}, "not a valid page title"},
	} {
		_, stderr, err := folioRun(t, data, nil, append([]string{"import-etherpad"}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error()+stderr, tt.want) {
			t.Errorf("import-etherpad %v: %v, want %q", tt.args, err, tt.want)
		}
	}
	mustFolio(t, data, "import-etherpad", "--overwrite", padURL, "Pad notes")

	store := mustOpenData(t, data)
	ctx := context.Background()
	p, err := store.FindPageByTitle(ctx, folio.NSMain, "Pad_notes")
	if err != nil {
		t.Fatal(err)
	}
	revs, err := store.FindRevisions(ctx, folio.RevisionFilter{PageID: &p.ID, Limit: 10})
	if err != nil || len(revs) != 1 {
		// The second save had the same text: MediaWiki stores no null edit.
		t.Logf("revisions: %d, %v", len(revs), err)
	}
	rev, err := store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Comment != "Imported from Etherpad pad "+padURL || rev.Actor.Name != "Maintenance script" || !strings.Contains(rev.Text, "* '''Ann''' (chair)") {
		t.Errorf("revision: comment %q by %q, text %q", rev.Comment, rev.Actor.Name, rev.Text)
	}
}
