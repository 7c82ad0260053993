package api_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
)

// setupBasic creates a sysop, a bot and a plain user and three pages.
func setupBasic(env *Env) {
	env.MustCreateUser("Sysop", "sysop")
	env.MustCreateUser("Robot", "bot")
	u := env.MustCreateUser("Alice")
	env.MustEdit("Alpha", "Alpha text with [[Beta]].", u)
	env.MustEdit("Beta", "Beta text.", nil)
	env.MustEdit("Gamma", "Gamma text, café.", u)
}

// TestProtocol covers the main module: formats, multi-values, limits,
// warnings, errors, assert, maxlag, origin and continuation.
func TestProtocol(t *testing.T) {
	runScenarios(t, setupBasic, protocolScenarios)
}

// protocolScenarios is the table of TestProtocol.
var protocolScenarios = []scenario{
	{name: "formatversion 1 flags and keyed pages", params: P("action", "query", "titles", "Nowhere"),
		want: map[string]any{"query.pages.-1.missing": "", "query.pages.-1.ns": 0.0, "batchcomplete": ""}},
	{name: "formatversion 2 booleans and page list", params: P("action", "query", "titles", "Nowhere", "formatversion", "2"),
		want: map[string]any{"query.pages.0.missing": true, "query.pages.0.title": "Nowhere", "batchcomplete": true}},
	{name: "normalised titles", params: P("action", "query", "titles", "alpha_", "formatversion", "2"),
		want: map[string]any{"query.normalized.0.from": "alpha_", "query.normalized.0.to": "Alpha", "query.pages.0.title": "Alpha"}},
	{name: "U+001F separates multi-values", params: P("action", "query", "titles", "\x1fAlpha\x1fBeta", "formatversion", "2"),
		want: map[string]any{"query.pages.0.title": "Alpha", "query.pages.1.title": "Beta"}},
	{name: "pipe separates multi-values", params: P("action", "query", "titles", "Alpha|Gamma", "formatversion", "2"),
		want: map[string]any{"query.pages.0.title": "Alpha", "query.pages.1.title": "Gamma"}},
	{name: "too many titles", params: P("action", "query", "titles", strings.Repeat("T|", 50)+"T"),
		want: map[string]any{"error.code": "toomanyvalues", "error.limit": 50.0}},
	{name: "unknown action", params: P("action", "nosuch"),
		want: map[string]any{"error.code": "badvalue"}, wantHeader: map[string]string{"MediaWiki-API-Error": "badvalue"}},
	{name: "unknown parameter warns", params: P("action", "query", "meta", "siteinfo", "bogus", "1"),
		want: map[string]any{"warnings.main.*": "Unknown parameters, ignored: bogus."}},
	{name: "warnings in formatversion 2", params: P("action", "query", "meta", "siteinfo", "bogus", "1", "formatversion", "2"),
		want: map[string]any{"warnings.main.warnings": "Unknown parameters, ignored: bogus."}},
	{name: "errorformat plaintext", params: P("action", "query", "list", "allpages", "aplimit", "x", "errorformat", "plaintext", "formatversion", "2"),
		want: map[string]any{"errors.0.code": "badinteger", "errors.0.module": "query+allpages"}, absent: []string{"error"}},
	{name: "errorformat raw", params: P("action", "nosuch", "errorformat", "raw", "formatversion", "2"),
		want: map[string]any{"errors.0.key": "apierror-badvalue", "errors.0.module": "main"}},
	{name: "limit max", params: P("action", "query", "list", "allpages", "aplimit", "max"),
		want: map[string]any{"limits.allpages": 500.0}},
	{name: "limit max with apihighlimits", as: "Robot", params: P("action", "query", "list", "allpages", "aplimit", "max"),
		want: map[string]any{"limits.allpages": 5000.0}},
	{name: "limit above maximum is lowered", params: P("action", "query", "list", "allpages", "aplimit", "501", "formatversion", "2"),
		want: map[string]any{"query.allpages.2.title": "Gamma", "warnings.allpages.warnings": `The value of "aplimit" was lowered from 501 to the maximum of 500.`}},
	{name: "continue", params: P("action", "query", "list", "allpages", "aplimit", "2"),
		want: map[string]any{"continue.apcontinue": "Gamma", "continue.continue": "-||", "query.allpages.1.title": "Beta"}},
	{name: "continue followed", params: P("action", "query", "list", "allpages", "aplimit", "2", "apcontinue", "Gamma", "continue", "-||"),
		want: map[string]any{"query.allpages.0.title": "Gamma", "batchcomplete": ""}, absent: []string{"continue"}},
	{name: "rawcontinue", params: P("action", "query", "list", "allpages", "aplimit", "1", "rawcontinue", "1"),
		want: map[string]any{"query-continue.allpages.apcontinue": "Beta"}},
	{name: "generator continue", params: P("action", "query", "generator", "allpages", "gaplimit", "1", "prop", "info", "formatversion", "2"),
		want: map[string]any{"continue.gapcontinue": "Beta", "continue.continue": "gapcontinue||", "query.pages.0.title": "Alpha"}},
	{name: "ASCII escapes in formatversion 1", params: P("action", "query", "titles", "Gamma", "prop", "revisions", "rvprop", "content", "rvslots", "main"),
		contains: []string{`caf\u00e9`}},
	{name: "utf8 in formatversion 1", params: P("action", "query", "titles", "Gamma", "prop", "revisions", "rvprop", "content", "rvslots", "main", "utf8", "1"),
		contains: []string{`café`}},
	{name: "assert user fails for anonymous", params: P("action", "query", "assert", "user"),
		want: map[string]any{"error.code": "assertuserfailed"}},
	{name: "assert user passes", as: "Alice", params: P("action", "query", "assert", "user"),
		absent: []string{"error"}},
	{name: "assert bot fails for a user", as: "Alice", params: P("action", "query", "assert", "bot"),
		want: map[string]any{"error.code": "assertbotfailed"}},
	{name: "assert bot passes", as: "Robot", params: P("action", "query", "assert", "bot"), absent: []string{"error"}},
	{name: "assert anon fails when logged in", as: "Alice", params: P("action", "query", "assert", "anon"),
		want: map[string]any{"error.code": "assertanonfailed"}},
	{name: "assertuser names another user", as: "Alice", params: P("action", "query", "assertuser", "Robot"),
		want: map[string]any{"error.code": "assertnameduserfailed"}},
	{name: "maxlag", params: P("action", "query", "maxlag", "-2"),
		want:       map[string]any{"error.code": "maxlag", "error.lag": -1.0},
		wantHeader: map[string]string{"Retry-After": "5", "X-Database-Lag": "-1"}},
	{name: "maxlag not exceeded", params: P("action", "query", "maxlag", "5"), absent: []string{"error"}},
	{name: "curtimestamp and requestid", params: P("action", "query", "curtimestamp", "1", "requestid", "r-42"),
		want: map[string]any{"requestid": "r-42"}, contains: []string{`"curtimestamp":"20`}},
	{name: "origin star is anonymous", as: "Alice", params: P("action", "query", "meta", "userinfo", "origin", "*"),
		want: map[string]any{"query.userinfo.id": 0.0, "query.userinfo.anon": ""}, wantHeader: map[string]string{"Access-Control-Allow-Origin": "*"}},
	{name: "origin star gets no session token", params: P("action", "query", "meta", "tokens", "origin", "*"),
		want: map[string]any{"query.tokens.csrftoken": `+\`}, wantHeader: map[string]string{"Set-Cookie": ""}},
	{name: "origin must match the Origin header", params: P("action", "query", "origin", "https://elsewhere.example"),
		want: map[string]any{"error.code": "mismatchedorigin"}},
	{name: "foreign origin gets no CORS headers", params: P("action", "query", "origin", "https://elsewhere.example"),
		header: map[string]string{"Origin": "https://elsewhere.example"}, absent: []string{"error"},
		wantHeader: map[string]string{"Access-Control-Allow-Origin": ""}},
	{name: "edit needs POST", params: P("action", "edit", "title", "X", "text", "y"),
		want: map[string]any{"error.code": "mustbeposted"}},
	{name: "token missing", post: true, params: P("action", "edit", "title", "X", "text", "y"),
		want: map[string]any{"error.code": "missingparam"}},
	{name: "token wrong", post: true, params: P("action", "edit", "title", "X", "text", "y", "token", "nope+\\"),
		want: map[string]any{"error.code": "badtoken"}},
	{name: "JSONP callback is anonymous", as: "Alice", params: P("action", "query", "meta", "userinfo", "callback", "cb"),
		contains: []string{`/**/cb({`, `"anon":""`}},
	{name: "bad callback name", params: P("action", "query", "callback", "alert(1)"),
		want: map[string]any{"error.code": "badvalue"}},
	{name: "maxage for anonymous reads", params: P("action", "query", "meta", "siteinfo", "maxage", "60", "smaxage", "30"),
		wantHeader: map[string]string{"Cache-Control": "s-maxage=30, max-age=60, public"}},
	{name: "private for users", as: "Alice", params: P("action", "query", "meta", "siteinfo", "maxage", "60"),
		wantHeader: map[string]string{"Cache-Control": "private, must-revalidate, max-age=0"}},
	{name: "ascii in formatversion 2", params: P("action", "query", "titles", "Gamma", "prop", "revisions", "rvprop", "content", "rvslots", "main", "formatversion", "2", "ascii", "1"),
		contains: []string{`caf\u00e9`}},
	{name: "responselanginfo", params: P("action", "query", "responselanginfo", "1"), want: map[string]any{"uselang": "en", "errorlang": "en"}},
	{name: "format xml", params: P("action", "query", "titles", "Alpha|Nowhere", "prop", "info|revisions", "rvprop", "content|ids", "rvslots", "main", "list", "recentchanges", "rclimit", "1", "format", "xml"),
		contains: []string{`<?xml version="1.0"?><api batchcomplete="">`, `<page _idx="-1" ns="0" title="Nowhere" missing=""`,
			`<slots><slot role="main" contentmodel="wikitext" contentformat="text/x-wiki" xml:space="preserve">Alpha text`, `<recentchanges><rc type=`}},
	{name: "format xml error", params: P("action", "nosuch", "format", "xml"),
		contains: []string{`<api><error code="badvalue" info=`}},
	{name: "jsonfm", params: P("action", "query", "format", "jsonfm"), contains: []string{"<pre>", "batchcomplete"}},
	{name: "help", params: P("action", "help", "formatversion", "2", "wrap", "1"),
		want: map[string]any{"help.mime": "text/html"}, contains: []string{"action=edit", "list=recentchanges"}},
	{name: "help page", params: P("action", "help"), contains: []string{"<!DOCTYPE html>", "action=edit"}},
	{name: "paraminfo", params: P("action", "paraminfo", "modules", "edit|query+revisions|main|query", "formatversion", "2"),
		want: map[string]any{"paraminfo.modules.0.name": "edit", "paraminfo.modules.0.mustbeposted": true, "paraminfo.modules.1.prefix": "rv",
			"paraminfo.modules.2.parameters.0.name": "action", "paraminfo.modules.3.parameters.1.name": "list"},
		contains: []string{`"recentchanges"`, `"submoduleparamprefix":"g"`}},
}

// TestReadRight checks that reading modules need the read right.
func TestReadRight(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Wiki.Rights["*"]["read"] = false
	c := env.NewClient()
	for _, action := range []string{"query", "parse"} {
		r := c.Get(P("action", action, "format", "json", "text", "x"))
		if got := Path(r.JSON, "error", "code"); got != "readapidenied" {
			t.Errorf("action=%s without read right: error.code = %v, want readapidenied", action, got)
		}
	}
	r := c.Get(P("action", "query", "meta", "tokens|userinfo", "type", "login", "format", "json"))
	if Path(r.JSON, "query", "tokens", "logintoken") == nil {
		t.Errorf("meta=tokens without read right = %s, want a login token so that users can log in", r.Body)
	}
	r = c.Get(P("action", "query", "meta", "tokens", "titles", "Main Page", "format", "json"))
	if got := Path(r.JSON, "error", "code"); got != "readapidenied" {
		t.Errorf("meta=tokens with titles without read right: error.code = %v, want readapidenied", got)
	}
}

// staticReason is a read-only switch that is always on.
type staticReason string

func (r staticReason) Reason(context.Context) string { return string(r) }

// TestReadOnly checks that writes fail with readonly while reads work.
func TestReadOnly(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Alice")
	env.Server.ReadOnly = staticReason("database upgrade")
	c := env.NewClient()
	c.MustLogin("Alice")
	r := c.Post(P("action", "edit", "title", "X", "text", "y", "token", c.Token("csrf"), "format", "json", "formatversion", "2"))
	if Path(r.JSON, "error", "code") != "readonly" || Path(r.JSON, "error", "readonlyreason") != "database upgrade" {
		t.Errorf("edit while read-only = %s, want readonly with the reason", r.Body)
	}
	r = c.Get(P("action", "query", "meta", "siteinfo", "format", "json", "formatversion", "2"))
	if Path(r.JSON, "query", "general", "readonly") != true || Path(r.JSON, "query", "general", "readonlyreason") != "database upgrade" {
		t.Errorf("siteinfo while read-only = %s", r.Body)
	}
}

// TestXMLWellFormed checks that format=xml answers parse as XML.
func TestXMLWellFormed(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	setupBasic(env)
	for _, q := range []string{
		"action=query&meta=siteinfo|userinfo|tokens&siprop=general|namespaces|namespacealiases|statistics",
		"action=query&titles=Alpha|Nowhere|Bad[x]&prop=info|revisions|links&rvprop=content|ids|flags&inprop=protection",
		"action=query&list=recentchanges|allpages|usercontribs&ucuser=Alice&rcprop=title|user|flags",
		"action=parse&text=''x''%20[[Alpha]]&prop=text|links|sections|categories",
		"action=paraminfo&modules=main|query|edit",
		"action=query&list=allpages&aplimit=x",
	} {
		resp, err := http.Get(env.URL + "/api.php?format=xml&" + q)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: not well-formed XML: %v\n%s", q, err, body)
				break
			}
		}
	}
}
