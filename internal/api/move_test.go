package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// setupMove adds a page with a talk page and a subpage to setupBasic.
func setupMove(env *Env) {
	setupBasic(env)
	env.MustEdit("Talk:Alpha", "Talk about Alpha.", nil)
	env.MustEdit("Help:Guide", "Guide.", nil)
	env.MustEdit("Help:Guide/Part", "Part.", nil)
	env.MustEdit("Back", "#REDIRECT [[Gamma]]", nil)
	env.MustEdit("Delta", "Delta.", nil)
	env.MustEdit("Talk:Delta", "Talk.", nil)
	env.MustEdit("Talk:Delta2", "Taken.", nil)
}

// TestMoveModule covers action=move: rights, tokens, errors and the
// answer in both format versions.
func TestMoveModule(t *testing.T) {
	runScenarios(t, setupMove, moveScenarios)
}

var moveScenarios = []scenario{
	{name: "move needs a token", as: "Alice", post: true, params: P(fv2("action", "move", "from", "Alpha", "to", "Alpha2")...),
		want: map[string]any{"error.code": "missingparam"}},
	{name: "move with a bad token", as: "Alice", post: true, params: P(fv2("action", "move", "from", "Alpha", "to", "Alpha2", "token", "bad+\\")...),
		want: map[string]any{"error.code": "badtoken"}},
	{name: "move must be posted", as: "Alice", params: P(fv2("action", "move", "from", "Alpha", "to", "Alpha2")...),
		want: map[string]any{"error.code": "mustbeposted"}},
	{name: "anonymous users cannot move", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Alpha", "to", "Alpha2")...),
		want: map[string]any{"error.code": "cantmove-anon"}},
	{name: "move to an existing page", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Alpha", "to", "Beta")...),
		want: map[string]any{"error.code": "articleexists"}},
	{name: "move to itself", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Alpha", "to", "alpha")...),
		want: map[string]any{"error.code": "selfmove"}},
	{name: "move to a bad title", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Alpha", "to", "Bad[title]")...),
		want: map[string]any{"error.code": "invalidtitle"}},
	{name: "move a missing page", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Nowhere", "to", "Somewhere")...),
		want: map[string]any{"error.code": "missingtitle"}},
	{name: "from and fromid together", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "move", "from", "Alpha", "fromid", "1", "to", "X")...),
		want: map[string]any{"error.code": "invalidparammix"}},
	{name: "move with talk page, formatversion 2", as: "Alice", post: true, token: "csrf",
		params: P(fv2("action", "move", "from", "Alpha", "to", "Alpha moved", "reason", "tidy", "movetalk", "1")...),
		want: map[string]any{"move.from": "Alpha", "move.to": "Alpha moved", "move.reason": "tidy", "move.redirectcreated": true,
			"move.moveoverredirect": false, "move.talkfrom": "Talk:Alpha", "move.talkto": "Talk:Alpha moved", "move.talkmoveoverredirect": false}},
	{name: "old title is a redirect", params: P(fv2("action", "query", "titles", "Alpha", "prop", "info")...),
		want: map[string]any{"query.pages.0.redirect": true}},
	{name: "move log", params: P(fv2("action", "query", "list", "logevents", "letype", "move", "lelimit", "1")...),
		want: map[string]any{"query.logevents.0.type": "move", "query.logevents.0.action": "move", "query.logevents.0.title": "Talk:Alpha"}},
	{name: "move back over the redirect, formatversion 1", as: "Alice", post: true, token: "csrf",
		params: P("action", "move", "from", "Alpha moved", "to", "Alpha"),
		want:   map[string]any{"move.from": "Alpha moved", "move.to": "Alpha", "move.redirectcreated": "", "move.moveoverredirect": ""}},
	{name: "noredirect needs suppressredirect (ignored)", as: "Alice", post: true, token: "csrf",
		params: P("action", "move", "from", "Gamma", "to", "Gamma2", "noredirect", "1"),
		want:   map[string]any{"move.redirectcreated": ""}},
	{name: "sysop moves without redirect, fv1 leaves flags out", as: "Sysop", post: true, token: "csrf",
		params: P("action", "move", "from", "Beta", "to", "Beta2", "noredirect", "1"),
		want:   map[string]any{"move.to": "Beta2"}, absent: []string{"move.redirectcreated", "move.moveoverredirect"}},
	{name: "no redirect left", params: P(fv2("action", "query", "titles", "Beta")...),
		want: map[string]any{"query.pages.0.missing": true}},
	{name: "move subpages", as: "Alice", post: true, token: "csrf",
		params: P(fv2("action", "move", "from", "Help:Guide", "to", "Help:Manual", "movesubpages", "1")...),
		want:   map[string]any{"move.subpages.0.from": "Help:Guide/Part", "move.subpages.0.to": "Help:Manual/Part"}},
	{name: "moved subpage exists", params: P(fv2("action", "query", "titles", "Help:Manual/Part", "prop", "revisions", "rvprop", "content", "rvslots", "main")...),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Part."}},
	{name: "move and watch", as: "Alice", post: true, token: "csrf",
		params: P(fv2("action", "move", "from", "Help:Manual", "to", "Help:Handbook", "watchlist", "watch")...),
		want:   map[string]any{"move.to": "Help:Handbook"}},
	{name: "both titles watched", as: "Alice", params: P(fv2("action", "query", "titles", "Help:Manual|Help:Handbook", "prop", "info", "inprop", "watched")...),
		want: map[string]any{"query.pages.0.watched": true, "query.pages.1.watched": true}},
	{name: "bad watchlist value", as: "Alice", post: true, token: "csrf",
		params: P(fv2("action", "move", "from", "Help:Handbook", "to", "Help:Book", "watchlist", "sometimes")...),
		want:   map[string]any{"error.code": "badvalue"}},
	{name: "talk page move fails, the page moves", as: "Sysop", post: true, token: "csrf",
		params: P(fv2("action", "move", "from", "Delta", "to", "Delta2", "movetalk", "1")...),
		want:   map[string]any{"move.to": "Delta2", "move.talkmove-errors.0.code": "articleexists", "move.talkmove-errors.0.type": "error"},
		absent: []string{"move.talkfrom"}},
	{name: "paraminfo knows move", params: P(fv2("action", "paraminfo", "modules", "move|options|patrol|expandtemplates")...),
		want: map[string]any{"paraminfo.modules.0.name": "move", "paraminfo.modules.0.needstoken": "csrf", "paraminfo.modules.2.needstoken": "patrol",
			"paraminfo.modules.0.parameters.2.name": "to", "paraminfo.modules.0.parameters.10.tokentype": "csrf",
			"paraminfo.modules.2.parameters.3.tokentype": "patrol", "paraminfo.modules.3.parameters.1.required": true}},
}

