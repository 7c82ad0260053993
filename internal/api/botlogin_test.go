package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestBotPasswordLogin logs in as User@bot and checks that the session
// has only the rights of the bot password's grants.
func TestBotPasswordLogin(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		setupBasic(env)
		ctx := context.Background()
		sysop, _ := env.Store.FindUserByName(ctx, "Sysop")
		pw, err := env.Wiki.CreateBotPassword(ctx, sysop, "editor", []string{"editpage"})
		if err != nil {
			t.Fatalf("CreateBotPassword() error: %v", err)
		}
		c := env.NewClient()
		login := func(name, password string) *Response {
			return c.Post(Params("action", "login", "lgname", name, "lgpassword", password, "lgtoken", c.Token("login"), "format", "json"))
		}
		if r := login("Sysop@editor", "wrong"); Path(r.JSON, "login", "result") != "Failed" {
			t.Errorf("login with a wrong bot password = %s, want Failed", r.Body)
		}
		if r := login("Sysop@nobot", pw); Path(r.JSON, "login", "result") != "Failed" {
			t.Errorf("login with an unknown bot = %s, want Failed", r.Body)
		}
		r := login("Sysop@editor", pw)
		if Path(r.JSON, "login", "result") != "Success" || Path(r.JSON, "login", "lgusername") != "Sysop" {
			t.Fatalf("bot password login = %s, want Success as Sysop", r.Body)
		}
		info := c.Get(Params("action", "query", "meta", "userinfo", "uiprop", "rights", "format", "json", "formatversion", "2"))
		rights := fmt.Sprint(Path(info.JSON, "query", "userinfo", "rights"))
		for _, want := range []string{"edit", "read"} {
			if !slices.Contains(splitFields(rights), want) {
				t.Errorf("rights %s lack %q", rights, want)
			}
		}
		for _, no := range []string{"delete", "protect", "move"} {
			if slices.Contains(splitFields(rights), no) {
				t.Errorf("rights %s include %q, which the grants do not give", rights, no)
			}
		}
		edit := c.Post(Params("action", "edit", "title", "Alpha", "text", "bot text", "token", c.Token("csrf"), "format", "json"))
		if Path(edit.JSON, "edit", "result") != "Success" {
			t.Errorf("edit with the editpage grant = %s", edit.Body)
		}
		del := c.Post(Params("action", "delete", "title", "Beta", "token", c.Token("csrf"), "format", "json"))
		if Path(del.JSON, "error", "code") != "permissiondenied" {
			t.Errorf("delete without the delete grant = %s, want permissiondenied", del.Body)
		}
		anon := func() bool {
			r := c.Get(Params("action", "query", "meta", "userinfo", "format", "json", "formatversion", "2"))
			return Path(r.JSON, "query", "userinfo", "anon") == true
		}
		newPW, err := env.Wiki.UpdateBotPassword(ctx, sysop, "editor", []string{"editpage", "delete"}, true)
		if err != nil || newPW == "" || newPW == pw {
			t.Fatalf("UpdateBotPassword(reset) = %q, %v; want a new password", newPW, err)
		}
		if !anon() {
			t.Errorf("the session survived a password reset, want it ended")
		}
		if r := login("Sysop@editor", pw); Path(r.JSON, "login", "result") != "Failed" {
			t.Errorf("login with the old bot password after a reset = %s, want Failed", r.Body)
		}
		if r := login("Sysop@editor", newPW); Path(r.JSON, "login", "result") != "Success" {
			t.Fatalf("login with the new bot password = %s", r.Body)
		}
		del = c.Post(Params("action", "delete", "title", "Beta", "token", c.Token("csrf"), "format", "json"))
		if Path(del.JSON, "delete", "title") != "Beta" {
			t.Errorf("delete with the delete grant added = %s", del.Body)
		}
		if err := env.Wiki.DeleteBotPassword(ctx, sysop, "editor"); err != nil {
			t.Fatal(err)
		}
		if !anon() {
			t.Errorf("the session survived the deletion of its bot password, want it ended")
		}
	})
}

// splitFields splits fmt's rendering of a []any ("[a b c]").
func splitFields(s string) []string { return strings.Fields(strings.Trim(s, "[]")) }
