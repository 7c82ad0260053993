package render_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// mustRenderer returns a Renderer over a fresh SQLite store holding pages.
func mustRenderer(tb testing.TB, pages map[string]string) *render.Renderer {
	tb.Helper()
	store, err := sqlite.Open(filepath.Join(tb.TempDir(), "render.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	ctx := context.Background()
	if _, err := store.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	ns := folio.NewNamespaces("Testwiki")
	for title, text := range pages {
		t, err := ns.ParseTitle(title, folio.NSMain)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := store.SaveRevision(ctx, &folio.Edit{Namespace: t.Namespace, DBKey: t.DBKey, Text: text, Actor: folio.Actor{Name: "192.0.2.1"}}); err != nil {
			tb.Fatal(err)
		}
	}
	return &render.Renderer{Store: store, Namespaces: ns, SiteName: "Testwiki", Server: "http://wiki.test"}
}

func TestRender(t *testing.T) {
	r := mustRenderer(t, map[string]string{
		"Existing":          "x",
		"Template:Greet":    "Hello, {{{1|world}}}!",
		"Template:Outer":    "[{{Greet|{{{who}}}}}]",
		"Template:Old name": "#REDIRECT [[Template:Greet]]",
		"Help:Contents":     "help",
	})
	tests := []struct {
		name, text string
		want       []string
		dontWant   []string
	}{
		{"blue and red links", "[[Existing]] [[Missing page|gone]]",
			[]string{`href="/wiki/Existing"`, `class="new"`, `/index.php?title=Missing_page&amp;action=edit&amp;redlink=1`}, nil},
		{"template with default", "{{Greet}}", []string{"Hello, world!"}, nil},
		{"nested templates", "{{Outer|who=Ann}}", []string{"[Hello, Ann!]"}, nil},
		{"template redirect", "{{Old name|Bo}}", []string{"Hello, Bo!"}, nil},
		{"parser functions", "{{#if: x | yes | no }} {{#expr: 2*3+1}}", []string{"yes 7"}, nil},
		{"site words", "{{SITENAME}} {{PAGENAME}} {{NUMBEROFARTICLES}}", []string{"Testwiki Sandbox"}, nil},
		{"references", "A<ref>note</ref>", []string{`class="references"`, "note"}, nil},
		{"script is escaped", "<script>alert(1)</script>", []string{"&lt;script&gt;"}, []string{"<script>"}},
		{"special links are blue", "[[Special:RecentChanges]]", []string{`href="/wiki/Special:RecentChanges"`}, []string{`class="new"`}},
	}
	sandbox := folio.NewNamespaces("Testwiki").MakeTitle(folio.NSMain, "Sandbox")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := r.Render(context.Background(), sandbox, tt.text, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("Render(%q) = %s\nwant it to contain %q", tt.text, out.HTML, w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out.HTML, w) {
					t.Errorf("Render(%q) = %s\nwant no %q", tt.text, out.HTML, w)
				}
			}
		})
	}
}

func TestLinks(t *testing.T) {
	r := mustRenderer(t, map[string]string{"Template:T": "[[Via template]]"})
	page := folio.NewNamespaces("Testwiki").MakeTitle(folio.NSMain, "P")
	ls, rd, err := r.Links(context.Background(), page, "[[A]] [[a]] [[Help:B#x]] {{T}} [[Category:C|key]] [http://example.org/ ext] [[Special:Log]]")
	if err != nil || rd != nil {
		t.Fatalf("Links = %v, %v", rd, err)
	}
	want := map[folio.LinkTarget]bool{{DBKey: "A"}: true, {Namespace: folio.NSHelp, DBKey: "B"}: true, {DBKey: "Via_template"}: true}
	if len(ls.Links) != len(want) {
		t.Errorf("Links = %+v, want %v (deduplicated, no special pages)", ls.Links, want)
	}
	for _, l := range ls.Links {
		if !want[l] {
			t.Errorf("unexpected link %+v", l)
		}
	}
	if len(ls.Templates) != 1 || ls.Templates[0].DBKey != "T" {
		t.Errorf("Templates = %+v", ls.Templates)
	}
	if len(ls.Categories) != 1 || ls.Categories[0] != (folio.CategoryLink{Category: "C", SortKey: "key"}) {
		t.Errorf("Categories = %+v", ls.Categories)
	}
	if len(ls.External) != 1 || ls.External[0] != "http://example.org/" {
		t.Errorf("External = %+v", ls.External)
	}
	_, rd, _ = r.Links(context.Background(), page, "#REDIRECT [[Help:Target#sec]]")
	if rd == nil || *rd != (folio.LinkTarget{Namespace: folio.NSHelp, DBKey: "Target", Fragment: "sec"}) {
		t.Errorf("redirect = %+v", rd)
	}
}
