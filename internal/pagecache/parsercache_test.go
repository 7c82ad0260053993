package pagecache_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// countingRenderer renders "text@calls".
type countingRenderer struct{ calls int }

func (c *countingRenderer) Render(_ context.Context, _ folio.Title, text string, opt render.Options) (*render.Output, error) {
	c.calls++
	return &render.Output{HTML: fmt.Sprintf("%s@%d es=%v", text, c.calls, !opt.NoEditSections)}, nil
}

func TestParserCache(t *testing.T) {
	ns := folio.NewNamespaces("Testwiki")
	page := ns.MakeTitle(folio.NSMain, "Page")
	other := ns.MakeTitle(folio.NSMain, "Other")
	cr := &countingRenderer{}
	pc := &pagecache.ParserCache{Renderer: cr, Cache: inmem.NewCache(1 << 20)}
	steps := []struct {
		name  string
		title folio.Title
		text  string
		opt   render.Options
		purge bool
		want  string
	}{
		{"first render", page, "a", render.Options{RevID: 1}, false, "a@1 es=true"},
		{"hit", page, "a", render.Options{RevID: 1}, false, "a@1 es=true"},
		{"other options", page, "a", render.Options{RevID: 1, NoEditSections: true}, false, "a@2 es=false"},
		{"other page", other, "a", render.Options{RevID: 1}, false, "a@3 es=true"},
		{"new revision", page, "b", render.Options{RevID: 2}, false, "b@4 es=true"},
		{"new revision hit", page, "b", render.Options{RevID: 2}, false, "b@4 es=true"},
		{"preview never cached", page, "c", render.Options{RevID: 2, Preview: true}, false, "c@5 es=true"},
		{"no revision never cached", page, "d", render.Options{}, false, "d@6 es=true"},
		{"after purge", page, "b", render.Options{RevID: 2}, true, "b@7 es=true"},
		{"other page survives the purge", other, "a", render.Options{RevID: 1}, false, "a@3 es=true"},
	}
	for _, s := range steps {
		if s.purge {
			if err := pc.Purge(context.Background(), page); err != nil {
				t.Fatal(err)
			}
		}
		out, err := pc.Render(context.Background(), s.title, s.text, s.opt)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if out.HTML != s.want {
			t.Errorf("%s: Render = %q, want %q", s.name, out.HTML, s.want)
		}
	}
	if hits, misses := pc.Stats(); hits != 3 || misses != 5 {
		t.Errorf("Stats() = %d hits, %d misses; want 3, 5", hits, misses)
	}
}

// TestParserCacheRoundTrip stores a real rendering and reads it back.
func TestParserCacheRoundTrip(t *testing.T) {
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	ns := folio.NewNamespaces("Testwiki")
	r := &render.Renderer{Store: store, Namespaces: ns, SiteName: "Testwiki"}
	pc := &pagecache.ParserCache{Renderer: r, Cache: inmem.NewCache(1 << 20)}
	title := ns.MakeTitle(folio.NSMain, "Round_trip")
	text := "== Head ==\n[[Some link]] {{Tpl}} [[Category:Things]] [http://example.org ext]"
	first, err := pc.Render(context.Background(), title, text, render.Options{RevID: 9})
	if err != nil {
		t.Fatal(err)
	}
	second, err := pc.Render(context.Background(), title, text, render.Options{RevID: 9})
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := pc.Stats(); hits != 1 {
		t.Fatalf("second Render was not a hit")
	}
	if first.HTML != second.HTML || len(second.Sections) != len(first.Sections) ||
		len(second.Links.Links) != len(first.Links.Links) || len(second.Categories) != 1 {
		t.Errorf("cached output differs:\nfirst  %+v\nsecond %+v", first, second)
	}
}

// TestParserCachePurgedByTemplateEdit checks that the Invalidator empties
// the parser cache of pages transcluding an edited template.
func TestParserCachePurgedByTemplateEdit(t *testing.T) {
	e := MustOpenEnv(t)
	ns := e.wiki.Namespaces
	r := &render.Renderer{Store: e.store, Namespaces: ns, SiteName: "Testwiki"}
	pc := &pagecache.ParserCache{Renderer: r, Cache: inmem.NewCache(1 << 20)}
	e.inv.Parser = pc
	e.edit("Template:Sig", "sig-1")
	e.edit("Signed", "text {{Sig}}")
	e.runJobs()
	ctx := context.Background()
	title := ns.MakeTitle(folio.NSMain, "Signed")
	view := func() string {
		p, err := e.store.FindPageByTitle(ctx, title.Namespace, title.DBKey)
		if err != nil {
			t.Fatal(err)
		}
		rev, err := e.store.FindRevisionByID(ctx, p.Latest)
		if err != nil {
			t.Fatal(err)
		}
		out, err := pc.Render(ctx, title, rev.Text, render.Options{RevID: rev.ID})
		if err != nil {
			t.Fatal(err)
		}
		return out.HTML
	}
	steps := []struct {
		tpl, want  string
		wantMisses int64
	}{
		{"", "sig-1", 1},
		{"", "sig-1", 1},
		{"sig-2", "sig-2", 2},
		{"", "sig-2", 2},
	}
	for i, s := range steps {
		if s.tpl != "" {
			e.edit("Template:Sig", s.tpl)
			e.runJobs()
		}
		html := view()
		if _, misses := pc.Stats(); !strings.Contains(html, s.want) || misses != s.wantMisses {
			t.Errorf("step %d: has %q: %v, misses %d; want it with %d misses", i, s.want, strings.Contains(html, s.want), misses, s.wantMisses)
		}
	}
}