// TestExpandTemplatesModule covers action=expandtemplates.
func TestExpandTemplatesModule(t *testing.T) {
	runScenarios(t, func(env *Env) {
		setupBasic(env)
		// Saved past the pre-save transform, which is not under test here.
		if _, err := env.Store.SaveRevision(context.Background(), &folio.Edit{Namespace: folio.NSTemplate, DBKey: "Hello",
			Text: "Hello {{{1|you}}}", Actor: folio.Actor{Name: "192.0.2.8"}}); err != nil {
			env.T.Fatal(err)
		}
	}, []scenario{
		{name: "prop=wikitext", params: P(fv2("action", "expandtemplates", "text", "{{Hello|World}} {{PAGENAME}}", "title", "Some page", "prop", "wikitext")...),
			want: map[string]any{"expandtemplates.wikitext": "Hello World Some page"}},
		{name: "legacy formatversion 1", params: P("action", "expandtemplates", "text", "{{Hello}}"),
			want: map[string]any{"expandtemplates.*": "Hello you"}},
		{name: "legacy formatversion 2", params: P(fv2("action", "expandtemplates", "text", "{{Hello}}")...),
			want: map[string]any{"expandtemplates.wikitext": "Hello you"}},
		{name: "tags stay", params: P(fv2("action", "expandtemplates", "text", "<nowiki>{{Hello}}</nowiki>", "prop", "wikitext|volatile|categories")...),
			want: map[string]any{"expandtemplates.wikitext": "<nowiki>{{Hello}}</nowiki>", "expandtemplates.volatile": false}},
		{name: "text is required", params: P(fv2("action", "expandtemplates", "prop", "wikitext")...),
			want: map[string]any{"error.code": "missingparam"}},
		{name: "bad title", params: P(fv2("action", "expandtemplates", "text", "x", "title", "a[b")...),
			want: map[string]any{"error.code": "invalidtitle"}},
	})
}

// TestOptionsModule covers action=options and userinfo's options.
func TestOptionsModule(t *testing.T) {
	runScenarios(t, setupBasic, []scenario{
		{name: "anonymous", post: true, token: "csrf", params: P(fv2("action", "options", "change", "minordefault=1")...),
			want: map[string]any{"error.code": "notloggedin"}},
		{name: "bad token", as: "Alice", post: true, params: P(fv2("action", "options", "change", "minordefault=1", "token", "x")...),
			want: map[string]any{"error.code": "badtoken"}},
		{name: "nothing to change", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "options")...),
			want: map[string]any{"error.code": "missingparam"}},
		{name: "change", as: "Alice", post: true, token: "csrf", params: P("action", "options", "change", "minordefault=1|nosuchpref=2"),
			want: map[string]any{"options": "success"}, contains: []string{"nosuchpref"}},
		{name: "optionname", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "options", "optionname", "previewontop", "optionvalue", "1")...),
			want: map[string]any{"options": "success"}},
		{name: "userinfo shows options", as: "Alice", params: P(fv2("action", "query", "meta", "userinfo", "uiprop", "options")...),
			want: map[string]any{"query.userinfo.options.minordefault": "1", "query.userinfo.options.previewontop": "1", "query.userinfo.options.watchdefault": "1"}},
		{name: "reset", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "options", "reset", "1")...),
			want: map[string]any{"options": "success"}},
		{name: "reset took effect", as: "Alice", params: P(fv2("action", "query", "meta", "userinfo", "uiprop", "options")...),
			want: map[string]any{"query.userinfo.options.minordefault": "0"}},
	})
}

