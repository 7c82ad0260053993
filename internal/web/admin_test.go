package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// adminFixture creates a sysop, a user and pages to work on, and returns
// browsers for an anonymous visitor, the sysop and the user.
func adminFixture(t *testing.T, env *Env) map[string]*Browser {
	t.Helper()
	env.MustCreateUser("Sysop", "sysop")
	alice := env.MustCreateUser("Alice")
	env.MustEdit("Doomed", "doomed text", "create", nil)
	env.MustEdit("Guarded", "guarded text", "create", nil)
	env.MustEdit("Reverted", "good text", "create", nil)
	env.MustEdit("Reverted", "vandalism 1", "bad", alice)
	env.MustEdit("Reverted", "vandalism 2", "worse", alice)
	sysop, alicesBrowser := env.NewBrowser(), env.NewBrowser()
	sysop.MustLogin("Sysop")
	alicesBrowser.MustLogin("Alice")
	return map[string]*Browser{"anon": env.NewBrowser(), "sysop": sysop, "alice": alicesBrowser}
}

var (
	tokenOnly  = url.Values{"wpEditToken": {"{token}"}}
	withReason = url.Values{"wpEditToken": {"{token}"}, "wpReason": {"spam"}}
)

func TestDeleteUndelete(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		Run(t, adminFixture(t, env), []Scenario{
			{Name: "anonymous cannot open the delete form", As: "anon", URL: "/index.php?title=Doomed&action=delete", Status: http.StatusForbidden,
				DontWant: []string{"wpConfirmB"}},
			{Name: "anonymous cannot delete", As: "anon", Method: "POST", URL: "/index.php?title=Doomed&action=delete", Form: withReason, Status: http.StatusForbidden},
			{Name: "users cannot delete", As: "alice", Method: "POST", URL: "/index.php?title=Doomed&action=delete", Form: withReason, Status: http.StatusForbidden},
			{Name: "sysop sees the delete tab", As: "sysop", URL: "/wiki/Doomed", Status: http.StatusOK, Want: []string{`id="ca-delete"`, `id="ca-protect"`, `id="pt-logout"`}},
			{Name: "delete form", As: "sysop", URL: "/index.php?title=Doomed&action=delete", Status: http.StatusOK,
				Want: []string{`id="deleteconfirm"`, `id="wpReason"`, `id="wpConfirmB"`, `name="wpEditToken"`}},
			{Name: "delete without token", As: "sysop", Method: "POST", URL: "/index.php?title=Doomed&action=delete",
				Form: url.Values{"wpReason": {"spam"}}, Status: http.StatusBadRequest, Want: []string{`value="spam"`}},
			{Name: "delete", As: "sysop", Method: "POST", URL: "/index.php?title=Doomed&action=delete", Form: withReason, Status: http.StatusOK,
				Want: []string{"has been deleted"}},
			{Name: "re-creating warns about the deletion", As: "anon", URL: "/index.php?title=Doomed&action=edit", Status: http.StatusOK,
				Want: []string{"mw-recreate-deleted-warn", "by Sysop (spam)"}},
			{Name: "deleted page is missing", As: "anon", URL: "/wiki/Doomed", Status: http.StatusNotFound, DontWant: []string{"deleted edit"}},
			{Name: "sysop is offered the deleted edits", As: "sysop", URL: "/wiki/Doomed", Status: http.StatusNotFound,
				Want: []string{"View or restore 1 deleted edit", "action=undelete"}},
			{Name: "anonymous cannot undelete", As: "anon", URL: "/index.php?title=Doomed&action=undelete", Status: http.StatusForbidden},
			{Name: "undelete listing", As: "sysop", URL: "/index.php?title=Doomed&action=undelete", Status: http.StatusOK,
				Want: []string{`name="ids"`, "create", `id="mw-undelete-submit"`}},
			{Name: "undelete", As: "sysop", Method: "POST", URL: "/index.php?title=Doomed&action=undelete",
				Form: url.Values{"wpEditToken": {"{token}"}, "wpComment": {"oops"}}, Status: http.StatusOK, Want: []string{"has been restored"}},
			{Name: "restored page shows", As: "anon", URL: "/wiki/Doomed", Status: http.StatusOK, Want: []string{"doomed text"}},
		})
	})
}

