package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// saveForm is the edit form as a browser submits it.
func saveForm(text, summary string, base int64, button string) url.Values {
	return url.Values{
		"wpTextbox1": {text}, "wpSummary": {summary}, "baseRevId": {strconv.FormatInt(base, 10)},
		"wpEditToken": {"{token}"}, button: {"1"},
	}
}

func TestEdit(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		r1 := env.MustEdit("Alpha", "one\ntwo\nthree", "create", nil)
		r2 := env.MustEdit("Alpha", "one\ntwo\nthree\nfour", "add four", nil)
		browsers := map[string]*Browser{"anon": env.NewBrowser()}
		Run(t, browsers, []Scenario{
			{Name: "edit form", As: "anon", URL: "/index.php?title=Alpha&action=edit", Status: http.StatusOK,
				Want: []string{`id="wpTextbox1"`, "one\ntwo\nthree\nfour</textarea>", `id="wpSummary"`, `id="wpSave"`, `id="wpPreview"`,
					`id="wpDiff"`, `name="wpEditToken"`, `name="wpStarttime"`, `name="wpEdittime"`,
					fmt.Sprintf(`name="baseRevId" value="%d"`, r2), "Editing Alpha", `id="mw-anon-edit-warning"`},
				DontWant: []string{`id="wpMinoredit"`}}, // anonymous users cannot mark edits minor
			{Name: "create form", As: "anon", URL: "/index.php?title=Brand_new&action=edit", Status: http.StatusOK,
				Want: []string{"Creating Brand new", `name="baseRevId" value="0"`}},
			{Name: "preview", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: saveForm("previewed <text>", "", r2, "wpPreview"), Status: http.StatusOK,
				Want: []string{`id="wikiPreview"`, "previewed &lt;text&gt;", "previewed &lt;text&gt;</textarea>"}},
			{Name: "show changes", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: saveForm("one\n2\nthree\nfour", "", r2, "wpDiff"), Status: http.StatusOK,
				Want: []string{`class="diff`, "diff-deletedline", "diff-addedline", `id="wikiDiff"`}},
			{Name: "save without token is refused and keeps the text", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: url.Values{"wpTextbox1": {"lost?"}, "baseRevId": {strconv.FormatInt(r2, 10)}, "wpSave": {"1"}}, Status: http.StatusBadRequest,
				Want: []string{"lost?</textarea>", "session"}},
			{Name: "a form without the text saves nothing", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: url.Values{"wpEditToken": {"{token}"}, "wpSave": {"1"}, "baseRevId": {strconv.FormatInt(r2, 10)}}, Status: http.StatusBadRequest,
				Want: []string{"without the page text"}},
			{Name: "save with a wrong token is refused", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: url.Values{"wpTextbox1": {"x"}, "wpEditToken": {"forged"}, "wpSave": {"1"}}, Status: http.StatusBadRequest},
			{Name: "save", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
				Form: saveForm("ONE\ntwo\nthree\nfour", "shout", r2, "wpSave"), Status: http.StatusSeeOther, Location: "/wiki/Alpha"},
			{Name: "saved text shows", As: "anon", URL: "/wiki/Alpha", Status: http.StatusOK, Want: []string{"ONE\ntwo"}},
			{Name: "create", As: "anon", Method: "POST", URL: "/index.php?title=Brand_new&action=submit",
				Form: saveForm("fresh page", "new", 0, "wpSave"), Status: http.StatusSeeOther, Location: "/wiki/Brand_new"},
			{Name: "created page shows", As: "anon", URL: "/wiki/Brand_new", Status: http.StatusOK, Want: []string{"fresh page"}},
			{Name: "undo form", As: "anon", URL: fmt.Sprintf("/index.php?title=Alpha&action=edit&undo=%d&undoafter=%d", r2, r1), Status: http.StatusOK,
				Want: []string{"ONE\ntwo\nthree</textarea>", fmt.Sprintf("Undid revision %d by 192.0.2.7", r2), "wpUndidRevision", "diff-deletedline"}},
			{Name: "editing a special page is refused", As: "anon", URL: "/index.php?title=Special:RecentChanges&action=edit", Status: http.StatusOK,
				DontWant: []string{`id="wpTextbox1"`}},
		})
	})
}

