package api_test

import (
	"context"
	"testing"
)

// setupAdmin adds a page with two bad edits by Alice to setupBasic.
func setupAdmin(env *Env) {
	setupBasic(env)
	ctx := context.Background()
	alice, _ := env.Store.FindUserByName(ctx, "Alice")
	env.MustEdit("Vandalised", "Good text.", nil)
	env.MustEdit("Vandalised", "Bad text.", alice)
	env.MustEdit("Vandalised", "Worse text.", alice)
}

// fv2 adds formatversion=2 to a parameter list.
func fv2(kv ...string) []string { return append(kv, "formatversion", "2") }

// TestAdminModules covers delete, undelete, protect, rollback and purge,
// with the rights the HTML actions check.
func TestAdminModules(t *testing.T) {
	runScenarios(t, setupAdmin, adminScenarios)
}

// adminScenarios is the table of TestAdminModules.
var adminScenarios = []scenario{
	{name: "delete needs the delete right", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "delete", "title", "Beta")...),
		want: map[string]any{"error.code": "permissiondenied"}},
	{name: "delete", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "delete", "title", "Beta", "reason", "cleanup")...),
		want: map[string]any{"delete.title": "Beta", "delete.reason": "cleanup"}},
	{name: "deleted page is missing", params: P(fv2("action", "query", "titles", "Beta")...),
		want: map[string]any{"query.pages.0.missing": true}},
	{name: "delete a missing page", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "delete", "title", "Beta")...),
		want: map[string]any{"error.code": "missingtitle"}},
	{name: "deletion log", params: P(fv2("action", "query", "list", "logevents", "letype", "delete")...),
		want: map[string]any{"query.logevents.0.type": "delete", "query.logevents.0.action": "delete", "query.logevents.0.title": "Beta", "query.logevents.0.comment": "cleanup"}},
	{name: "log by type and action", params: P(fv2("action", "query", "list", "logevents", "leaction", "delete/delete", "lelimit", "1")...),
		want: map[string]any{"query.logevents.0.title": "Beta"}},
	{name: "log by action with no entries", params: P(fv2("action", "query", "list", "logevents", "leaction", "delete/restore")...),
		absent: []string{"query.logevents.0"}},
	{name: "undelete needs the undelete right", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "undelete", "title", "Beta")...),
		want: map[string]any{"error.code": "permissiondenied"}},
	{name: "undelete", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "undelete", "title", "Beta", "reason", "oops")...),
		want: map[string]any{"undelete.title": "Beta", "undelete.revisions": 1.0}},
	{name: "undeleted page exists", params: P(fv2("action", "query", "titles", "Beta", "prop", "revisions", "rvprop", "content", "rvslots", "main")...),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Beta text."}},
	{name: "protect", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "protect", "title", "Alpha", "protections", "edit=sysop|move=sysop", "expiry", "1 week|infinite")...),
		want: map[string]any{"protect.protections.0.edit": "sysop", "protect.protections.1.move": "sysop", "protect.protections.1.expiry": "infinite"}},
	{name: "protection shown by prop=info", params: P(fv2("action", "query", "titles", "Alpha", "prop", "info", "inprop", "protection")...),
		want: map[string]any{"query.pages.0.protection.0.type": "edit", "query.pages.0.protection.0.level": "sysop"}},
	{name: "protected against users", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "edit", "title", "Alpha", "text", "x")...),
		want: map[string]any{"error.code": "protectedpage"}},
	{name: "protect needs the protect right", as: "Alice", post: true, token: "csrf", params: P(fv2("action", "protect", "title", "Alpha", "protections", "edit=all")...),
		want: map[string]any{"error.code": "permissiondenied"}},
	{name: "bad expiry", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "protect", "title", "Alpha", "protections", "edit=sysop", "expiry", "someday")...),
		want: map[string]any{"error.code": "invalidexpiry"}},
	{name: "unprotect", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "protect", "title", "Alpha", "protections", "edit=all|move=all")...),
		want: map[string]any{"protect.protections.0.edit": "all"}},
	{name: "rollback needs a rollback token", as: "Sysop", post: true, token: "csrf", params: P(fv2("action", "rollback", "title", "Vandalised", "user", "Alice")...),
		want: map[string]any{"error.code": "badtoken"}},
	{name: "rollback needs the rollback right", as: "Alice", post: true, token: "rollback", params: P(fv2("action", "rollback", "title", "Vandalised", "user", "Alice")...),
		want: map[string]any{"error.code": "permissiondenied"}},
	{name: "rollback", as: "Sysop", post: true, token: "rollback", params: P(fv2("action", "rollback", "title", "Vandalised", "user", "Alice")...),
		want: map[string]any{"rollback.title": "Vandalised"}},
	{name: "rolled back text", params: P(fv2("action", "query", "titles", "Vandalised", "prop", "revisions", "rvprop", "content|user", "rvslots", "main")...),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Good text.", "query.pages.0.revisions.0.user": "Sysop"}},
	{name: "rollback twice", as: "Sysop", post: true, token: "rollback", params: P(fv2("action", "rollback", "title", "Vandalised", "user", "Alice")...),
		want: map[string]any{"error.code": "alreadyrolled"}},
	{name: "purge", post: true, params: P(fv2("action", "purge", "titles", "Alpha|Nowhere")...),
		want: map[string]any{"purge.0.purged": true, "purge.1.missing": true}},
}
