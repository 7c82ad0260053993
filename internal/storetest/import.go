package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// importStore returns s as a folio.ImportStore or skips the test.
func importStore(t *testing.T, s folio.Store) folio.ImportStore {
	t.Helper()
	is, ok := s.(folio.ImportStore)
	if !ok {
		t.Skipf("%T does not implement folio.ImportStore", s)
	}
	return is
}

func at(day, hour int) time.Time { return time.Date(2017, 3, day, hour, 0, 0, 0, time.UTC) }

// later is like at, a year later: the rebuild test's revisions.
func later(day, hour int) time.Time { return at(day, hour).AddDate(1, 0, 0) }

func irev(id int64, stamp time.Time, who, text string) *folio.ImportRevision {
	return &folio.ImportRevision{ID: id, Timestamp: stamp, Contributor: who, Text: text,
		Comment: "rev " + text, SHA1: folio.SHA1Base36(text)}
}

// testImport runs the folio.ImportStore checks in order on one store.
func testImport(t *testing.T, s folio.Store) {
	importStore(t, s)
	t.Run("Pages", func(t *testing.T) { testImportPages(t, s) })
	t.Run("SiteConfig", func(t *testing.T) { testSiteConfig(t, s) })
	t.Run("Rebuild", func(t *testing.T) { testImportRebuild(t, s) })
}

func testImportPages(t *testing.T, s folio.Store) {
	is := importStore(t, s)
	ctx := context.Background()
	anonRev := irev(12, at(2, 0), "192.0.2.9", "two")
	anonRev.Anonymous, anonRev.Minor = true, true
	p := &folio.ImportPage{ID: 40, Namespace: 10, DBKey: "Box", Revisions: []*folio.ImportRevision{
		irev(13, at(3, 0), "Jānis", "three"), irev(11, at(1, 0), "Jānis", "one"), anonRev,
	}}
	keep := folio.ImportOptions{KeepIDs: true}
	res, err := is.ImportPage(ctx, p, keep)
	if err != nil {
		t.Fatalf("ImportPage() error: %v", err)
	}
	want := &folio.ImportResult{PageID: 40, Created: true, Added: 3, LatestChanged: true}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("ImportPage() result (-want +got):\n%s", diff)
	}
	checkImportedHistory(t, s)
	u, err := s.FindUserByName(ctx, "Jānis")
	if err != nil || u.PasswordHash != "" || u.EditCount != 2 || !u.Registration.Equal(at(1, 0)) {
		t.Errorf("imported user = %+v, %v; want no password, 2 edits, registered at the first edit", u, err)
	}
	res, err = is.ImportPage(ctx, p, keep)
	if err != nil || res.Added != 0 || res.Skipped != 3 || res.Created || res.LatestChanged {
		t.Errorf("ImportPage() again = %+v, %v; want 3 skipped and nothing added", res, err)
	}
	stats, err := s.Stats(ctx)
	if err != nil || stats.Pages != 1 || stats.Edits != 3 || stats.Users != 1 {
		t.Errorf("Stats() = %+v, %v; want 1 page, 3 edits, 1 user", stats, err)
	}
	testImportMerge(t, s, is)
	testImportRejects(t, s, is)
	testImportSameSecond(t, is)
}

// testImportSameSecond imports a rollback made in the same second as the
// edit it reverts: both revisions with the same text must be kept, with
// or without kept ids, and a second import adds nothing.
func testImportSameSecond(t *testing.T, is folio.ImportStore) {
	ctx := context.Background()
	for _, keep := range []bool{true, false} {
		p := &folio.ImportPage{ID: 70, DBKey: fmt.Sprintf("Rolled_back_%v", keep), Revisions: []*folio.ImportRevision{
			irev(71, at(7, 0), "Ann", "good"), irev(72, at(7, 0), "Vandal", "bad"), irev(73, at(7, 0), "Ann", "good")}}
		if !keep {
			p.ID, p.Revisions[0].ID, p.Revisions[1].ID, p.Revisions[2].ID = 0, 0, 0, 0
		}
		for _, want := range [][2]int{{3, 0}, {0, 3}} {
			res, err := is.ImportPage(ctx, p, folio.ImportOptions{KeepIDs: keep})
			if err != nil || res.Added != want[0] || res.Skipped != want[1] {
				t.Errorf("ImportPage(%s, keep ids %v) = %+v, %v; want %d added, %d skipped", p.DBKey, keep, res, err, want[0], want[1])
			}
		}
	}
}