func TestEditConflict(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		base := env.MustEdit("Shared", "alpha\nbeta\ngamma\ndelta\nepsilon", "create", nil)
		first, second := env.NewBrowser(), env.NewBrowser()
		browsers := map[string]*Browser{"first": first, "second": second}
		Run(t, browsers, []Scenario{
			{Name: "first editor saves", As: "first", Method: "POST", URL: "/index.php?title=Shared&action=submit",
				Form: saveForm("ALPHA\nbeta\ngamma\ndelta\nepsilon", "first", base, "wpSave"), Status: http.StatusSeeOther},
			{Name: "second editor's non-overlapping change merges", As: "second", Method: "POST", URL: "/index.php?title=Shared&action=submit",
				Form: saveForm("alpha\nbeta\ngamma\ndelta\nEPSILON", "second", base, "wpSave"), Status: http.StatusSeeOther},
			{Name: "both changes are in the page", As: "first", URL: "/index.php?title=Shared&action=raw", Status: http.StatusOK,
				Want: []string{"ALPHA\nbeta\ngamma\ndelta\nEPSILON"}},
			{Name: "an overlapping change shows the conflict page", As: "second", Method: "POST", URL: "/index.php?title=Shared&action=submit",
				Form: saveForm("Alpha from second\nbeta\ngamma\ndelta\nepsilon", "clash", base, "wpSave"), Status: http.StatusConflict,
				Want: []string{`id="wpTextbox1"`, "ALPHA\nbeta\ngamma\ndelta\nEPSILON</textarea>", `id="wpTextbox2"`,
					"Alpha from second\nbeta\ngamma\ndelta\nepsilon</textarea>", `class="diff`, "Edit conflict", `value="clash"`}},
			{Name: "nothing was saved", As: "first", URL: "/index.php?title=Shared&action=raw", Status: http.StatusOK,
				Want: []string{"ALPHA\nbeta\ngamma\ndelta\nEPSILON"}, DontWant: []string{"Alpha from second"}},
		})
		revs := mustRevisions(t, env, "Shared")
		if len(revs) != 3 {
			t.Errorf("Shared has %d revisions, want 3 (create, first, merged second)", len(revs))
		}
	})
}

// TestConflictPageSaves checks that the conflict page's form saves on top
// of the latest revision.
func TestConflictPageSaves(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	base := env.MustEdit("Shared", "a\nb\nc", "", nil)
	env.MustEdit("Shared", "a\nB1\nc", "", nil)
	b := env.NewBrowser()
	resp := b.Do(http.MethodPost, "/index.php?title=Shared&action=submit", withToken(b, saveForm("a\nB2\nc", "", base, "wpSave")))
	if resp.Status != http.StatusConflict {
		t.Fatalf("conflicting save: status %d, want 409", resp.Status)
	}
	latest := mustRevisions(t, env, "Shared")[0].ID
	if !strings.Contains(resp.Body, fmt.Sprintf(`name="baseRevId" value="%d"`, latest)) {
		t.Fatalf("conflict form does not build on the latest revision %d", latest)
	}
	if !strings.Contains(resp.Body, `<textarea id="wpTextbox2" name="wpTextbox2"`) {
		t.Fatal("the conflict page does not carry the user's text in its form")
	}
	preview := saveForm("a\nB1 and B2\nc", "", latest, "wpPreview")
	preview.Set("wpTextbox2", "a\nB2\nc")
	resp = b.Do(http.MethodPost, "/index.php?title=Shared&action=submit", withToken(b, preview))
	if resp.Status != http.StatusOK || !strings.Contains(resp.Body, "a\nB2\nc</textarea>") || !strings.Contains(resp.Body, `id="wikiPreview"`) {
		t.Errorf("preview on the conflict page: status %d, lost the user's text or the preview", resp.Status)
	}
	resp = b.Do(http.MethodPost, "/index.php?title=Shared&action=submit", withToken(b, saveForm("a\nB1 and B2\nc", "", latest, "wpSave")))
	if resp.Status != http.StatusSeeOther {
		t.Errorf("resolved save: status %d, want 303", resp.Status)
	}
}

func withToken(b *Browser, f url.Values) url.Values {
	f.Set("wpEditToken", b.Token())
	return f
}

