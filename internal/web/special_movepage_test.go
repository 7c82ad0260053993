package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

func moveForm(newTitle string, extra ...string) url.Values {
	f := url.Values{"wpNewTitle": {newTitle}, "wpReason": {"tidy"}, "wpEditToken": {"{token}"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

// TestMovePage: the Move tab, the form, CSRF, rights, refusals and a
// move with the talk page on every backend.
func TestMovePage(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Alice")
		env.MustCreateUser("Sysop", "sysop")
		env.MustEdit("Alpha", "Alpha text.", "", nil)
		env.MustEdit("Talk:Alpha", "Talk.", "", nil)
		env.MustEdit("Beta", "Beta text.", "", nil)
		env.MustEdit("Gamma", "Gamma text.", "", nil)
		anon, alice, sysop := env.NewBrowser(), env.NewBrowser(), env.NewBrowser()
		alice.MustLogin("Alice")
		sysop.MustLogin("Sysop")
		Run(t, map[string]*Browser{"anon": anon, "alice": alice, "sysop": sysop}, []Scenario{
			{Name: "anonymous visitors get no Move tab", As: "anon", URL: "/wiki/Alpha", Status: http.StatusOK, DontWant: []string{`id="ca-move"`}},
			{Name: "users get a Move tab", As: "alice", URL: "/wiki/Alpha", Status: http.StatusOK, Want: []string{`id="ca-move"`, "Special:MovePage/Alpha"}},
			{Name: "anonymous visitors may not move", As: "anon", URL: "/wiki/Special:MovePage/Alpha", Status: http.StatusForbidden},
			{Name: "form", As: "alice", URL: "/wiki/Special:MovePage/Alpha", Status: http.StatusOK,
				Want: []string{`id="wpNewTitle"`, `value="Alpha"`, `id="wpMovetalk"`}, DontWant: []string{`id="wpLeaveRedirect"`}},
			{Name: "sysops may choose no redirect", As: "sysop", URL: "/wiki/Special:MovePage/Alpha", Status: http.StatusOK, Want: []string{`id="wpLeaveRedirect"`}},
			{Name: "missing page", As: "alice", URL: "/wiki/Special:MovePage/Nowhere", Status: http.StatusNotFound},
			{Name: "no target", As: "alice", URL: "/wiki/Special:MovePage", Status: http.StatusBadRequest},
			{Name: "bad token", As: "alice", Method: "POST", URL: "/wiki/Special:MovePage/Alpha",
				Form: url.Values{"wpNewTitle": {"Alpha2"}, "wpEditToken": {"bad"}}, Status: http.StatusBadRequest, Want: []string{"session data was lost"}},
			{Name: "existing target", As: "alice", Method: "POST", URL: "/wiki/Special:MovePage/Alpha", Form: moveForm("Beta"),
				Status: http.StatusConflict, Want: []string{"already exists", `id="wpNewTitle"`}, DontWant: []string{`id="wpDeleteAndMove"`}},
			{Name: "sysops are offered to delete the target", As: "sysop", Method: "POST", URL: "/wiki/Special:MovePage/Gamma", Form: moveForm("Beta"),
				Status: http.StatusConflict, Want: []string{`id="wpDeleteAndMove"`}},
			{Name: "users cannot delete and move", As: "alice", Method: "POST", URL: "/wiki/Special:MovePage/Alpha",
				Form: moveForm("Beta", "wpDeleteAndMove", "1"), Status: http.StatusForbidden},
			{Name: "delete and move", As: "sysop", Method: "POST", URL: "/wiki/Special:MovePage/Gamma",
				Form: moveForm("Beta", "wpDeleteAndMove", "1", "wpLeaveRedirect", "1"), Status: http.StatusOK, Want: []string{"has been moved to"}},
			{Name: "Beta holds Gamma's text", As: "anon", URL: "/wiki/Beta", Status: http.StatusOK, Want: []string{"Gamma text."}},
			{Name: "bad title", As: "alice", Method: "POST", URL: "/wiki/Special:MovePage/Alpha", Form: moveForm("Bad[title]"),
				Status: http.StatusBadRequest},
			{Name: "move with the talk page", As: "alice", Method: "POST", URL: "/wiki/Special:MovePage/Alpha",
				Form: moveForm("Alpha & new", "wpMovetalk", "1"), Status: http.StatusOK,
				Want: []string{"has been moved to", "Alpha &amp; new", "Talk:Alpha &amp; new", "redirect"}},
			{Name: "old title redirects", As: "anon", URL: "/wiki/Alpha?redirect=no", Status: http.StatusOK, Want: []string{"Alpha_%26_new"}},
			{Name: "moved page", As: "anon", URL: "/wiki/Alpha_%26_new", Status: http.StatusOK, Want: []string{"Alpha text."}},
			{Name: "move log", As: "anon", URL: "/wiki/Special:Log?type=move", Status: http.StatusOK,
				Want: []string{"moved the page", "to Alpha &amp; new", "to Talk:Alpha &amp; new"}},
		})
	})
}

var passwordRE = regexp.MustCompile(`id="mw-botpasswords-password">([a-z0-9]+)<`)

// TestBotPasswordsPage: create (shown once), list and delete bot
// passwords, with CSRF and login checks.
func TestBotPasswordsPage(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	anon, alice := env.NewBrowser(), env.NewBrowser()
	alice.MustLogin("Alice")
	browsers := map[string]*Browser{"anon": anon, "alice": alice}
	create := url.Values{"wpAction": {"create"}, "wpAppId": {"tool & x"}, "wpGrants": {"editpage", "patrol"}, "wpEditToken": {"{token}"}}
	Run(t, browsers, []Scenario{
		{Name: "needs a login", As: "anon", URL: "/wiki/Special:BotPasswords", Status: http.StatusForbidden},
		{Name: "empty list", As: "alice", URL: "/wiki/Special:BotPasswords", Status: http.StatusOK,
			Want: []string{`id="mw-botpasswords-none"`, `value="createeditmovepage"`}, DontWant: []string{`value="basic"`}},
		{Name: "bad token", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords",
			Form: url.Values{"wpAction": {"create"}, "wpAppId": {"x"}, "wpEditToken": {"bad"}}, Status: http.StatusBadRequest},
		{Name: "bad name", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords",
			Form: url.Values{"wpAction": {"create"}, "wpAppId": {"a@b"}, "wpEditToken": {"{token}"}}, Status: http.StatusBadRequest},
	})
	resp := alice.Do(http.MethodPost, "/wiki/Special:BotPasswords", (Scenario{Form: create}).form(alice))
	m := passwordRE.FindStringSubmatch(resp.Body)
	if resp.Status != http.StatusOK || m == nil {
		t.Fatalf("create: status %d, no password shown\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	Run(t, browsers, []Scenario{
		{Name: "listed, password not shown again", As: "alice", URL: "/wiki/Special:BotPasswords", Status: http.StatusOK,
			Want: []string{"tool &amp; x", "basic, editpage, patrol"}, DontWant: []string{m[1], "tool & x<"}},
		{Name: "duplicate", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords", Form: create, Status: http.StatusBadRequest,
			Want: []string{"already exists"}},
		{Name: "edit form", As: "alice", URL: "/wiki/Special:BotPasswords/tool_%26_x", Status: http.StatusOK,
			Want: []string{"Change the bot password tool &amp; x", `value="patrol" checked`, `id="wpReset"`}, DontWant: []string{`value="rollback" checked`}},
		{Name: "unknown bot", As: "alice", URL: "/wiki/Special:BotPasswords/nothing", Status: http.StatusNotFound},
		{Name: "underscores in the name", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords",
			Form: url.Values{"wpAction": {"create"}, "wpAppId": {"my_bot"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"Alice@my_bot"}},
		{Name: "edit a name with underscores", As: "alice", URL: "/wiki/Special:BotPasswords/my_bot", Status: http.StatusOK,
			Want: []string{"Change the bot password my_bot"}},
		{Name: "update grants", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords/tool_%26_x",
			Form: url.Values{"wpAction": {"update"}, "wpGrants": {"rollback"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"have been saved", `value="rollback" checked`}, DontWant: []string{`value="patrol" checked`, `id="mw-botpasswords-password"`}},
		{Name: "reset", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords/tool_%26_x",
			Form: url.Values{"wpAction": {"reset"}, "wpGrants": {"rollback"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{`id="mw-botpasswords-password"`}, DontWant: []string{m[1]}},
		{Name: "reset needs a token", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords/tool_%26_x",
			Form: url.Values{"wpAction": {"reset"}, "wpEditToken": {"bad"}}, Status: http.StatusBadRequest},
		{Name: "delete", As: "alice", Method: "POST", URL: "/wiki/Special:BotPasswords",
			Form: url.Values{"wpAction": {"delete"}, "wpAppId": {"tool & x"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"has been deleted", "my_bot"}, DontWant: []string{">tool &amp; x<"}},
	})
}

// TestPatrolLog: Special:Log offers the patrol log and describes its
// entries.
func TestPatrolLog(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	alice := env.MustCreateUser("Alice")
	sysop := env.MustCreateUser("Sysop", "sysop")
	rev := env.MustEdit("Checked", "text", "", alice)
	if _, err := env.Wiki.Patrol(context.Background(), wiki.PatrolRequest{RevID: rev, User: sysop}); err != nil {
		t.Fatalf("Patrol() error: %v", err)
	}
	Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
		{Name: "patrol log", As: "anon", URL: "/wiki/Special:Log?type=patrol", Status: http.StatusOK,
			Want: []string{"Patrol log", "marked a revision of", "Checked", fmt.Sprintf("(revision %d)", rev)}},
	})
}

// TestMarkPatrolled: the diff of an unpatrolled change offers patrollers
// a "mark as patrolled" button, which needs the right and a token.
func TestMarkPatrolled(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	alice := env.MustCreateUser("Alice")
	env.MustCreateUser("Sysop", "sysop")
	rev := env.MustEdit("Checked", "text", "", alice)
	rc, _, err := env.Wiki.Store.(folio.PatrolStore).FindRecentChangeByRevID(context.Background(), rev)
	if err != nil {
		t.Fatal(err)
	}
	anon, al, sysop := env.NewBrowser(), env.NewBrowser(), env.NewBrowser()
	al.MustLogin("Alice")
	sysop.MustLogin("Sysop")
	diffURL := fmt.Sprintf("/index.php?title=Checked&diff=%d", rev)
	markURL := fmt.Sprintf("/index.php?title=Checked&action=markpatrolled&rcid=%d", rc.ID)
	Run(t, map[string]*Browser{"anon": anon, "alice": al, "sysop": sysop}, []Scenario{
		{Name: "no button for visitors", As: "anon", URL: diffURL, Status: http.StatusOK, DontWant: []string{`id="mw-patrol-link"`}},
		{Name: "no button for one's own edit", As: "alice", URL: diffURL, Status: http.StatusOK, DontWant: []string{`id="mw-patrol-link"`}},
		{Name: "button for patrollers", As: "sysop", URL: diffURL, Status: http.StatusOK, Want: []string{`id="mw-patrol-link"`, "action=markpatrolled"}},
		{Name: "needs the patrol right", As: "alice", Method: "POST", URL: markURL, Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusForbidden},
		{Name: "needs a token", As: "sysop", Method: "POST", URL: markURL, Form: url.Values{"wpEditToken": {"bad"}}, Status: http.StatusBadRequest},
		{Name: "confirmation form", As: "sysop", URL: markURL, Status: http.StatusOK, Want: []string{`id="wpMarkPatrolled"`}},
		{Name: "mark", As: "sysop", Method: "POST", URL: markURL, Form: url.Values{"wpEditToken": {"{token}"}}, Status: http.StatusOK,
			Want: []string{"has been marked as patrolled"}},
		{Name: "no button once patrolled", As: "sysop", URL: diffURL, Status: http.StatusOK, DontWant: []string{`id="mw-patrol-link"`}},
	})
}