// checkImportedHistory checks the history of Template:Box imported above.
func checkImportedHistory(t *testing.T, s folio.Store) {
	t.Helper()
	ctx := context.Background()
	revs, err := s.FindRevisions(ctx, folio.RevisionFilter{PageID: ptr(int64(40)), Reverse: true})
	if err != nil {
		t.Fatalf("FindRevisions() error: %v", err)
	}
	type row struct {
		ID, Parent int64
		Stamp      time.Time
		Actor      string
		Anon       bool
		Minor      bool
	}
	var got []row
	for _, r := range revs {
		got = append(got, row{r.ID, r.ParentID, r.Timestamp, r.Actor.Name, r.Actor.IsAnon(), r.Minor})
	}
	want := []row{
		{11, 0, at(1, 0), "Jānis", false, false},
		{12, 11, at(2, 0), "192.0.2.9", true, true},
		{13, 12, at(3, 0), "Jānis", false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("imported history (-want +got):\n%s", diff)
	}
	page, err := s.FindPageByID(ctx, 40)
	if err != nil || page.Latest != 13 || page.DBKey != "Box" || page.IsNew {
		t.Errorf("FindPageByID(40) = %+v, %v; want Box with latest 13", page, err)
	}
	r, err := s.FindRevisionByID(ctx, 13)
	if err != nil || r.Text != "three" || r.SHA1 != folio.SHA1Base36("three") || r.Comment != "rev three" {
		t.Errorf("FindRevisionByID(13) = %+v, %v", r, err)
	}
}

// testImportMerge imports into an existing page without keeping ids: an
// older revision slots into the history, a newer one becomes the latest.
func testImportMerge(t *testing.T, s folio.Store, is folio.ImportStore) {
	ctx := context.Background()
	p := &folio.ImportPage{Namespace: 10, DBKey: "Box", Redirect: &folio.LinkTarget{Namespace: 10, DBKey: "Other"},
		Revisions: []*folio.ImportRevision{irev(13, at(3, 0), "Jānis", "three"),
			irev(99, at(1, 12), "Other", "older"), irev(100, at(4, 0), "Other", "#REDIRECT [[Template:Other]]")}}
	res, err := is.ImportPage(ctx, p, folio.ImportOptions{})
	if err != nil || res.Added != 2 || res.Skipped != 1 || !res.LatestChanged {
		t.Fatalf("ImportPage(merge) = %+v, %v; want 2 added, 1 skipped, latest changed", res, err)
	}
	page, err := s.FindPageByID(ctx, 40)
	if err != nil || !page.IsRedirect || page.Latest <= 13 {
		t.Errorf("page after merge = %+v, %v; want a redirect with a new latest", page, err)
	}
	revs, err := s.FindRevisions(ctx, folio.RevisionFilter{PageID: ptr(int64(40)), Reverse: true})
	parents := map[string]int64{}
	for _, r := range revs {
		parents[r.Comment] = r.ParentID
	}
	wantParents := map[string]int64{"rev one": 0, "rev two": 11, "rev three": 12, "rev older": 11,
		"rev #REDIRECT [[Template:Other]]": 13}
	if err != nil || !cmp.Equal(parents, wantParents) {
		t.Errorf("parents after merge = %v, %v; want %v", parents, err, wantParents)
	}
}

// testImportRejects checks that failing pages leave nothing behind.
func testImportRejects(t *testing.T, s folio.Store, is folio.ImportStore) {
	ctx := context.Background()
	bad := irev(50, at(5, 0), "Ann", "text")
	bad.SHA1 = folio.SHA1Base36("other text")
	tests := []struct {
		name string
		p    *folio.ImportPage
		code string
	}{
		{"sha1 mismatch", &folio.ImportPage{ID: 50, DBKey: "Bad", Revisions: []*folio.ImportRevision{
			irev(49, at(4, 0), "Ann", "fine"), bad}}, folio.EInvalidParameter},
		{"revision id taken", &folio.ImportPage{ID: 51, DBKey: "Bad", Revisions: []*folio.ImportRevision{
			irev(52, at(4, 0), "Ann", "fine"), irev(11, at(5, 0), "Ann", "taken")}}, folio.EInvalidParameter},
		{"page id taken", &folio.ImportPage{ID: 40, DBKey: "Bad", Revisions: []*folio.ImportRevision{
			irev(53, at(4, 0), "Ann", "fine")}}, folio.EInvalidParameter},
		{"no revisions", &folio.ImportPage{ID: 54, DBKey: "Bad"}, folio.EInvalidParameter},
		{"no title", &folio.ImportPage{ID: 55, Revisions: []*folio.ImportRevision{irev(56, at(4, 0), "Ann", "x")}}, folio.EInvalidTitle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := is.ImportPage(ctx, tt.p, folio.ImportOptions{KeepIDs: true})
			wantCode(t, "ImportPage("+tt.name+")", err, tt.code)
			_, err = s.FindPageByTitle(ctx, 0, "Bad")
			wantCode(t, "FindPageByTitle(Bad) after a failed import", err, folio.EMissingTitle)
			_, err = s.FindUserByName(ctx, "Ann")
			wantCode(t, "FindUserByName(Ann) after a failed import", err, folio.ENoSuchUser)
		})
	}
}

