package web_test

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio/internal/web"
)

// TestSpecialStatus checks that operators see the status figures and that
// everybody else gets a permission error.
func TestSpecialStatus(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Server.Status = func(context.Context) []web.StatusSection {
		return []web.StatusSection{{Title: "Health", Rows: []web.StatusRow{
			{Name: "database", Value: "reachable"},
			{Name: "cache", Value: "unreachable: <refused>", Bad: true},
		}}}
	}
	env.MustCreateUser("Opsadmin", "sysop")
	env.MustCreateUser("Plainuser")
	admin, user, anon := env.NewBrowser(), env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Opsadmin")
	user.MustLogin("Plainuser")
	Run(t, map[string]*Browser{"admin": admin, "user": user, "anon": anon}, []Scenario{
		{Name: "sysop sees the figures", As: "admin", URL: "/wiki/Special:Status", Status: 200,
			Want: []string{"<h2>Health</h2>", `<th scope="row">database</th><td>reachable</td>`,
				`<tr class="folio-status-bad"><th scope="row">cache</th><td>unreachable: &lt;refused&gt;`}},
		{Name: "user refused", As: "user", URL: "/wiki/Special:Status", Status: 403, DontWant: []string{"reachable"}},
		{Name: "anonymous refused", As: "anon", URL: "/wiki/Special:Status", Status: 403, DontWant: []string{"reachable"}},
		{Name: "listed for sysops", As: "admin", URL: "/wiki/Special:SpecialPages", Status: 200, Want: []string{"Server status"}},
	})
}
