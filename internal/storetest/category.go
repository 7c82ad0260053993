package storetest

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func testCategoryMembers(t *testing.T, s folio.Store) {
	cs, ok := s.(folio.CategoryStore)
	if !ok {
		t.Skip("store does not implement folio.CategoryStore")
	}
	ctx := context.Background()
	in := func(ns int, dbkey, sortkey string) {
		MustSave(t, s, &folio.Edit{Namespace: ns, DBKey: dbkey, Text: "x", Actor: anon,
			Links: &folio.LinkSet{Categories: []folio.CategoryLink{{Category: "Fruit", SortKey: sortkey}}}})
	}
	in(0, "Banana", "")
	in(0, "Apple_pie", "")
	in(0, "Zebra", "Cherry") // listed under its sort key
	in(2, "Dora", "")
	in(14, "Citrus", "")
	in(6, "Pear.jpg", "")
	MustSave(t, s, &folio.Edit{DBKey: "Elsewhere", Text: "x", Actor: anon,
		Links: &folio.LinkSet{Categories: []folio.CategoryLink{{Category: "Other"}}}})
	keys := func(f folio.CategoryMemberFilter) []string {
		t.Helper()
		f.Category = "Fruit"
		ms, err := cs.FindCategoryListing(ctx, f)
		if err != nil {
			t.Fatalf("FindCategoryListing(%+v) error: %v", f, err)
		}
		out := []string{}
		for _, m := range ms {
			out = append(out, m.SortKey+"|"+m.DBKey+"|"+m.Type)
		}
		return out
	}
	tests := []struct {
		name string
		f    folio.CategoryMemberFilter
		want []string
	}{
		{"pages", folio.CategoryMemberFilter{Type: folio.CategoryTypePage},
			[]string{"Apple pie|Apple_pie|page", "Banana|Banana|page", "Cherry|Zebra|page", "Dora|Dora|page"}},
		{"subcats", folio.CategoryMemberFilter{Type: folio.CategoryTypeSubcat}, []string{"Citrus|Citrus|subcat"}},
		{"files", folio.CategoryMemberFilter{Type: folio.CategoryTypeFile}, []string{"Pear.jpg|Pear.jpg|file"}},
		{"limit", folio.CategoryMemberFilter{Type: folio.CategoryTypePage, Limit: 2}, []string{"Apple pie|Apple_pie|page", "Banana|Banana|page"}},
		{"from", folio.CategoryMemberFilter{Type: folio.CategoryTypePage, From: "Banana"}, []string{"Banana|Banana|page", "Cherry|Zebra|page", "Dora|Dora|page"}},
		{"until", folio.CategoryMemberFilter{Type: folio.CategoryTypePage, Until: "Dora", Limit: 2}, []string{"Banana|Banana|page", "Cherry|Zebra|page"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, keys(tt.f)); diff != "" {
			t.Errorf("%s: FindCategoryListing mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	c, err := cs.CountCategoryMembers(ctx, "Fruit")
	if err != nil {
		t.Fatalf("CountCategoryMembers error: %v", err)
	}
	if want := (folio.CategoryCounts{Pages: 4, Subcats: 1, Files: 1}); *c != want {
		t.Errorf("CountCategoryMembers(Fruit) = %+v, want %+v", *c, want)
	}
}
