package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func testHistory(t *testing.T, s folio.Store) {
	ctx := context.Background()
	res := MustCreate(t, s, 0, "Paged", "r0")
	all := []int64{res.Revision.ID}
	MustCreate(t, s, 0, "Other", "unrelated")
	for _, text := range []string{"r1", "r2", "r3", "r4", "r5", "r6"} {
		all = append(all, MustEdit(t, s, res.Page, text, anon).Revision.ID)
	}
	newest := slices.Clone(all)
	slices.Reverse(newest)
	page := &res.Page.ID
	tests := []struct {
		name string
		f    folio.RevisionFilter
		want []int64
	}{
		{"newest first", folio.RevisionFilter{PageID: page}, newest},
		{"first page", folio.RevisionFilter{PageID: page, Limit: 3}, newest[:3]},
		{"older page", folio.RevisionFilter{PageID: page, Limit: 3, Before: newest[2]}, newest[3:6]},
		{"last page", folio.RevisionFilter{PageID: page, Limit: 3, Before: newest[5]}, newest[6:]},
		{"newer page", folio.RevisionFilter{PageID: page, Limit: 3, After: all[1]}, []int64{all[4], all[3], all[2]}},
		{"reverse", folio.RevisionFilter{PageID: page, Reverse: true, Limit: 3}, all[:3]},
		{"reverse after", folio.RevisionFilter{PageID: page, Reverse: true, Limit: 3, After: all[2]}, all[3:6]},
		{"reverse before", folio.RevisionFilter{PageID: page, Reverse: true, Limit: 2, Before: all[3]}, all[1:3]},
		{"range", folio.RevisionFilter{PageID: page, After: all[1], Before: all[4]}, []int64{all[3], all[2]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			revs, err := s.FindRevisions(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindRevisions() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, revIDs(revs)); diff != "" {
				t.Errorf("FindRevisions(%+v) ids (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	revs, _ := s.FindRevisions(ctx, folio.RevisionFilter{PageID: page})
	for i, r := range revs {
		if r.Text != "" || r.DBKey != "Paged" || r.SHA1 == "" || r.Len != 2 {
			t.Errorf("listed revision %d = %+v, want no text, title, sha1, len 2", i, r)
		}
		if i+1 < len(revs) && r.ParentID != revs[i+1].ID {
			t.Errorf("revision %d has parent %d, want %d", r.ID, r.ParentID, revs[i+1].ID)
		}
	}
}

func testContributions(t *testing.T, s folio.Store) {
	ctx := context.Background()
	a := MustCreate(t, s, 0, "Contrib_A", "a")
	b := MustSave(t, s, &folio.Edit{Namespace: 2, DBKey: "Contrib_B", Text: "b", Actor: anon2})
	a2 := MustEdit(t, s, a.Page, "a2", anon2)
	MustEdit(t, s, b.Page, "b2", anon)
	b3 := MustEdit(t, s, b.Page, "b3", anon2)
	tests := []struct {
		name string
		f    folio.RevisionFilter
		want []int64
	}{
		{"all of an actor", folio.RevisionFilter{ActorName: ptr(anon2.Name)}, []int64{b3.Revision.ID, a2.Revision.ID, b.Revision.ID}},
		{"namespace", folio.RevisionFilter{ActorName: ptr(anon2.Name), Namespace: ptr(0)}, []int64{a2.Revision.ID}},
		{"paged", folio.RevisionFilter{ActorName: ptr(anon2.Name), Before: a2.Revision.ID}, []int64{b.Revision.ID}},
		{"unknown actor", folio.RevisionFilter{ActorName: ptr("198.51.100.9")}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			revs, err := s.FindRevisions(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindRevisions() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, revIDs(revs)); diff != "" {
				t.Errorf("FindRevisions(%+v) ids (-want +got):\n%s", tt.f, diff)
			}
			for _, r := range revs {
				if r.Actor.Name != anon2.Name || r.DBKey == "" {
					t.Errorf("revision %d by %q on %q, want %q and a title", r.ID, r.Actor.Name, r.DBKey, anon2.Name)
				}
			}
		})
	}
}
