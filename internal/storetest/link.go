package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func testLinks(t *testing.T, s folio.Store) {
	ctx := context.Background()
	target := folio.LinkTarget{DBKey: "Target"}
	ls := &folio.LinkSet{
		Links:      []folio.LinkTarget{{DBKey: "Target"}, {DBKey: "Target", Fragment: "sec"}, {Namespace: 1, DBKey: "Talk_target"}},
		Templates:  []folio.LinkTarget{{Namespace: 10, DBKey: "Infobox"}},
		Images:     []string{"Logo.png", "Logo.png"},
		Categories: []folio.CategoryLink{{Category: "Cats", SortKey: "Linker"}},
		External:   []string{"https://example.org/", "http://example.com/a?b=c"},
	}
	a := MustSave(t, s, &folio.Edit{DBKey: "Linker", Text: "[[Target]]", Actor: anon, Links: ls})
	b := MustSave(t, s, &folio.Edit{Namespace: 2, DBKey: "Linker2", Text: "[[Target]]", Actor: anon,
		Links: &folio.LinkSet{Links: []folio.LinkTarget{target}}})
	c := MustSave(t, s, &folio.Edit{DBKey: "Templated", Text: "{{Infobox}}", Actor: anon,
		Links: &folio.LinkSet{Templates: []folio.LinkTarget{{Namespace: 10, DBKey: "Infobox"}}}})
	checkLinks(t, s, a.Page.ID, &folio.LinkSet{
		Links:      []folio.LinkTarget{{DBKey: "Target"}, {Namespace: 1, DBKey: "Talk_target"}},
		Templates:  ls.Templates,
		Images:     []string{"Logo.png"},
		Categories: ls.Categories,
		External:   []string{"http://example.com/a?b=c", "https://example.org/"},
	})
	tests := []struct {
		name string
		f    folio.BacklinkFilter
		want []int64
	}{
		{"links", folio.BacklinkFilter{Target: target}, []int64{a.Page.ID, b.Page.ID}},
		{"namespace", folio.BacklinkFilter{Target: target, Namespace: ptr(2)}, []int64{b.Page.ID}},
		{"paged", folio.BacklinkFilter{Target: target, Limit: 1}, []int64{a.Page.ID}},
		{"from", folio.BacklinkFilter{Target: target, FromPageID: a.Page.ID}, []int64{b.Page.ID}},
		{"templates", folio.BacklinkFilter{Target: folio.LinkTarget{Namespace: 10, DBKey: "Infobox"}, Kind: "template"}, []int64{a.Page.ID, c.Page.ID}},
		{"no links", folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Unlinked"}}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := s.FindBacklinks(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindBacklinks() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, pageIDs(ps)); diff != "" {
				t.Errorf("FindBacklinks(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	checkUpdateLinks(t, s, a.Page)
	testPagesExist(t, s)
}

// checkLinks compares the stored links of a page with want.
func checkLinks(t *testing.T, s folio.Store, pageID int64, want *folio.LinkSet) {
	t.Helper()
	got, err := s.FindLinks(context.Background(), pageID)
	if err != nil {
		t.Fatalf("FindLinks() error: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindLinks() (-want +got):\n%s", diff)
	}
}

// checkUpdateLinks checks that an edit without Links keeps the link tables
// and that UpdateLinks replaces them.
func checkUpdateLinks(t *testing.T, s folio.Store, a *folio.Page) {
	ctx := context.Background()
	MustEdit(t, s, a, "no links given", anon)
	if got, _ := s.FindLinks(ctx, a.ID); len(got.Links) != 2 {
		t.Errorf("links after an edit with nil Links = %v, want kept", got.Links)
	}
	if err := s.UpdateLinks(ctx, a.ID, &folio.LinkSet{}); err != nil {
		t.Fatalf("UpdateLinks() error: %v", err)
	}
	if got, _ := s.FindLinks(ctx, a.ID); len(got.Links)+len(got.Templates)+len(got.External) != 0 {
		t.Errorf("links after UpdateLinks(empty) = %+v, want none", got)
	}
}

func testPagesExist(t *testing.T, s folio.Store) {
	targets := []folio.LinkTarget{{DBKey: "Linker"}, {DBKey: "Linker", Fragment: "x"},
		{Namespace: 2, DBKey: "Linker2"}, {DBKey: "Linker2"}, {DBKey: "Missing"}}
	for i := range 450 { // more than one batch
		targets = append(targets, folio.LinkTarget{DBKey: fmt.Sprintf("Missing_%d", i)})
	}
	got, err := s.PagesExist(context.Background(), targets)
	if err != nil {
		t.Fatalf("PagesExist() error: %v", err)
	}
	if len(got) != len(targets) {
		t.Errorf("PagesExist() returned %d entries, want %d", len(got), len(targets))
	}
	for i, tg := range targets {
		if want := i < 3; got[tg] != want {
			t.Errorf("PagesExist()[%+v] = %v, want %v", tg, got[tg], want)
		}
	}
}

func testRedirects(t *testing.T, s folio.Store) {
	ctx := context.Background()
	MustCreate(t, s, 0, "Destination", "content")
	r := MustSave(t, s, &folio.Edit{DBKey: "Shortcut", Text: "#REDIRECT [[Destination]]", Actor: anon,
		Redirect: &folio.LinkTarget{DBKey: "Destination"}})
	if !r.Page.IsRedirect {
		t.Errorf("redirect page IsRedirect = false")
	}
	bl, err := s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Destination"}, Kind: "redirect"})
	if err != nil || len(bl) != 1 || bl[0].ID != r.Page.ID {
		t.Errorf("FindBacklinks(redirect) = %v, %v; want Shortcut", titles(bl), err)
	}
	bl, _ = s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Destination"}})
	if len(bl) != 1 {
		t.Errorf("FindBacklinks(default kinds) = %v, want the redirect", titles(bl))
	}
	ps, _ := s.FindPages(ctx, folio.PageFilter{IsRedirect: ptr(true)})
	if len(ps) != 1 || ps[0].DBKey != "Shortcut" {
		t.Errorf("FindPages(redirects) = %v, want Shortcut", titles(ps))
	}
	st, _ := s.Stats(ctx)
	if st.Pages != 2 || st.Articles != 1 {
		t.Errorf("Stats() = %+v, want 2 pages and 1 article", st)
	}
	// Turning the redirect into an article clears the flag and the row.
	MustEdit(t, s, r.Page, "now an article", anon)
	p, _ := s.FindPageByID(ctx, r.Page.ID)
	bl, _ = s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Destination"}, Kind: "redirect"})
	if p.IsRedirect || len(bl) != 0 {
		t.Errorf("after edit: IsRedirect=%v, redirect backlinks %v; want false, none", p.IsRedirect, titles(bl))
	}
	if st, _ := s.Stats(ctx); st.Articles != 2 {
		t.Errorf("Stats().Articles = %d, want 2", st.Articles)
	}
}

func testAllPages(t *testing.T, s folio.Store) {
	ctx := context.Background()
	for _, k := range []string{"Apple", "Apricot", "Banana", "100%_pure", "100_x", "A_b", "AxB"} {
		MustCreate(t, s, 0, k, k)
	}
	MustCreate(t, s, 1, "Apple", "talk")
	tests := []struct {
		name string
		f    folio.PageFilter
		want []string
	}{
		{"namespace", folio.PageFilter{Namespace: ptr(1)}, []string{"1:Apple"}},
		{"from", folio.PageFilter{Namespace: ptr(0), From: "Apricot"}, []string{"0:Apricot", "0:AxB", "0:Banana"}},
		{"prefix", folio.PageFilter{Namespace: ptr(0), Prefix: "Ap"}, []string{"0:Apple", "0:Apricot"}},
		{"prefix percent", folio.PageFilter{Prefix: "100%"}, []string{"0:100%_pure"}},
		{"prefix underscore", folio.PageFilter{Prefix: "A_"}, []string{"0:A_b"}},
		{"limit", folio.PageFilter{Limit: 2}, []string{"0:100%_pure", "0:100_x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := s.FindPages(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindPages() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, titles(ps)); diff != "" {
				t.Errorf("FindPages(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func testRandomPage(t *testing.T, s folio.Store) {
	ctx := context.Background()
	_, err := s.RandomPage(ctx, 0)
	wantCode(t, "RandomPage(empty)", err, folio.EMissingTitle)
	counts := map[string]int{}
	for _, k := range []string{"R1", "R2", "R3", "R4"} {
		MustCreate(t, s, 0, k, k)
		counts[k] = 0
	}
	MustSave(t, s, &folio.Edit{DBKey: "R_redirect", Text: "#REDIRECT [[R1]]", Actor: anon,
		Redirect: &folio.LinkTarget{DBKey: "R1"}})
	MustCreate(t, s, 1, "R_talk", "talk")
	const draws = 400
	for range draws {
		p, err := s.RandomPage(ctx, 0)
		if err != nil {
			t.Fatalf("RandomPage() error: %v", err)
		}
		if _, ok := counts[p.DBKey]; !ok || p.Namespace != 0 {
			t.Fatalf("RandomPage(0) = %d:%s, want a main-namespace article", p.Namespace, p.DBKey)
		}
		counts[p.DBKey]++
	}
	// Each page is expected 100 times (sd ≈ 8.7); 50 is far outside chance.
	for k, n := range counts {
		if n < draws/8 {
			t.Errorf("RandomPage() chose %s %d times in %d draws: not uniform (%v)", k, n, draws, counts)
		}
	}
	p, err := s.RandomPage(ctx, 1)
	if err != nil || p.DBKey != "R_talk" {
		t.Errorf("RandomPage(1) = %v, %v; want R_talk", p, err)
	}
}
