package api_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

func md5Hex(s string) string {
	h := md5.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}

// setupEdit adds a page with sections and a protected page to setupBasic.
func setupEdit(env *Env) {
	setupBasic(env)
	env.MustEdit("Sections", "Lead\n\n== One ==\nFirst\n\n== Two ==\nSecond", nil)
	env.MustEdit("Locked", "Locked text.", nil)
	ctx := context.Background()
	p, err := env.Store.FindPageByTitle(ctx, folio.NSMain, "Locked")
	if err != nil {
		env.T.Fatal(err)
	}
	sysop, _ := env.Store.FindUserByName(ctx, "Sysop")
	if _, err := env.Wiki.Protect(ctx, sysop, "", p, []folio.Protection{{Type: "edit", Level: "sysop"}}, "test"); err != nil {
		env.T.Fatal(err)
	}
	env.MustEdit("Deleted page", "Soon gone.", nil)
	gone, _ := env.Store.FindPageByTitle(ctx, folio.NSMain, "Deleted_page")
	if _, err := env.Wiki.Delete(ctx, sysop, "", gone, "test"); err != nil {
		env.T.Fatal(err)
	}
}

// edit starts the parameters of an action=edit request.
func edit(kv ...string) []string {
	return append([]string{"action", "edit", "formatversion", "2"}, kv...)
}

// TestEdit covers action=edit: text sources, sections, create flags, md5,
// null edits, rights and protection.
func TestEdit(t *testing.T) {
	runScenarios(t, setupEdit, editScenarios)
}

