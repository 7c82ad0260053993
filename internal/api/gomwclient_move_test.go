package api_test

import (
	"context"
	"testing"

	mwclient "cgt.name/pkg/go-mwclient"
	"cgt.name/pkg/go-mwclient/params"
)

// TestGoMWClientBotPasswordMove logs go-mwclient in with a bot password
// (User@bot) and moves a page with action=move, as bots do; the grants
// let it move but not delete.
func TestGoMWClientBotPasswordMove(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		u := env.MustCreateUser("Bot Owner", "sysop")
		env.MustEdit("Draft", "A draft.", nil)
		pw, err := env.Wiki.CreateBotPassword(context.Background(), u, "mover", []string{"createeditmovepage"})
		if err != nil {
			t.Fatalf("CreateBotPassword() error: %v", err)
		}
		w, err := mwclient.New(env.URL+"/api.php", "folio-test")
		if err != nil {
			t.Fatalf("mwclient.New() error: %v", err)
		}
		if err := w.Login("Bot Owner@mover", pw); err != nil {
			t.Fatalf("Login(Bot Owner@mover) error: %v", err)
		}
		tok, err := w.GetToken(mwclient.CSRFToken)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := w.Post(params.Values{"action": "move", "from": "Draft", "to": "Article", "reason": "ready", "token": tok})
		if err != nil {
			t.Fatalf("move error: %v", err)
		}
		if to, _ := resp.GetString("move", "to"); to != "Article" {
			t.Errorf("move answer = %s, want to=Article", resp)
		}
		content, _, err := w.GetPageByName("Article")
		if err != nil || content != "A draft." {
			t.Errorf("GetPageByName(Article) = %q, %v; want the moved text", content, err)
		}
		_, err = w.Post(params.Values{"action": "delete", "title": "Article", "token": tok})
		if apiErr, ok := err.(mwclient.APIError); !ok || apiErr.Code != "permissiondenied" {
			t.Errorf("delete with a bot password without the delete grant: %v, want permissiondenied", err)
		}
	})
}
