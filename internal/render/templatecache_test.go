package render_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// countingStore counts the store reads a render makes for templates.
type countingStore struct {
	render.Store
	pages, revs atomic.Int64
}

func (s *countingStore) FindPageByTitle(ctx context.Context, ns int, dbkey string) (*folio.Page, error) {
	s.pages.Add(1)
	return s.Store.FindPageByTitle(ctx, ns, dbkey)
}

func (s *countingStore) FindRevisionByID(ctx context.Context, id int64) (*folio.Revision, error) {
	s.revs.Add(1)
	return s.Store.FindRevisionByID(ctx, id)
}

func mustRender(t *testing.T, r *render.Renderer, text string) string {
	t.Helper()
	out, err := r.Render(context.Background(), r.Namespaces.MakeTitle(folio.NSMain, "Sandbox"), text, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out.HTML
}

func edit(t *testing.T, r *render.Renderer, title, text string) {
	t.Helper()
	tt, err := r.Namespaces.ParseTitle(title, folio.NSMain)
	if err != nil {
		t.Fatal(err)
	}
	e := &folio.Edit{Namespace: tt.Namespace, DBKey: tt.DBKey, Text: text, Actor: folio.Actor{Name: "192.0.2.1"}}
	if p, err := r.Store.FindPageByTitle(context.Background(), tt.Namespace, tt.DBKey); err == nil {
		e.BaseRevID = p.Latest
	}
	if _, err := r.Store.SaveRevision(context.Background(), e); err != nil {
		t.Fatal(err)
	}
}

func TestTemplateCacheNeverStale(t *testing.T) {
	r := mustRenderer(t, map[string]string{
		"Template:Greet":    "Hello v1",
		"Template:Old name": "#REDIRECT [[Template:Greet]]",
	})
	cs := &countingStore{Store: r.Store}
	r.Store = cs
	steps := []struct {
		name, edit, text string // edit: "Title=text" applied before rendering
		want, dontWant   string
	}{
		{"first render", "", "{{Greet}}", "Hello v1", ""},
		{"cached render", "", "{{Greet}}", "Hello v1", ""},
		{"edited template", "Template:Greet=Hello v2", "{{Greet}}", "Hello v2", "Hello v1"},
		{"through redirect after edit", "Template:Greet=Hello v3", "{{Old name}}", "Hello v3", "Hello v2"},
		{"redirect retargeted", "Template:Old name=Plain now", "{{Old name}}", "Plain now", "Hello"},
		{"reverted to old text", "Template:Greet=Hello v1", "{{Greet}}", "Hello v1", "Hello v3"},
	}
	for _, s := range steps {
		if s.edit != "" {
			title, text, _ := strings.Cut(s.edit, "=")
			edit(t, r, title, text)
		}
		got := mustRender(t, r, s.text)
		if !strings.Contains(got, s.want) || (s.dontWant != "" && strings.Contains(got, s.dontWant)) {
			t.Errorf("%s: got %q, want %q and not %q", s.name, got, s.want, s.dontWant)
		}
	}
}

func TestTemplateCacheFewerQueries(t *testing.T) {
	r := mustRenderer(t, map[string]string{
		"Template:A": "a{{B}}", "Template:B": "b", "Template:C": "#REDIRECT [[Template:B]]",
	})
	cs := &countingStore{Store: r.Store}
	r.Store = cs
	const text = "{{A}} {{B}} {{C}}"
	reads := func() (int64, int64) {
		p0, r0 := cs.pages.Load(), cs.revs.Load()
		mustRender(t, r, text)
		return cs.pages.Load() - p0, cs.revs.Load() - r0
	}
	p1, r1 := reads()
	if r1 == 0 {
		t.Fatalf("first render read no revisions")
	}
	p2, r2 := reads()
	if r2 != 0 {
		t.Errorf("cached render read %d revisions, want 0", r2)
	}
	if p2 != p1 {
		t.Errorf("page rows read: first %d, cached %d; want the same (every render checks the latest revision)", p1, p2)
	}
	t.Logf("store reads: first render %d+%d, cached %d+%d", p1, r1, p2, r2)

	r.TemplateCacheBytes = -1
	if p3, r3 := reads(); r3 != p3 {
		t.Errorf("with the cache off: %d revision reads for %d page rows, want one each", r3, p3)
	}
}

func TestTemplateCacheBounded(t *testing.T) {
	pages := map[string]string{}
	var text strings.Builder
	for i := range 20 {
		pages[fmt.Sprintf("Template:T%d", i)] = strings.Repeat("x", 1000) + fmt.Sprint(i)
		fmt.Fprintf(&text, "{{T%d}}\n", i)
	}
	r := mustRenderer(t, pages)
	r.TemplateCacheBytes = 5000
	html := mustRender(t, r, text.String())
	for i := range 20 {
		if !strings.Contains(html, strings.Repeat("x", 10)+fmt.Sprint(i)) {
			t.Errorf("template %d missing", i)
		}
	}
	if n, bytes := render.TemplateCacheLen(r); bytes > 5000 || n == 0 || n >= 20 {
		t.Errorf("cache holds %d revisions, %d bytes; want some, at most 5000 bytes", n, bytes)
	}
}

func TestTemplateCacheConcurrent(t *testing.T) {
	r := mustRenderer(t, map[string]string{"Template:A": "alpha", "Template:B": "beta {{A}}"})
	r.TemplateCacheBytes = 1100 // room for one or two revisions: forces eviction
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if html := mustRender(t, r, "{{A}} {{B}}"); !strings.Contains(html, "alpha beta alpha") {
					t.Errorf("got %q", html)
					return
				}
			}
		})
	}
	wg.Wait()
}
