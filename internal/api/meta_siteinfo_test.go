package api_test

import (
	"testing"
)

// TestSiteInfoExtensions checks that siprop=extensions lists the loaded
// wikitext extensions, the list Special:Version shows, in both format
// versions, and leaves out the ones the configuration turns off.
func TestSiteInfoExtensions(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	c := env.NewClient()
	find := func(list any, name string) map[string]any {
		items, _ := list.([]any)
		for _, it := range items {
			if m, ok := it.(map[string]any); ok && m["name"] == name {
				return m
			}
		}
		return nil
	}
	for _, fv := range []string{"1", "2"} {
		t.Run("formatversion "+fv, func(t *testing.T) {
			r := c.Get(Params("action", "query", "meta", "siteinfo", "siprop", "extensions", "format", "json", "formatversion", fv))
			list := Path(r.JSON, "query", "extensions")
			tests := []struct {
				name, typ, url string
			}{
				{"Cite", "parserhook", "https://www.mediawiki.org/wiki/Extension:Cite"},
				{"ParserFunctions", "parserhook", "https://www.mediawiki.org/wiki/Extension:ParserFunctions"},
				{"GraphViz", "parserhook", "https://www.mediawiki.org/wiki/Extension:GraphViz"},
				{"ImportFromEtherpad", "specialpage", ""},
			}
			for _, tt := range tests {
				e := find(list, tt.name)
				if e == nil {
					t.Fatalf("extension %s missing from %s", tt.name, r.Body)
				}
				if e["type"] != tt.typ || e["version"] == "" || e["description"] == "" || e["license-name"] != "Apache-2.0" {
					t.Errorf("extension %s = %v", tt.name, e)
				}
				if got, _ := e["url"].(string); got != tt.url {
					t.Errorf("extension %s url = %q, want %q", tt.name, got, tt.url)
				}
			}
		})
	}
	env.Server.Renderer.Disabled = map[string]bool{"graphviz": true}
	r := c.Get(Params("action", "query", "meta", "siteinfo", "siprop", "extensions", "format", "json", "formatversion", "2"))
	list := Path(r.JSON, "query", "extensions")
	if find(list, "GraphViz") != nil || find(list, "Cite") == nil {
		t.Errorf("with graphviz turned off: %s", r.Body)
	}
}

// TestSiteInfoNamespaceProtection checks that a namespace reserved to a
// right (the Widget namespace's editwidgets) reports it.
func TestSiteInfoNamespaceProtection(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Wiki.NamespaceProtection = map[int]string{12: "edithelp"}
	r := env.NewClient().Get(Params("action", "query", "meta", "siteinfo", "siprop", "namespaces", "format", "json", "formatversion", "2"))
	if got := Path(r.JSON, "query", "namespaces", "12", "namespaceprotection"); got != "edithelp" {
		t.Errorf("Help namespace protection = %v in %s", got, r.Body)
	}
	if got := Path(r.JSON, "query", "namespaces", "8", "namespaceprotection"); got != "editinterface" {
		t.Errorf("MediaWiki namespace protection = %v", got)
	}
	if got := Path(r.JSON, "query", "namespaces", "0", "namespaceprotection"); got != nil {
		t.Errorf("main namespace protection = %v", got)
	}
}
