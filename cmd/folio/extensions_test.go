package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestConfigExtensions(t *testing.T) {
	off := writeFile(t, "off.toml", "[extensions]\ngraphviz = false\nwidgets = true\n")
	bad := writeFile(t, "bad.toml", "[extensions]\nbogus = false\n")
	builtin := writeFile(t, "builtin.toml", "[extensions]\ncite = false\n")

	c, err := loadWith(t, map[string]string{"FOLIO_CONFIG": off})
	if err != nil {
		t.Fatal(err)
	}
	if d := disabledExtensions(c.Extensions); !d["graphviz"] || d["widgets"] || len(d) != 1 {
		t.Errorf("disabledExtensions(%v) = %v, want only graphviz", c.Extensions, d)
	}
	c, err = loadWith(t, nil)
	if err != nil || len(disabledExtensions(c.Extensions)) != 0 {
		t.Errorf("defaults: disabled = %v, %v; want every extension on", disabledExtensions(c.Extensions), err)
	}
	for _, file := range []string{bad, builtin} {
		_, err := loadWith(t, map[string]string{"FOLIO_CONFIG": file})
		if err == nil || !strings.Contains(err.Error(), "extensions.") || !strings.Contains(err.Error(), "graphviz, widgets") {
			t.Errorf("config %s: error = %v, want one naming the key and the choices", file, err)
		}
	}
}

// TestSpecialVersionExtensions checks that Special:Version lists the loaded
// extensions and leaves out one turned off in the configuration.
func TestSpecialVersionExtensions(t *testing.T) {
	get := func(t *testing.T, env map[string]string) string {
		w := MustRunMain(t, env)
		resp, err := http.Get(w.URL + "/wiki/Special:Version")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("Special:Version: status %d", resp.StatusCode)
		}
		return string(b)
	}
	page := get(t, nil)
	for _, want := range []string{"GraphViz", "Widgets", "ParserFunctions", "Cite", "Poem"} {
		if !strings.Contains(page, want) {
			t.Errorf("Special:Version lacks %q", want)
		}
	}
	off := writeFile(t, "off.toml", "[extensions]\ngraphviz = false\n")
	page = get(t, map[string]string{"FOLIO_CONFIG": off})
	if strings.Contains(page, "GraphViz") || !strings.Contains(page, "Widgets") {
		t.Errorf("Special:Version with graphviz off still lists it, or lost Widgets")
	}
}
