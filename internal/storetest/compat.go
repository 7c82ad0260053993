package storetest

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// testCompat stores browser-compatibility features, refreshes them with
// one changed, and looks them up by path and prefix.
func testCompat(t *testing.T, s folio.Store) {
	cs, ok := s.(folio.CompatStore)
	if !ok {
		t.Skip("store does not implement folio.CompatStore")
	}
	ctx := context.Background()
	radius := `{"__compat":{"support":{"chrome":{"version_added":"4"}}}}`
	features := func(radiusJSON string) []*folio.CompatFeature {
		return []*folio.CompatFeature{
			{Path: "css.properties.border-radius", JSON: []byte(radiusJSON)},
			{Path: "css.properties.color", JSON: []byte(`{"__compat":{"support":{"firefox":{"version_added":"1"}}}}`)},
			{Path: "html.elements.a_b", JSON: []byte(`{"__compat":{"description":"Ünïcode ✓","support":{}}}`)},
		}
	}
	res, err := cs.SaveCompatFeatures(ctx, features(radius))
	if err != nil {
		t.Fatalf("SaveCompatFeatures() error: %v", err)
	}
	want := &folio.CompatImportResult{Added: 3, ChangedPaths: []string{
		"css.properties.border-radius", "css.properties.color", "html.elements.a_b"}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("first import (-want +got):\n%s", diff)
	}
	f, err := cs.FindCompatFeature(ctx, "css.properties.border-radius")
	if err != nil {
		t.Fatalf("FindCompatFeature() error: %v", err)
	}
	if string(f.JSON) != radius || len(f.SHA256) != 64 || f.Imported.IsZero() {
		t.Errorf("FindCompatFeature() = %q sha %q at %v", f.JSON, f.SHA256, f.Imported)
	}
	changed := `{"__compat":{"support":{"chrome":{"version_added":"5"}}}}`
	res, err = cs.SaveCompatFeatures(ctx, features(changed))
	if err != nil {
		t.Fatalf("SaveCompatFeatures() refresh error: %v", err)
	}
	want = &folio.CompatImportResult{Changed: 1, Unchanged: 2, ChangedPaths: []string{"css.properties.border-radius"}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("refresh (-want +got):\n%s", diff)
	}
	g, err := cs.FindCompatFeature(ctx, "css.properties.border-radius")
	if err != nil {
		t.Fatalf("FindCompatFeature() after refresh error: %v", err)
	}
	if string(g.JSON) != changed || g.SHA256 == f.SHA256 {
		t.Errorf("after refresh: %q sha %q (was %q)", g.JSON, g.SHA256, f.SHA256)
	}
	u, err := cs.FindCompatFeature(ctx, "html.elements.a_b")
	if err != nil || string(u.JSON) != `{"__compat":{"description":"Ünïcode ✓","support":{}}}` {
		t.Errorf("FindCompatFeature(unicode) = %v, %v", u, err)
	}
	_, err = cs.FindCompatFeature(ctx, "css.properties.nope")
	wantCode(t, "FindCompatFeature(missing)", err, folio.EMissingTitle)

	for _, tt := range []struct {
		prefix string
		want   []string
	}{
		{"css.", []string{"css.properties.border-radius", "css.properties.color"}},
		{"html.elements.a_", []string{"html.elements.a_b"}},
		{"html.elements.a%", nil}, // wildcards are literal
		{"", []string{"css.properties.border-radius", "css.properties.color", "html.elements.a_b"}},
	} {
		got, err := cs.FindCompatPaths(ctx, tt.prefix, 0)
		if err != nil {
			t.Fatalf("FindCompatPaths(%q) error: %v", tt.prefix, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindCompatPaths(%q) (-want +got):\n%s", tt.prefix, diff)
		}
	}
	_, err = cs.SaveCompatFeatures(ctx, []*folio.CompatFeature{{Path: "", JSON: []byte("{}")}})
	wantCode(t, "SaveCompatFeatures(empty path)", err, folio.EInvalidParameter)
}
