package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// TestSignaturePreference: Special:Preferences sets the signature
// (wpnickname, wpfancysig), refuses an invalid fancy one, and a ~~~~ on a
// talk page is then saved with it. The watch options default to on for a
// new account, as in MediaWiki 1.39.
func TestSignaturePreference(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Wiki.PreSaver = env.Server.Renderer
	u := env.MustCreateUser("Signer")
	b := env.NewBrowser()
	b.MustLogin("Signer")
	bs := map[string]*Browser{"b": b}
	Run(t, bs, []Scenario{
		{Name: "form", As: "b", URL: "/wiki/Special:Preferences", Status: http.StatusOK,
			Want: []string{`id="wpnickname" name="wpnickname" value=""`, `id="wpfancysig" name="wpfancysig" value="1">`,
				`id="wpwatchdefault" name="wpwatchdefault" value="1" checked`, `id="wpwatchcreations" name="wpwatchcreations" value="1" checked`}},
		{Name: "nested signature refused", As: "b", Method: "POST", URL: "/wiki/Special:Preferences",
			Form:   url.Values{"wpnickname": {"[[User:Signer|Sig]] ~~~"}, "wpfancysig": {"1"}, "wpEditToken": {"{token}"}},
			Status: http.StatusBadRequest, Want: []string{"may not contain a signature"}},
		{Name: "too long refused", As: "b", Method: "POST", URL: "/wiki/Special:Preferences",
			Form:   url.Values{"wpnickname": {strings.Repeat("x", 256)}, "wpEditToken": {"{token}"}},
			Status: http.StatusBadRequest, Want: []string{"at most 255"}},
		{Name: "save", As: "b", Method: "POST", URL: "/wiki/Special:Preferences",
			Form:   url.Values{"wpnickname": {"[[User:Signer|'''The Signer''']]"}, "wpfancysig": {"1"}, "wpEditToken": {"{token}"}},
			Status: http.StatusOK, Want: []string{"have been saved", `value="[[User:Signer|&#39;&#39;&#39;The Signer&#39;&#39;&#39;]]"`,
				`id="wpfancysig" name="wpfancysig" value="1" checked`, `id="wpwatchdefault" name="wpwatchdefault" value="1">`}},
		{Name: "sign", As: "b", Method: "POST", URL: "/index.php?title=Talk:Signed&action=submit",
			Form: url.Values{"wpTextbox1": {"Hello. ~~~~"}, "wpEditToken": {"{token}"}}, Status: http.StatusSeeOther},
	})
	ctx := context.Background()
	p, err := env.Store.FindPageByTitle(ctx, folio.NSTalk, "Signed")
	if err != nil {
		t.Fatal(err)
	}
	rev, err := env.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rev.Text, "Hello. [[User:Signer|'''The Signer''']] ") || !strings.HasSuffix(rev.Text, "(UTC)") {
		t.Errorf("saved text %q; want the fancy signature and a date", rev.Text)
	}
	// watchdefault was turned off in the same form: the edit did not watch.
	if ok, err := env.Wiki.IsWatched(ctx, u, env.Server.Namespaces.MakeTitle(folio.NSTalk, "Signed")); err != nil || ok {
		t.Errorf("IsWatched(Talk:Signed) = %v, %v; want false with watchdefault and watchcreations off", ok, err)
	}
}