func testSiteConfig(t *testing.T, s folio.Store) {
	is := importStore(t, s)
	ctx := context.Background()
	_, err := is.FindSiteConfig(ctx)
	wantCode(t, "FindSiteConfig() on a new wiki", err, folio.ENoSiteConfig)
	c := &folio.SiteConfig{SiteName: "Vikipedeja", Lang: "ltg", Base: "https://ltg.example/wiki/X",
		Namespaces: folio.NamespacesFromSite([]folio.SiteNamespace{{ID: 10, Name: "Taiss"}, {ID: 828, Name: "Modulis"}})}
	for range 2 {
		if err := is.SaveSiteConfig(ctx, c); err != nil {
			t.Fatalf("SaveSiteConfig() error: %v", err)
		}
	}
	got, err := is.FindSiteConfig(ctx)
	if err != nil {
		t.Fatalf("FindSiteConfig() error: %v", err)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("FindSiteConfig() (-want +got):\n%s", diff)
	}
	p, err := is.FindImportProgress(ctx, "dump-a")
	if err != nil || p.Pages != 0 || p.Source != "dump-a" {
		t.Errorf("FindImportProgress(new) = %+v, %v; want zero progress", p, err)
	}
	for _, pages := range []int64{5, 9} {
		want := &folio.ImportProgress{Source: "dump-a", Pages: pages, Revisions: 2 * pages, LastTitle: "Taiss:Box", KeepIDs: true}
		if err := is.SaveImportProgress(ctx, want); err != nil {
			t.Fatalf("SaveImportProgress() error: %v", err)
		}
		got, err := is.FindImportProgress(ctx, "dump-a")
		if err != nil || got.Pages != pages || got.Revisions != 2*pages || !got.KeepIDs || got.Done || got.Updated.IsZero() {
			t.Errorf("FindImportProgress() = %+v, %v; want %+v", got, err, want)
		}
	}
}

func testImportRebuild(t *testing.T, s folio.Store) {
	is := importStore(t, s)
	ctx := context.Background()
	var ids []int64
	for i, name := range []string{"RA", "RB", "RC"} {
		res, err := is.ImportPage(ctx, &folio.ImportPage{DBKey: name, Revisions: []*folio.ImportRevision{
			irev(0, later(1+i, 0), "Ann", name[1:]+"1"), irev(0, later(1+i, 1), "Ann", name[1:]+"2")}}, folio.ImportOptions{})
		if err != nil {
			t.Fatalf("ImportPage(%s) error: %v", name, err)
		}
		ids = append(ids, res.PageID)
	}
	ps, err := is.FindPagesAfter(ctx, ids[0], 1)
	if err != nil || len(ps) != 1 || ps[0].ID != ids[1] {
		t.Errorf("FindPagesAfter(%d, 1) = %v, %v; want [%d]", ids[0], pageIDs(ps), err, ids[1])
	}
	ls := &folio.LinkSet{Links: []folio.LinkTarget{{DBKey: "RB"}}, Categories: []folio.CategoryLink{{Category: "Letters", SortKey: "A"}}}
	if err := is.SetPageLinks(ctx, ids[0], ls, &folio.LinkTarget{DBKey: "RB"}); err != nil {
		t.Fatalf("SetPageLinks() error: %v", err)
	}
	if err := is.SetPageLinks(ctx, ids[2], ls, nil); err != nil {
		t.Fatalf("SetPageLinks() error: %v", err)
	}
	members, err := is.FindCategoryMembers(ctx, "Letters")
	if err != nil || !cmp.Equal(pageIDs(members), []int64{ids[0], ids[2]}) || !members[0].IsRedirect {
		t.Errorf("FindCategoryMembers(Letters) = %v, %v; want [%d %d], the first a redirect", pageIDs(members), err, ids[0], ids[2])
	}
	back, err := s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "RB"}, Kind: "redirect"})
	if err != nil || len(back) != 1 {
		t.Errorf("FindBacklinks(redirects to B) = %v, %v; want one", pageIDs(back), err)
	}
	checkRebuildRC(t, s, is)
}

func checkRebuildRC(t *testing.T, s folio.Store, is folio.ImportStore) {
	ctx := context.Background()
	for _, want := range []int{4, 0} { // revisions from day 2 on; then nothing left to add
		n, err := is.RebuildRecentChanges(ctx, later(2, 0))
		if err != nil || n != want {
			t.Errorf("RebuildRecentChanges() = %d, %v; want %d", n, err, want)
		}
	}
	rcs, err := s.FindRecentChanges(ctx, folio.RecentChangeFilter{})
	if err != nil || len(rcs) != 4 {
		t.Fatalf("FindRecentChanges() = %d rows, %v; want 4", len(rcs), err)
	}
	newest, oldest := rcs[0], rcs[3]
	if newest.DBKey != "RC" || newest.New || newest.Type != folio.RCEdit || newest.OldLen != 2 || newest.LastOldID == 0 {
		t.Errorf("newest change = %+v; want an edit of C", newest)
	}
	if oldest.DBKey != "RB" || !oldest.New || oldest.Type != folio.RCNew || !oldest.Timestamp.Equal(later(2, 0)) {
		t.Errorf("oldest change = %+v; want the creation of B", oldest)
	}
}