// TestPatrolModule covers action=patrol by rcid and revid.
func TestPatrolModule(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		setupBasic(env)
		rev := env.MustEdit("Patrol me", "text", nil)
		sysop, alice := env.NewClient(), env.NewClient()
		sysop.MustLogin("Sysop")
		alice.MustLogin("Alice")
		rc := sysop.Get(Params("action", "query", "list", "recentchanges", "rcprop", "ids", "rclimit", "1", "format", "json", "formatversion", "2"))
		rcid := fmt.Sprint(Path(rc.JSON, "query", "recentchanges", 0, "rcid"))
		tests := []struct {
			name   string
			c      *Client
			params []string
			token  string
			want   map[string]any
		}{
			{"needs the patrol right", alice, []string{"rcid", rcid}, "patrol", map[string]any{"error.code": "permissiondenied"}},
			{"needs a patrol token", sysop, []string{"rcid", rcid}, "csrf", map[string]any{"error.code": "badtoken"}},
			{"rcid or revid", sysop, nil, "patrol", map[string]any{"error.code": "invalidparammix"}},
			{"unknown rcid", sysop, []string{"rcid", "999999"}, "patrol", map[string]any{"error.code": "nosuchrcid"}},
			{"by rcid", sysop, []string{"rcid", rcid}, "patrol", map[string]any{"patrol.rcid": rcid, "patrol.ns": "0", "patrol.title": "Patrol me"}},
			{"by revid", sysop, []string{"revid", fmt.Sprint(rev)}, "patrol", map[string]any{"patrol.title": "Patrol me"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				env.T = t
				p := Params(append([]string{"action", "patrol", "format", "json", "formatversion", "2", "token", tt.c.Token(tt.token)}, tt.params...)...)
				r := tt.c.Post(p)
				for path, want := range tt.want {
					if got := fmt.Sprint(Path(r.JSON, splitPath(path)...)); got != fmt.Sprint(want) {
						t.Errorf("%s = %s, want %v; body %s", path, got, want, r.Body)
					}
				}
			})
		}
		rcList := func(c *Client, show string) *Response {
			return c.Get(Params("action", "query", "list", "recentchanges", "rcprop", "ids|patrolled", "rcshow", show,
				"rctype", "edit|new", "format", "json", "formatversion", "2"))
		}
		if r := rcList(sysop, "patrolled"); fmt.Sprint(Path(r.JSON, "query", "recentchanges", 0, "rcid")) != rcid ||
			Path(r.JSON, "query", "recentchanges", 0, "patrolled") != true || Path(r.JSON, "query", "recentchanges", 0, "autopatrolled") != false {
			t.Errorf("rcshow=patrolled = %s, want rcid %s first, patrolled", r.Body, rcid)
		}
		if r := rcList(sysop, "!patrolled"); strings.Contains(r.Body, `"rcid":`+rcid+",") {
			t.Errorf("rcshow=!patrolled = %s, want rcid %s left out", r.Body, rcid)
		}
		sysopUser, _ := env.Store.FindUserByName(context.Background(), "Sysop")
		env.MustEdit("Sysop page", "text", sysopUser)
		if r := rcList(sysop, "autopatrolled"); Path(r.JSON, "query", "recentchanges", 0, "autopatrolled") != true ||
			strings.Contains(r.Body, `"rcid":`+rcid+",") {
			t.Errorf("rcshow=autopatrolled = %s, want the sysop's edit only", r.Body)
		}
		if r := rcList(alice, "!patrolled"); Path(r.JSON, "error", "code") != "permissiondenied" {
			t.Errorf("rcshow=!patrolled without the patrol right = %s, want permissiondenied", r.Body)
		}
		log := sysop.Get(Params("action", "query", "list", "logevents", "letype", "patrol", "format", "json", "formatversion", "2"))
		if got := Path(log.JSON, "query", "logevents", 0, "action"); got != "patrol" {
			t.Errorf("patrol log = %s, want a patrol/patrol entry", log.Body)
		}
	})
}
