package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/compat"
	"github.com/folio-wiki/folio/internal/inmem"
)

// mustCompatEnv serves a wiki whose compat data is internal/compat's
// testdata, on SQLite.
func mustCompatEnv(t *testing.T) (*Env, *compat.Service) {
	t.Helper()
	env := MustStart(t, MustOpenSQLite(t))
	svc := &compat.Service{Store: env.Store.(folio.CompatStore), Namespaces: env.Server.Namespaces,
		Cache: inmem.NewCache(1 << 20)}
	features, err := compat.Load("../compat/testdata/bcd")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(context.Background(), features); err != nil {
		t.Fatal(err)
	}
	env.Server.Compat = svc
	env.Server.Renderer.Compat = svc
	return env, svc
}

func TestSpecialCompatables(t *testing.T) {
	env, _ := mustCompatEnv(t)
	b := env.NewBrowser()
	tests := []struct {
		name, url string
		status    int
		want      []string
		dontWant  []string
	}{
		{"form", "/wiki/Special:Compatables", http.StatusOK,
			[]string{`id="mw-compatables-form"`, `name="feature"`, `<option value="css">css</option>`}, nil},
		{"topic and feature", "/index.php?title=Special:Compatables&feature=border-radius&format=table&topic=css", http.StatusOK,
			[]string{`Browser compatibility: css.properties.border-radius`, `<table class="compat-table`,
				`<th scope="col" class="compat-browser compat-browser-firefox">Firefox</th>`,
				`data-browser="chrome"><span class="compat-version">4</span>`,
				`foresi=1`, `action=purge`, `<option value="css" selected>`, `href="/static/compat.`}, nil},
		{"topic list", "/wiki/Special:Compatables?topic=css", http.StatusOK,
			[]string{`<h2>Features of the topic css</h2>`,
				`<a href="/index.php?title=Special:Compatables&amp;feature=css.properties.border-radius">css.properties.border-radius</a>`,
				`>css.properties.color</a>`}, []string{`html.elements.dialog`}},
		{"empty topic", "/wiki/Special:Compatables?topic=svg", http.StatusOK,
			[]string{`There is no compatibility data for the topic svg.`}, nil},
		{"full path", "/wiki/Special:Compatables?feature=html.elements.dialog", http.StatusOK,
			[]string{`data-browser="safari"><span class="compat-version">15.4</span>`}, nil},
		{"subpage", "/wiki/Special:Compatables/css.properties.color", http.StatusOK,
			[]string{`data-compat-feature="css.properties.color"`}, nil},
		{"unknown", "/wiki/Special:Compatables?feature=nope&topic=css", http.StatusNotFound,
			[]string{`There is no browser compatibility data for &#34;css.properties.nope&#34;.`, `id="firstHeading"`},
			[]string{`<table class="compat-table`}},
		{"hostile", "/wiki/Special:Compatables?feature=%3Cscript%3Ealert(1)%3C/script%3E&topic=css", http.StatusBadRequest,
			[]string{`is not a valid compatibility feature path.`}, []string{"<script>alert"}},
		{"bad topic", "/wiki/Special:Compatables?feature=x&topic=cobol", http.StatusBadRequest,
			[]string{`Unknown compatibility topic`}, nil},
		{"bad format", "/wiki/Special:Compatables?feature=border-radius&topic=css&format=json", http.StatusBadRequest,
			[]string{`Unsupported compatibility format`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := b.Do(http.MethodGet, tt.url, nil)
			if resp.Status != tt.status {
				t.Errorf("status = %d, want %d\n%s", resp.Status, tt.status, pageExcerpt(resp.Body))
			}
			for _, w := range tt.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %s\n%s", w, pageExcerpt(resp.Body))
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body has %s", w)
				}
			}
		})
	}
}