func TestProtect(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		Run(t, adminFixture(t, env), []Scenario{
			{Name: "anonymous cannot protect", As: "anon", URL: "/index.php?title=Guarded&action=protect", Status: http.StatusForbidden},
			{Name: "protect form", As: "sysop", URL: "/index.php?title=Guarded&action=protect", Status: http.StatusOK,
				Want: []string{`id="mwProtect-level-edit"`, `id="mwProtect-level-move"`, `id="mwProtect-expiry"`, `id="mwProtect-reason"`}},
			{Name: "protect with a bad expiry", As: "sysop", Method: "POST", URL: "/index.php?title=Guarded&action=protect",
				Form:   url.Values{"wpEditToken": {"{token}"}, "mwProtect-level-edit": {"sysop"}, "mwProtect-expiry": {"soonish"}},
				Status: http.StatusBadRequest, Want: []string{"not valid"}},
			{Name: "protect", As: "sysop", Method: "POST", URL: "/index.php?title=Guarded&action=protect",
				Form: url.Values{"wpEditToken": {"{token}"}, "mwProtect-level-edit": {"sysop"}, "mwProtect-level-move": {"sysop"},
					"wpProtectExpirySelection": {"1 week"}, "mwProtect-reason": {"edit war"}},
				Status: http.StatusOK, Want: []string{"protection of"}},
			{Name: "protected page shows view source", As: "anon", URL: "/index.php?title=Guarded&action=edit", Status: http.StatusForbidden,
				Want: []string{"View source for Guarded", "readonly", "guarded text</textarea>"}, DontWant: []string{`id="wpSave"`}},
			{Name: "protected page has a view source tab", As: "anon", URL: "/wiki/Guarded", Status: http.StatusOK, Want: []string{`id="ca-viewsource"`}},
			{Name: "saving a protected page is refused", As: "alice", Method: "POST", URL: "/index.php?title=Guarded&action=submit",
				Form: saveForm("hacked", "", 0, "wpSave"), Status: http.StatusForbidden, Want: []string{"hacked</textarea>"}},
			{Name: "the refusal is shown once", As: "alice", Method: "POST", URL: "/index.php?title=Guarded&action=submit",
				Form: saveForm("hacked", "", 0, "wpSave"), Status: http.StatusForbidden, Once: []string{"This page is protected"}},
			{Name: "info shows protection", As: "anon", URL: "/index.php?title=Guarded&action=info", Status: http.StatusOK, Want: []string{"“sysop” level", "until"}},
			{Name: "sysop can still edit", As: "sysop", URL: "/index.php?title=Guarded&action=edit", Status: http.StatusOK,
				Want: []string{`id="wpSave"`, "protected"}},
			{Name: "unprotect tab", As: "sysop", URL: "/wiki/Guarded", Status: http.StatusOK, Want: []string{`id="ca-unprotect"`}},
			{Name: "unprotect", As: "sysop", Method: "POST", URL: "/index.php?title=Guarded&action=unprotect",
				Form: url.Values{"wpEditToken": {"{token}"}, "mwProtect-level-edit": {""}, "mwProtect-level-move": {""}}, Status: http.StatusOK},
			{Name: "unprotected page is editable", As: "anon", URL: "/index.php?title=Guarded&action=edit", Status: http.StatusOK, Want: []string{`id="wpSave"`}},
		})
	})
}

func TestRollbackAndPurge(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		Run(t, adminFixture(t, env), []Scenario{
			{Name: "anonymous sees no rollback link", As: "anon", URL: "/index.php?title=Reverted&action=history", Status: http.StatusOK, DontWant: []string{"rollback"}},
			{Name: "sysop sees the rollback link", As: "sysop", URL: "/index.php?title=Reverted&action=history", Status: http.StatusOK,
				Want: []string{"mw-rollback-link", "action=rollback&amp;from=Alice", "rollback 2 edits"}},
			{Name: "rollback link on the diff", As: "sysop", URL: "/index.php?title=Reverted&diff=cur&oldid=1", Status: http.StatusOK, Want: []string{"mw-rollback-link"}},
			{Name: "anonymous cannot roll back", As: "anon", Method: "POST", URL: "/index.php?title=Reverted&action=rollback&from=Alice", Form: tokenOnly, Status: http.StatusForbidden},
			{Name: "rollback asks on GET", As: "sysop", URL: "/index.php?title=Reverted&action=rollback&from=Alice", Status: http.StatusOK,
				Want: []string{`id="wpRollback"`}},
			{Name: "rollback without token", As: "sysop", Method: "POST", URL: "/index.php?title=Reverted&action=rollback&from=Alice", Form: url.Values{}, Status: http.StatusBadRequest},
			{Name: "rollback", As: "sysop", Method: "POST", URL: "/index.php?title=Reverted&action=rollback&from=Alice", Form: tokenOnly, Status: http.StatusOK,
				Want: []string{"were reverted"}},
			{Name: "rolled back text", As: "anon", URL: "/index.php?title=Reverted&action=raw", Status: http.StatusOK, Want: []string{"good text"}},
			{Name: "second rollback fails", As: "sysop", Method: "POST", URL: "/index.php?title=Reverted&action=rollback&from=Alice", Form: tokenOnly, Status: http.StatusConflict},
			{Name: "purge asks on GET", As: "anon", URL: "/index.php?title=Guarded&action=purge", Status: http.StatusOK, Want: []string{`id="mw-purge-form"`}},
			{Name: "purge without token", As: "anon", Method: "POST", URL: "/index.php?title=Guarded&action=purge", Form: url.Values{}, Status: http.StatusBadRequest},
			{Name: "purge", As: "anon", Method: "POST", URL: "/index.php?title=Guarded&action=purge", Form: tokenOnly, Status: http.StatusSeeOther, Location: "/wiki/Guarded"},
		})
	})
}