// mustRevisions lists the revisions of a page, newest first.
func mustRevisions(t *testing.T, env *Env, title string) []*folio.Revision {
	t.Helper()
	ctx := context.Background()
	tt, _ := env.Server.Namespaces.ParseTitle(title, folio.NSMain)
	p, err := env.Store.FindPageByTitle(ctx, tt.Namespace, tt.DBKey)
	if err != nil {
		t.Fatalf("FindPageByTitle(%q) error: %v", title, err)
	}
	revs, err := env.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &p.ID, Limit: 100})
	if err != nil {
		t.Fatalf("FindRevisions error: %v", err)
	}
	return revs
}

// TestEditDeletedPage checks that a save for a page deleted meanwhile
// keeps the text and offers to re-create the page.
func TestEditDeletedPage(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Sysop", "sysop")
	base := env.MustEdit("Gone", "old", "", nil)
	sysop, anon := env.NewBrowser(), env.NewBrowser()
	sysop.MustLogin("Sysop")
	Run(t, map[string]*Browser{"sysop": sysop, "anon": anon}, []Scenario{
		{Name: "delete", As: "sysop", Method: "POST", URL: "/index.php?title=Gone&action=delete", Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK},
		{Name: "save offers re-creation", As: "anon", Method: "POST", URL: "/index.php?title=Gone&action=submit",
			Form: saveForm("my new text", "", base, "wpSave"), Status: http.StatusConflict,
			Want: []string{"my new text</textarea>", "deleted after you started", `name="baseRevId" value="0"`}},
		{Name: "save again re-creates", As: "anon", Method: "POST", URL: "/index.php?title=Gone&action=submit",
			Form: saveForm("my new text", "", 0, "wpSave"), Status: http.StatusSeeOther},
	})
}

// TestTooLargeBody checks that an oversized form is refused with 413.
func TestTooLargeBody(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	b := env.NewBrowser()
	resp := b.Do(http.MethodPost, "/index.php?title=Big&action=submit", url.Values{"wpTextbox1": {strings.Repeat("é", 4<<20)}})
	if resp.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized submit: status %d, want 413", resp.Status)
	}
}

// TestReadOnly checks that a read-only wiki shows the source and refuses
// saves without losing the text.
func TestReadOnly(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	base := env.MustEdit("Alpha", "text", "", nil)
	env.Wiki.ReadOnly = "maintenance until noon"
	Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
		{Name: "edit shows the source", As: "anon", URL: "/index.php?title=Alpha&action=edit", Status: http.StatusServiceUnavailable,
			Want: []string{"maintenance until noon", "readonly"}, DontWant: []string{`id="wpSave"`}},
		{Name: "save is refused", As: "anon", Method: "POST", URL: "/index.php?title=Alpha&action=submit",
			Form: saveForm("kept text", "", base, "wpSave"), Status: http.StatusServiceUnavailable, Want: []string{"kept text</textarea>"}},
		{Name: "pages still show", As: "anon", URL: "/wiki/Alpha", Status: http.StatusOK},
	})
}

// TestEditTimeBase checks that a form without baseRevId builds on the
// revision named by wpEdittime, so that its save merges.
func TestEditTimeBase(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Alpha", "one\ntwo\nthree", "", nil)
	b := env.NewBrowser()
	form := b.Do(http.MethodGet, "/index.php?title=Alpha&action=edit", nil).Body
	m := regexp.MustCompile(`name="wpEdittime" value="(\d{14})"`).FindStringSubmatch(form)
	if m == nil {
		t.Fatal("no wpEdittime in the edit form")
	}
	env.MustEdit("Alpha", "ONE\ntwo\nthree", "", nil)
	resp := b.Do(http.MethodPost, "/index.php?title=Alpha&action=submit", url.Values{
		"wpTextbox1": {"one\ntwo\nTHREE"}, "wpEdittime": {m[1]}, "wpSave": {"1"}, "wpEditToken": {b.Token()},
	})
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("save with wpEdittime only: status %d, want 303", resp.Status)
	}
	if raw := b.Do(http.MethodGet, "/index.php?title=Alpha&action=raw", nil).Body; raw != "ONE\ntwo\nTHREE" {
		t.Errorf("merged text = %q, want %q", raw, "ONE\ntwo\nTHREE")
	}
}