// editScenarios is the table of TestEdit.
var editScenarios = []scenario{
	{name: "create", as: "Alice", post: true, token: "csrf", params: P(edit("title", "New page", "text", "Hello", "summary", "s")...),
		want: map[string]any{"edit.result": "Success", "edit.new": true, "edit.oldrevid": 0.0, "edit.title": "New page"}},
	{name: "read back", params: P("action", "query", "titles", "New page", "prop", "revisions", "rvprop", "content|comment|user", "rvslots", "main", "formatversion", "2"),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Hello", "query.pages.0.revisions.0.comment": "s", "query.pages.0.revisions.0.user": "Alice"}},
	{name: "appendtext and prependtext", as: "Alice", post: true, token: "csrf", params: P(edit("title", "New page", "appendtext", " world", "prependtext", "Oh. ")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "appended text", params: P("action", "parse", "page", "New page", "prop", "wikitext", "formatversion", "2"),
		want: map[string]any{"parse.wikitext": "Oh. Hello world"}},
	{name: "multipart edit", as: "Alice", multipart: true, token: "csrf", params: P(edit("title", "Multipart", "text", "Sent as multipart/form-data.")...),
		want: map[string]any{"edit.result": "Success", "edit.new": true}},
	{name: "null edit", as: "Alice", post: true, token: "csrf", params: P(edit("title", "Multipart", "text", "Sent as multipart/form-data.")...),
		want: map[string]any{"edit.nochange": true}, absent: []string{"edit.newrevid"}},
	{name: "new section", post: true, token: "csrf", params: P(edit("title", "Sections", "section", "new", "sectiontitle", "Three", "text", "Third")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "replace section 1", post: true, token: "csrf", params: P(edit("title", "Sections", "section", "1", "text", "== One ==\nFirst, edited")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "sections read back", params: P("action", "query", "titles", "Sections", "prop", "revisions", "rvprop", "content|comment", "rvslots", "main", "formatversion", "2"),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Lead\n\n== One ==\nFirst, edited\n\n== Two ==\nSecond\n\n== Three ==\n\nThird"}},
	{name: "rvsection", params: P("action", "query", "titles", "Sections", "prop", "revisions", "rvprop", "content", "rvslots", "main", "rvsection", "2", "formatversion", "2"),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "== Two ==\nSecond"}},
	{name: "no such section", post: true, token: "csrf", params: P(edit("title", "Sections", "section", "9", "text", "x")...),
		want: map[string]any{"error.code": "nosuchsection"}},
	{name: "createonly on an existing page", post: true, token: "csrf", params: P(edit("title", "Alpha", "text", "x", "createonly", "1")...),
		want: map[string]any{"error.code": "articleexists"}},
	{name: "nocreate on a missing page", post: true, token: "csrf", params: P(edit("title", "Missing", "text", "x", "nocreate", "1")...),
		want: map[string]any{"error.code": "missingtitle"}},
	{name: "md5 mismatch", post: true, token: "csrf", params: P(edit("title", "Beta", "text", "x", "md5", md5Hex("y"))...),
		want: map[string]any{"error.code": "badmd5"}},
	{name: "md5 match", post: true, token: "csrf", params: P(edit("title", "Beta", "text", "Beta checked.", "md5", md5Hex("Beta checked."))...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "missing text", post: true, token: "csrf", params: P(edit("title", "Beta")...),
		want: map[string]any{"error.code": "missingparam"}},
	{name: "title and pageid", post: true, token: "csrf", params: P(edit("title", "Beta", "pageid", "1", "text", "x")...),
		want: map[string]any{"error.code": "invalidparammix"}},
	{name: "edit by page id", post: true, token: "csrf", params: P(edit("pageid", "1", "appendtext", "!")...),
		want: map[string]any{"edit.title": "Alpha", "edit.result": "Success"}},
	{name: "protected page", as: "Alice", post: true, token: "csrf", params: P(edit("title", "Locked", "text", "x")...),
		want: map[string]any{"error.code": "protectedpage"}},
	{name: "protected page for a sysop", as: "Sysop", post: true, token: "csrf", params: P(edit("title", "Locked", "text", "Sysop text.")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "interface page needs editinterface", as: "Alice", post: true, token: "csrf", params: P(edit("title", "MediaWiki:Sidebar", "text", "x")...),
		want: map[string]any{"error.code": "permissiondenied"}},
	{name: "special pages cannot be edited", post: true, token: "csrf", params: P(edit("title", "Special:Version", "text", "x")...),
		want: map[string]any{"error.code": "invalidtitle"}},
	{name: "bot flag needs the bot right", as: "Robot", post: true, token: "csrf", params: P(edit("title", "Bot page", "text", "x", "bot", "1")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "bot edit hidden from recent changes", params: P("action", "query", "list", "recentchanges", "rcshow", "!bot", "rcprop", "title", "formatversion", "2"),
		lacks: []string{"Bot page"}},
	{name: "edit through a redirect", post: true, token: "csrf", params: P(edit("title", "Beta link", "text", "#REDIRECT [[Beta]]")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "redirect parameter edits the target", post: true, token: "csrf", params: P(edit("title", "Beta link", "redirect", "1", "appendtext", " Via redirect.")...),
		want: map[string]any{"edit.title": "Beta"}},
	{name: "deleted since starttimestamp", as: "Sysop", post: true, token: "csrf", params: P(edit("title", "Deleted page", "text", "again", "starttimestamp", "2001-01-01T00:00:00Z")...),
		want: map[string]any{"error.code": "pagedeleted"}},
	{name: "recreate", as: "Sysop", post: true, token: "csrf", params: P(edit("title", "Deleted page", "text", "again", "starttimestamp", "2001-01-01T00:00:00Z", "recreate", "1")...),
		want: map[string]any{"edit.result": "Success"}},
	{name: "undo", post: true, token: "csrf", params: P(edit("title", "Undo me", "undo", "0")...),
		want: map[string]any{"error.code": "missingparam"}},
	{name: "csrf token of another session", post: true, params: P(edit("title", "Beta", "text", "x", "token", "abc+\\")...),
		want: map[string]any{"error.code": "badtoken"}},
}

// TestEditConflict checks that basetimestamp and baserevid protect
// concurrent edits: overlapping changes conflict, others merge, and a
// user's own later edits are no conflict.
func TestEditConflict(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		env.MustCreateUser("Bob")
		base := env.MustEdit("Shared", "line one\nline two\nline three", nil)
		alice, bob := env.NewClient(), env.NewClient()
		alice.MustLogin("Alice")
		bob.MustLogin("Bob")
		rev, _ := env.Store.FindRevisionByID(context.Background(), base)
		baseTS := rev.Timestamp.UTC().Format(time.RFC3339)
		save := func(c *Client, text, baseParam, baseValue string) *Response {
			return c.Post(P("action", "edit", "title", "Shared", "text", text, baseParam, baseValue,
				"token", c.Token("csrf"), "format", "json", "formatversion", "2"))
		}
		if r := save(bob, "line one\nline two\nline three, by Bob", "basetimestamp", baseTS); Path(r.JSON, "edit", "result") != "Success" {
			t.Fatalf("Bob's edit: %s", r.Body)
		}
		r := save(alice, "line one, by Alice\nline two\nline three", "baserevid", itoa(base))
		if Path(r.JSON, "edit", "result") != "Success" {
			t.Fatalf("Alice's non-overlapping edit was not merged: %s", r.Body)
		}
		r = save(alice, "line one\nline two\nline three, by Alice", "basetimestamp", baseTS)
		if got := Path(r.JSON, "error", "code"); got != "editconflict" {
			t.Errorf("overlapping edit: error.code = %v, want editconflict (%s)", got, r.Body)
		}
		r = save(bob, "Bob rewrites it all", "baserevid", itoa(base))
		if got := Path(r.JSON, "error", "code"); got != "editconflict" {
			t.Errorf("Bob's stale full rewrite: error.code = %v, want editconflict", got)
		}
		p, _ := env.Store.FindPageByTitle(context.Background(), folio.NSMain, "Shared")
		r = save(alice, "Alice again", "baserevid", itoa(p.Latest))
		if Path(r.JSON, "edit", "result") != "Success" {
			t.Fatalf("Alice's edit on the latest revision: %s", r.Body)
		}
		r = save(alice, "Alice once more", "baserevid", itoa(p.Latest))
		if Path(r.JSON, "edit", "result") != "Success" {
			t.Errorf("a user's own later edit must not conflict: %s", r.Body)
		}
		cur, _ := env.Store.FindPageByTitle(context.Background(), folio.NSMain, "Shared")
		text, _ := env.Store.FindRevisionByID(context.Background(), cur.Latest)
		if text.Text != "Alice once more" {
			t.Errorf("final text = %q, want %q", text.Text, "Alice once more")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestBlockedUser checks that a blocked user cannot edit and that
// userinfo reports the block.
func TestBlockedUser(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	sysop := env.MustCreateUser("Sysop", "sysop")
	env.MustCreateUser("Alice")
	if _, err := env.Wiki.Block(context.Background(), sysop, "Alice", time.Time{}, "vandalism"); err != nil {
		t.Fatalf("Block() error: %v", err)
	}
	c := env.NewClient()
	c.MustLogin("Alice")
	r := c.Post(P("action", "edit", "title", "X", "text", "y", "token", c.Token("csrf"), "format", "json", "formatversion", "2"))
	if got := Path(r.JSON, "error", "code"); got != "blocked" {
		t.Errorf("edit by a blocked user: error.code = %v, want blocked (%s)", got, r.Body)
	}
	r = c.Get(P("action", "query", "meta", "userinfo", "uiprop", "blockinfo", "format", "json", "formatversion", "2"))
	if Path(r.JSON, "query", "userinfo", "blockedby") != "Sysop" || Path(r.JSON, "query", "userinfo", "blockexpiry") != "infinite" {
		t.Errorf("userinfo of a blocked user = %s", r.Body)
	}
}
