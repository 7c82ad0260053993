package api_test

import (
	"context"
	"testing"
)

// setupQuery adds redirects, templates and more revisions to setupBasic.
func setupQuery(env *Env) {
	setupBasic(env)
	ctx := context.Background()
	alice, _ := env.Store.FindUserByName(ctx, "Alice")
	env.MustEdit("Template:Box", "[box]", nil)
	env.MustEdit("Boxed", "Uses {{Box}} and links [[Alpha]]. [[Category:Things]] http://example.com/", alice)
	env.MustEdit("To alpha", "#REDIRECT [[Alpha#Top]]", nil)
	env.MustEdit("Alpha", "Alpha text with [[Beta]], revised.", alice)
}

// q starts the parameters of an action=query request.
func q(kv ...string) []string {
	return append([]string{"action", "query", "formatversion", "2"}, kv...)
}

// TestQuery covers the page set, prop, list and generator modules.
func TestQuery(t *testing.T) {
	runScenarios(t, setupQuery, queryScenarios)
}

// queryScenarios is the table of TestQuery.
var queryScenarios = []scenario{
	{name: "pageids", params: P(q("pageids", "1|999")...),
		want: map[string]any{"query.pages.0.pageid": 999.0, "query.pages.0.missing": true, "query.pages.1.title": "Alpha"}},
	{name: "revids", params: P(q("revids", "1|9999", "prop", "revisions", "rvprop", "ids")...),
		want: map[string]any{"query.pages.0.revisions.0.revid": 1.0, "query.badrevids.0.revid": 9999.0}},
	{name: "invalid and special titles", params: P(q("titles", "Bad[title]|Special:Version")...),
		want: map[string]any{"query.pages.0.invalid": true, "query.pages.1.special": true, "query.pages.1.ns": -1.0}},
	{name: "indexpageids", params: P(q("titles", "Alpha|Nowhere", "indexpageids", "1")...),
		want: map[string]any{"query.pageids.0": "-1", "query.pageids.1": "1"}},
	{name: "recent changes of one title", params: P(q("list", "recentchanges", "rctitle", "Beta", "rcprop", "title")...),
		want: map[string]any{"query.recentchanges.0.title": "Beta"}, absent: []string{"query.recentchanges.1"}},
	{name: "redirects resolved", params: P(q("titles", "To alpha", "redirects", "1")...),
		want: map[string]any{"query.redirects.0.from": "To alpha", "query.redirects.0.to": "Alpha", "query.redirects.0.tofragment": "Top", "query.pages.0.title": "Alpha"}},
	{name: "redirect flag without redirects", params: P(q("titles", "To alpha", "prop", "info")...),
		want: map[string]any{"query.pages.0.redirect": true}},
	{name: "info with url and talkid", params: P(q("titles", "Alpha", "prop", "info", "inprop", "url|talkid|associatedpage")...),
		want:     map[string]any{"query.pages.0.associatedpage": "Talk:Alpha", "query.pages.0.contentmodel": "wikitext"},
		contains: []string{`"fullurl":"http://127.0.0.1`, `/wiki/Alpha"`}},
	{name: "revisions range with continue", params: P(q("titles", "Alpha", "prop", "revisions", "rvlimit", "1", "rvprop", "ids|user|comment|size|sha1")...),
		want: map[string]any{"query.pages.0.revisions.0.user": "Alice", "continue.rvcontinue": "1"}},
	{name: "revisions oldest first", params: P(q("titles", "Alpha", "prop", "revisions", "rvlimit", "5", "rvdir", "newer", "rvprop", "content", "rvslots", "main")...),
		want: map[string]any{"query.pages.0.revisions.0.slots.main.content": "Alpha text with [[Beta]].", "query.pages.0.revisions.1.slots.main.content": "Alpha text with [[Beta]], revised."}},
	{name: "revision ranges need one page", params: P(q("titles", "Alpha|Beta", "prop", "revisions", "rvlimit", "2")...),
		want: map[string]any{"error.code": "multpages"}},
	{name: "links templates categories extlinks", params: P(q("titles", "Boxed", "prop", "links|templates|categories|extlinks")...),
		want: map[string]any{"query.pages.0.links.0.title": "Alpha", "query.pages.0.templates.0.title": "Template:Box",
			"query.pages.0.categories.0.title": "Category:Things", "query.pages.0.extlinks.0.url": "http://example.com/"}},
	{name: "extlinks in formatversion 1", params: P("action", "query", "titles", "Boxed", "prop", "extlinks"),
		contains: []string{`"extlinks":[{"*":"http://example.com/"}]`}},
	{name: "linkshere, transcludedin and redirects", params: P(q("titles", "Alpha|Template:Box", "prop", "linkshere|transcludedin|redirects")...),
		want: map[string]any{"query.pages.0.linkshere.0.title": "Boxed", "query.pages.0.redirects.0.title": "To alpha",
			"query.pages.1.transcludedin.0.title": "Boxed"}},
	{name: "recent changes", params: P(q("list", "recentchanges", "rcprop", "title|user|sizes|flags|comment|ids", "rclimit", "2")...),
		want: map[string]any{"query.recentchanges.0.title": "Alpha", "query.recentchanges.0.type": "edit", "query.recentchanges.0.user": "Alice",
			"query.recentchanges.1.title": "To alpha", "query.recentchanges.1.new": true},
		contains: []string{`"rccontinue":"`}},
	{name: "recent changes oldest first", params: P(q("list", "recentchanges", "rcdir", "newer", "rclimit", "2", "rcprop", "title|ids")...),
		want: map[string]any{"query.recentchanges.0.title": "Alpha", "query.recentchanges.1.title": "Beta", "query.recentchanges.0.rcid": 1.0}},
	{name: "recent changes oldest first continued", params: P(q("list", "recentchanges", "rcdir", "newer", "rclimit", "2", "rcprop", "title|ids", "rccontinue", "20000101000000|3")...),
		want: map[string]any{"query.recentchanges.0.title": "Gamma", "query.recentchanges.1.title": "Template:Box"}},
	{name: "recent changes by namespace and type", params: P(q("list", "recentchanges", "rcnamespace", "10", "rctype", "new", "rcprop", "title")...),
		want: map[string]any{"query.recentchanges.0.title": "Template:Box"}, absent: []string{"query.recentchanges.1"}},
	{name: "recent changes of a user", params: P(q("list", "recentchanges", "rcuser", "Alice", "rcprop", "title", "rclimit", "max")...),
		want: map[string]any{"query.recentchanges.0.title": "Alpha", "query.recentchanges.1.title": "Boxed", "query.recentchanges.2.title": "Gamma"}},
	{name: "anonymous changes hidden", params: P(q("list", "recentchanges", "rcshow", "!anon", "rcprop", "title|user")...),
		lacks: []string{`"anon"`, "192.0.2.7"}},
	{name: "user contributions", params: P(q("list", "usercontribs", "ucuser", "Alice", "uclimit", "2")...),
		want:     map[string]any{"query.usercontribs.0.title": "Alpha", "query.usercontribs.0.top": true, "query.usercontribs.1.title": "Boxed"},
		contains: []string{`"uccontinue":"`}},
	{name: "user contributions oldest first", params: P(q("list", "usercontribs", "ucuser", "Alice", "ucdir", "newer", "uclimit", "1")...),
		want: map[string]any{"query.usercontribs.0.title": "Alpha", "query.usercontribs.0.new": true}, contains: []string{`"uccontinue":"`}},
	{name: "user contributions oldest first continued", params: P(q("list", "usercontribs", "ucuser", "Alice", "ucdir", "newer", "uclimit", "1", "uccontinue", "20000101000000|3")...),
		want: map[string]any{"query.usercontribs.0.title": "Gamma"}},
	{name: "user page creations", params: P(q("list", "usercontribs", "ucuser", "Alice", "ucshow", "new")...),
		want:   map[string]any{"query.usercontribs.0.title": "Boxed", "query.usercontribs.1.title": "Gamma", "query.usercontribs.2.title": "Alpha"},
		absent: []string{"query.usercontribs.3"}},
	{name: "user contributions not on top", params: P(q("list", "usercontribs", "ucuser", "Alice", "ucshow", "!top")...),
		want: map[string]any{"query.usercontribs.0.title": "Alpha", "query.usercontribs.0.top": false}, absent: []string{"query.usercontribs.1"}},
	{name: "allpages in a namespace", params: P(q("list", "allpages", "apnamespace", "10")...),
		want: map[string]any{"query.allpages.0.title": "Template:Box"}},
	{name: "allpages from and to", params: P(q("list", "allpages", "apfrom", "beta", "apto", "Boxed")...),
		want: map[string]any{"query.allpages.0.title": "Beta", "query.allpages.1.title": "Boxed"}, absent: []string{"query.allpages.2"}},
	{name: "allpages by size", params: P(q("list", "allpages", "apminsize", "30")...),
		want: map[string]any{"query.allpages.0.title": "Alpha", "query.allpages.1.title": "Boxed"}, absent: []string{"query.allpages.2"}},
	{name: "allpages without redirects", params: P(q("list", "allpages", "apfilterredir", "nonredirects", "apprefix", "To")...),
		absent: []string{"query.allpages.0"}},
	{name: "backlinks", params: P(q("list", "backlinks", "bltitle", "Alpha")...),
		want: map[string]any{"query.backlinks.0.title": "Boxed"}},
	{name: "embeddedin", params: P(q("list", "embeddedin", "eititle", "Template:Box")...),
		want: map[string]any{"query.embeddedin.0.title": "Boxed"}},
	{name: "generator backlinks with info", params: P(q("generator", "embeddedin", "geititle", "Template:Box", "prop", "info")...),
		want: map[string]any{"query.pages.0.title": "Boxed", "query.pages.0.contentmodel": "wikitext"}},
	{name: "category members", params: P(q("list", "categorymembers", "cmtitle", "Category:Things", "cmprop", "ids|title|type")...),
		want: map[string]any{"query.categorymembers.0.title": "Boxed", "query.categorymembers.0.type": "page"}},
	{name: "category members need a category", params: P(q("list", "categorymembers", "cmtitle", "Alpha")...),
		want: map[string]any{"error.code": "invalidcategory"}},
	{name: "intestactions", params: P(q("titles", "Alpha", "prop", "info", "intestactions", "edit|delete")...),
		want: map[string]any{"query.pages.0.actions.edit": true, "query.pages.0.actions.delete": false}},
	{name: "allusers with groups", params: P(q("list", "allusers", "auprop", "groups|editcount", "augroup", "sysop")...),
		want: map[string]any{"query.allusers.0.name": "Sysop"}, absent: []string{"query.allusers.1"}},
	{name: "allusers by prefix", params: P(q("list", "allusers", "auprefix", "R")...),
		want: map[string]any{"query.allusers.0.name": "Robot"}, absent: []string{"query.allusers.1"}},
	{name: "allusers excluding a group", params: P(q("list", "allusers", "auexcludegroup", "sysop|bot")...),
		want: map[string]any{"query.allusers.0.name": "Alice"}, absent: []string{"query.allusers.1"}},
	{name: "random", params: P(q("list", "random", "rnlimit", "2")...),
		contains: []string{`"random":[{"id":`}},
	{name: "generator random", params: P(q("generator", "random", "grnlimit", "1", "grnnamespace", "0", "prop", "info")...),
		want: map[string]any{"query.pages.0.ns": 0.0}},
	{name: "unknown prop warns", params: P(q("prop", "info|nosuchprop", "titles", "Alpha")...),
		want: map[string]any{"query.pages.0.title": "Alpha"}, contains: []string{"nosuchprop"}},
	{name: "unknown generator", params: P(q("generator", "nosuch")...),
		want: map[string]any{"error.code": "badvalue"}},
	{name: "siteinfo", params: P(q("meta", "siteinfo", "siprop", "general|namespaces|statistics|usergroups")...),
		want: map[string]any{"query.general.sitename": "Folio Test", "query.general.generator": "MediaWiki 1.39.0 (Folio 0.0.0-test)",
			"query.namespaces.4.name": "Folio Test", "query.namespaces.6.canonical": "File", "query.statistics.users": 3.0}},
	{name: "userinfo anonymous", params: P(q("meta", "userinfo", "uiprop", "groups|rights")...),
		want: map[string]any{"query.userinfo.anon": true, "query.userinfo.groups.0": "*"}},
	{name: "userinfo sysop", as: "Sysop", params: P(q("meta", "userinfo", "uiprop", "groups|rights|editcount|registrationdate")...),
		want: map[string]any{"query.userinfo.name": "Sysop"}, contains: []string{`"delete"`, `"sysop"`}},
	{name: "several tokens at once", params: P(q("meta", "tokens", "type", "csrf|rollback|watch|patrol|userrights|createaccount|login")...),
		contains: []string{"csrftoken", "rollbacktoken", "watchtoken", "patroltoken", "userrightstoken", "createaccounttoken", "logintoken"}},
	{name: "parse text", params: P("action", "parse", "text", "''Hi'' [[Alpha]] [[Nowhere]]", "title", "Test", "formatversion", "2", "prop", "text|links"),
		want:     map[string]any{"parse.title": "Test", "parse.links.0.title": "Alpha", "parse.links.0.exists": true, "parse.links.1.exists": false},
		contains: []string{"<i>Hi</i>"}},
	{name: "parse oldid", params: P("action", "parse", "oldid", "1", "prop", "wikitext|revid", "formatversion", "2"),
		want: map[string]any{"parse.wikitext": "Alpha text with [[Beta]].", "parse.revid": 1.0}},
	{name: "parse limit report", params: P("action", "parse", "text", "{{PAGENAME}}", "title", "Test", "formatversion", "2", "prop", "text|limitreportdata"),
		want:     map[string]any{"parse.limitreportdata.1.name": "limitreport-ppvisitednodes", "parse.limitreportdata.1.1": 1000000.0},
		contains: []string{"NewPP limit report"}},
	{name: "parse onlypst", params: P("action", "parse", "text", "{{subst:PAGENAME}} [[Foo (bar)|]]  ", "title", "Test", "onlypst", "1", "formatversion", "2"),
		want: map[string]any{"parse.text": "Test [[Foo (bar)|Foo]]"}},
	{name: "parse pst", params: P("action", "parse", "text", "~~~", "title", "Test", "pst", "1", "prop", "text|wikitext", "formatversion", "2"),
		want: map[string]any{"parse.wikitext": "~~~"}, contains: []string{`"psttext":"[[Special:Contributions/`, "Special:Contributions/"}},
	{name: "parse without limit report", params: P("action", "parse", "text", "x", "disablelimitreport", "1", "formatversion", "2"),
		lacks: []string{"NewPP"}},
	{name: "parse without edit sections", params: P("action", "parse", "text", "== H ==\nx", "disableeditsection", "1", "formatversion", "2"),
		lacks: []string{"mw-editsection"}},
	{name: "compare", params: P("action", "compare", "fromrev", "1", "torelative", "next", "formatversion", "2"),
		want: map[string]any{"compare.fromtitle": "Alpha", "compare.totitle": "Alpha"}, contains: []string{"revised", "diff-"}},
}