func TestSpecialCompatablesNaked(t *testing.T) {
	env, _ := mustCompatEnv(t)
	b := env.NewBrowser()
	resp := b.Do(http.MethodGet, "/wiki/Special:Compatables?feature=border-radius&topic=css&format=table&foresi=1", nil)
	if resp.Status != http.StatusOK || !strings.HasPrefix(resp.Body, `<div class="compat"><table class="compat-table`) ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || strings.Contains(resp.Body, "firstHeading") {
		t.Errorf("naked table: %d %s\n%.300s", resp.Status, resp.Header.Get("Content-Type"), resp.Body)
	}
	resp = b.Do(http.MethodGet, "/wiki/Special:Compatables?feature=css.nope&foresi=1", nil)
	if resp.Status != http.StatusNotFound || !strings.HasPrefix(resp.Body, `<strong class="error compat-error"`) {
		t.Errorf("naked unknown: %d %s", resp.Status, resp.Body)
	}
}

func TestSpecialCompatablesPurge(t *testing.T) {
	env, svc := mustCompatEnv(t)
	b := env.NewBrowser()
	const path = "css.properties.border-radius"
	view := "/wiki/Special:Compatables?feature=" + path
	if resp := b.Do(http.MethodGet, view, nil); !strings.Contains(resp.Body, `<span class="compat-version">4</span>`) {
		t.Fatalf("first view lacks version 4")
	}
	// Tamper with the cached table: views show the cache until a purge.
	f, _, _ := svc.CompatFeature(context.Background(), path)
	svc.CacheCompatTable(context.Background(), "compat-table:v1:"+path+":"+f.SHA, "<p>stale copy</p>")
	if resp := b.Do(http.MethodGet, view, nil); !strings.Contains(resp.Body, "stale copy") {
		t.Fatalf("view does not use the cached table")
	}
	purge := "/index.php?title=Special:Compatables&feature=" + path + "&action=purge"
	resp := b.Do(http.MethodGet, purge, nil)
	if resp.Status != http.StatusOK || !strings.Contains(resp.Body, `id="mw-compat-purge-form"`) {
		t.Fatalf("GET purge = %d\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	if resp := b.Do(http.MethodPost, purge, url.Values{"wpEditToken": {"bad"}}); resp.Status == http.StatusSeeOther {
		t.Errorf("purge without a valid token succeeded")
	}
	if resp := b.Do(http.MethodGet, view, nil); !strings.Contains(resp.Body, "stale copy") {
		t.Errorf("refused purge dropped the cache")
	}
	resp = b.Do(http.MethodPost, purge, url.Values{"wpEditToken": {b.Token()}})
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("POST purge = %d\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	if resp := b.Do(http.MethodGet, view, nil); strings.Contains(resp.Body, "stale copy") ||
		!strings.Contains(resp.Body, `<span class="compat-version">4</span>`) {
		t.Errorf("view after purge still stale")
	}
}

// TestCompatOnPage shows a table on a wiki page and the dependency the
// page records on Special:Compatables/PATH.
func TestCompatOnPage(t *testing.T) {
	env, _ := mustCompatEnv(t)
	env.MustEdit("Rounded corners", "Support:\n\n{{#compat:css.properties.border-radius}}\n\n{{#compat:css.nope}}", "tables", nil)
	b := env.NewBrowser()
	resp := b.Do(http.MethodGet, "/wiki/Rounded_corners", nil)
	for _, w := range []string{`<table class="compat-table`, `<span class="compat-version">4</span>`,
		`There is no browser compatibility data for &#34;css.nope&#34;.`} {
		if !strings.Contains(resp.Body, w) {
			t.Errorf("page lacks %s\n%s", w, pageExcerpt(resp.Body))
		}
	}
	// The dependency on a special page does not trouble the edit form.
	resp = b.Do(http.MethodGet, "/index.php?title=Rounded_corners&action=edit", nil)
	if resp.Status != http.StatusOK || !strings.Contains(resp.Body, "{{#compat:css.properties.border-radius}}") {
		t.Errorf("edit form = %d\n%s", resp.Status, pageExcerpt(resp.Body))
	}
	resp = b.Do(http.MethodGet, "/wiki/Special:WhatLinksHere/Special:Compatables/css.properties.border-radius", nil)
	if !strings.Contains(resp.Body, "Rounded corners") {
		t.Errorf("WhatLinksHere does not list the page using the feature: %d", resp.Status)
	}
}
