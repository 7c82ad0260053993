package compat_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/compat"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/sqlite"
	wtcompat "github.com/folio-wiki/folio/wikitext/ext/compat"
	"github.com/google/go-cmp/cmp"
)

func paths(fs []*folio.CompatFeature) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

func TestLoad(t *testing.T) {
	want := []string{"css.properties.border-radius", "css.properties.color", "html.elements.dialog"}
	for _, dir := range []string{"testdata/bcd", "testdata/npm", "testdata/npm/data.json"} {
		t.Run(dir, func(t *testing.T) {
			fs, err := compat.Load(dir)
			if err != nil {
				t.Fatalf("Load(%s) error: %v", dir, err)
			}
			if diff := cmp.Diff(want, paths(fs)); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				if len(f.SHA256) != 64 || !strings.HasPrefix(string(f.JSON), `{"__compat":`) {
					t.Errorf("%s: sha %q json %.40s", f.Path, f.SHA256, f.JSON)
				}
			}
			// Subfeatures stay inside their feature.
			if !strings.Contains(string(fs[0].JSON), `"percentages":{"__compat"`) {
				t.Errorf("border-radius lacks its subfeatures: %s", fs[0].JSON)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := compat.Load(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("Load(missing) succeeded")
	}
	if _, err := compat.Load(dir); err == nil || !strings.Contains(err.Error(), "no JSON files") {
		t.Errorf("Load(empty) error = %v", err)
	}
	write("css/a.json", `{"css":{"x":{"__compat":{}}}}`)
	write("css/b.json", `{"css":{"x":{"__compat":{}}}}`)
	if _, err := compat.Load(dir); err == nil || !strings.Contains(err.Error(), "css.x is defined in") {
		t.Errorf("Load(duplicate) error = %v", err)
	}
	write("css/b.json", `{"css":`)
	if _, err := compat.Load(dir); err == nil || !strings.Contains(err.Error(), "css/b.json") {
		t.Errorf("Load(broken) error = %v", err)
	}
	write("css/b.json", `{"css":{"a b":{"__compat":{}}}}`)
	if _, err := compat.Load(dir); err == nil || !strings.Contains(err.Error(), "not a valid") {
		t.Errorf("Load(bad path) error = %v", err)
	}
}

// invalidator records the titles reported changed.
type invalidator struct {
	mu      sync.Mutex
	changed []string
}

func (inv *invalidator) PageChanged(ctx context.Context, t folio.Title, c pagecache.Change) error {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.changed = append(inv.changed, t.PrefixedDBKey())
	return nil
}

func newService(t *testing.T) (*compat.Service, *invalidator) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "wiki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	inv := &invalidator{}
	return &compat.Service{Store: db, Namespaces: folio.NewNamespaces("Test"), Cache: inmem.NewCache(1 << 20),
		Invalidator: inv}, inv
}

// modified copies testdata/bcd and changes Chrome's border-radius version.
func modified(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/bcd")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "css/properties/border-radius.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), `"version_added": "4"`, `"version_added": "5"`, 1))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestImportRefresh(t *testing.T) {
	ctx := context.Background()
	s, inv := newService(t)
	fs, err := compat.Load("testdata/bcd")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, fs)
	if err != nil {
		t.Fatalf("Import() error: %v", err)
	}
	if res.Added != 3 || res.Changed != 0 || res.Unchanged != 0 {
		t.Errorf("first import = %+v", res)
	}
	h, err := s.Table(ctx, "css.properties.border-radius")
	if err != nil || !strings.Contains(h, `data-browser="chrome"><span class="compat-version">4</span>`) {
		t.Fatalf("Table() = %s, %v", h, err)
	}
	inv.changed = nil
	res, err = s.Import(ctx, fs)
	if err != nil || res.Added != 0 || res.Changed != 0 || res.Unchanged != 3 || len(inv.changed) != 0 {
		t.Errorf("same import again = %+v, %v; purged %v", res, err, inv.changed)
	}
	fs2, err := compat.Load(modified(t))
	if err != nil {
		t.Fatal(err)
	}
	res, err = s.Import(ctx, fs2)
	if err != nil || res.Added != 0 || res.Changed != 1 || res.Unchanged != 2 || res.Purged != 1 {
		t.Errorf("refresh = %+v, %v", res, err)
	}
	if want := []string{"Special:Compatables/css.properties.border-radius"}; !slices.Equal(inv.changed, want) {
		t.Errorf("purged %v, want %v", inv.changed, want)
	}
	h, err = s.Table(ctx, "css.properties.border-radius")
	if err != nil || !strings.Contains(h, `data-browser="chrome"><span class="compat-version">5</span>`) {
		t.Errorf("Table() after refresh = %s, %v", h, err)
	}
}

