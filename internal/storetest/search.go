package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func testSearch(t *testing.T, s folio.Store) {
	ss, ok := s.(folio.SearchStore)
	if !ok {
		t.Skip("the store does not search")
	}
	ctx := context.Background()
	find := func(q folio.SearchQuery) ([]string, int) {
		t.Helper()
		hits, total, err := ss.SearchPages(ctx, q)
		if err != nil {
			t.Fatalf("SearchPages(%+v) error: %v", q, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.DBKey)
		}
		return out, total
	}
	MustCreate(t, s, 0, "Orchard", "Apple trees and pear trees grow in the orchard.")
	cider := MustCreate(t, s, 0, "Cider", "Cider is pressed from apples. The orchard supplies them.")
	MustCreate(t, s, folio.NSHelp, "Apple_care", "How to prune trees.")
	MustCreate(t, s, 0, "Bakery", "Bread and <b>cakes</b>.")
	tests := []struct {
		name  string
		q     folio.SearchQuery
		want  []string // in order when ordered is set
		total int
		order bool
	}{
		{"every word must occur", folio.SearchQuery{Text: "orchard trees"}, []string{"Orchard"}, 1, false},
		{"case and punctuation ignored", folio.SearchQuery{Text: "ORCHARD!"}, []string{"Cider", "Orchard"}, 2, false},
		{"title match ranks first", folio.SearchQuery{Text: "orchard"}, []string{"Orchard", "Cider"}, 2, true},
		{"namespace filter", folio.SearchQuery{Text: "trees", Namespaces: []int{folio.NSHelp}}, []string{"Apple_care"}, 1, false},
		{"titles only", folio.SearchQuery{Text: "apple", TitlesOnly: true}, []string{"Apple_care"}, 1, false},
		{"engine syntax is plain text", folio.SearchQuery{Text: `"bread" -cakes*`}, []string{"Bakery"}, 1, false},
		{"no words", folio.SearchQuery{Text: "!!"}, nil, 0, false},
		{"nothing found", folio.SearchQuery{Text: "submarine"}, nil, 0, false},
		{"paging", folio.SearchQuery{Text: "orchard", Limit: 1, Offset: 1}, []string{"Cider"}, 2, false},
	}
	for _, tt := range tests {
		got, total := find(tt.q)
		if !tt.order {
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) || total != tt.total {
			t.Errorf("%s: SearchPages(%+v) = %v (total %d), want %v (total %d)", tt.name, tt.q, got, total, tt.want, tt.total)
		}
	}
	hits, _, _ := ss.SearchPages(ctx, folio.SearchQuery{Text: "pressed"})
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "pressed from apples") || hits[0].Words != 9 ||
		hits[0].Size != len("Cider is pressed from apples. The orchard supplies them.") || hits[0].Timestamp.IsZero() {
		t.Errorf("hit = %+v, want the snippet, size, word count and time of Cider", hits)
	}
	// An edit replaces the indexed text; deletion and undeletion follow.
	MustEdit(t, s, cider.Page, "Cider is made from pears here.", anon)
	if got, _ := find(folio.SearchQuery{Text: "pressed"}); len(got) != 0 {
		t.Errorf("after an edit the old text is still found: %v", got)
	}
	if got, _ := find(folio.SearchQuery{Text: "pears"}); !slices.Equal(got, []string{"Cider"}) {
		t.Errorf("after an edit the new text is not found: %v", got)
	}
	if _, err := s.DeletePage(ctx, folio.DeleteRequest{PageID: cider.Page.ID, Actor: anon, Comment: "gone"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := find(folio.SearchQuery{Text: "pears"}); len(got) != 0 {
		t.Errorf("a deleted page is still found: %v", got)
	}
	if _, err := s.UndeletePage(ctx, folio.UndeleteRequest{Namespace: 0, DBKey: "Cider", Actor: anon}); err != nil {
		t.Fatal(err)
	}
	if got, _ := find(folio.SearchQuery{Text: "pears"}); !slices.Equal(got, []string{"Cider"}) {
		t.Errorf("an undeleted page is not found: %v", got)
	}
	if ms, ok := s.(folio.MoveStore); ok {
		p, _ := s.FindPageByTitle(ctx, 0, "Bakery")
		mustMove(t, ms, folio.MoveRequest{PageID: p.ID, ToNamespace: 0, ToDBKey: "Patisserie", ToText: "Patisserie",
			Actor: mover, Summary: "moved", LeaveRedirect: true, RedirectText: "#REDIRECT [[Patisserie]]"})
		if got, _ := find(folio.SearchQuery{Text: "patisserie", TitlesOnly: true}); !slices.Equal(got, []string{"Patisserie"}) {
			t.Errorf("a moved page is not found by its new title: %v", got)
		}
	}
	n, err := ss.RebuildSearchIndex(ctx, nil)
	if err != nil || n < 4 {
		t.Errorf("RebuildSearchIndex() = %d, %v", n, err)
	}
	if got, _ := find(folio.SearchQuery{Text: "pears"}); !slices.Equal(got, []string{"Cider"}) {
		t.Errorf("after a rebuild: %v", got)
	}
}