func TestServiceLookup(t *testing.T) {
	ctx := context.Background()
	s, inv := newService(t)
	fs, err := compat.Load("testdata/bcd")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, fs); err != nil {
		t.Fatal(err)
	}
	f, found, err := s.CompatFeature(ctx, "css.properties.border-radius.percentages")
	if err != nil || !found || f.Path != "css.properties.border-radius" || f.Dependency.DBKey != "Compatables/css.properties.border-radius" {
		t.Errorf("CompatFeature(subfeature) = %+v, %v, %v", f.Path, found, err)
	}
	f, found, err = s.CompatFeature(ctx, "css.properties.nope")
	if err != nil || found || f.Dependency.DBKey != "Compatables/css.properties.nope" {
		t.Errorf("CompatFeature(unknown) = %+v, %v, %v", f, found, err)
	}
	h, err := s.Table(ctx, "html.elements.dialog.open")
	if err != nil || !strings.Contains(h, "≤15.4") {
		t.Errorf("Table(subfeature) = %s, %v", h, err)
	}
	if _, err := s.Table(ctx, "css.properties.nope"); wtcompat.Kind(err) != wtcompat.ErrUnknown {
		t.Errorf("Table(unknown) error = %v", err)
	}
	// The table is cached under path and digest; a purge drops it.
	key := wtcompat.CacheKey("html.elements.dialog.open", mustFeature(t, s, "html.elements.dialog").SHA)
	if _, ok := s.CachedCompatTable(ctx, key); !ok {
		t.Fatalf("no cached table under %s", key)
	}
	inv.changed = nil
	if err := s.PurgeTable(ctx, "html.elements.dialog.open"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.CachedCompatTable(ctx, key); ok {
		t.Errorf("table still cached after PurgeTable")
	}
	if want := []string{"Special:Compatables/html.elements.dialog.open"}; !slices.Equal(inv.changed, want) {
		t.Errorf("purged %v, want %v", inv.changed, want)
	}
}

func mustFeature(t *testing.T, s *compat.Service, path string) wtcompat.Feature {
	t.Helper()
	f, found, err := s.CompatFeature(context.Background(), path)
	if err != nil || !found {
		t.Fatalf("CompatFeature(%s) = %v, %v", path, found, err)
	}
	return f
}

// TestImportPurgesOnlyUsed asks the link tables first: only features that
// a page shows are purged.
func TestImportPurgesOnlyUsed(t *testing.T) {
	ctx := context.Background()
	s, inv := newService(t)
	db := s.Store.(folio.Store)
	res, err := db.SaveRevision(ctx, &folio.Edit{Namespace: folio.NSMain, DBKey: "Corners", Text: "x",
		Actor: folio.Actor{Name: "192.0.2.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateLinks(ctx, res.Page.ID, &folio.LinkSet{Templates: []folio.LinkTarget{
		{Namespace: folio.NSSpecial, DBKey: "Compatables/css.properties.color"}}}); err != nil {
		t.Fatal(err)
	}
	s.Links = db
	fs, err := compat.Load("testdata/bcd")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := s.Import(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Special:Compatables/css.properties.color"}; !slices.Equal(inv.changed, want) {
		t.Errorf("purged %v, want %v", inv.changed, want)
	}
	if imp.Purged != 1 {
		t.Errorf("Purged = %d, want 1", imp.Purged)
	}
}
