package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func testDeleteUndelete(t *testing.T, s folio.Store) {
	ctx := context.Background()
	sysop := MustCreateUser(t, s, "Sysop", "sysop")
	admin := folio.Actor{UserID: sysop.ID, Name: sysop.Name}
	res := MustSave(t, s, &folio.Edit{DBKey: "Doomed", Text: "v1", Actor: anon,
		Links: &folio.LinkSet{Links: []folio.LinkTarget{{DBKey: "Target"}}}})
	v2 := MustEdit(t, s, res.Page, "v2", anon2)
	before, _ := s.Stats(ctx)

	le, err := s.DeletePage(ctx, folio.DeleteRequest{PageID: res.Page.ID, Actor: admin, Comment: "spam"})
	if err != nil {
		t.Fatalf("DeletePage() error: %v", err)
	}
	if le.Type != "delete" || le.Action != "delete" || le.ID == 0 || le.DBKey != "Doomed" {
		t.Errorf("DeletePage() log entry = %+v, want delete/delete", le)
	}
	_, err = s.FindPageByTitle(ctx, 0, "Doomed")
	wantCode(t, "FindPageByTitle(deleted)", err, folio.EMissingTitle)
	_, err = s.FindRevisionByID(ctx, v2.Revision.ID)
	wantCode(t, "FindRevisionByID(deleted)", err, folio.ENoSuchRevID)
	if bl, _ := s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Target"}}); len(bl) != 0 {
		t.Errorf("backlinks from a deleted page = %v, want none", titles(bl))
	}
	arch, err := s.FindArchivedRevisions(ctx, 0, "Doomed")
	if err != nil || len(arch) != 2 || arch[0].ID != v2.Revision.ID || arch[0].Text != "v2" ||
		arch[1].Text != "v1" || arch[0].ParentID != res.Revision.ID {
		t.Fatalf("FindArchivedRevisions() = %+v, %v; want v2 then v1 with text", arch, err)
	}
	checkRCLog(t, s, "delete", "delete")
	mid, _ := s.Stats(ctx)
	if mid.Pages != before.Pages-1 || mid.Articles != before.Articles-1 || mid.Edits != before.Edits {
		t.Errorf("Stats() after delete = %+v, before %+v", mid, before)
	}
	checkUndelete(t, s, admin, []*folio.Revision{res.Revision, v2.Revision}, before)
}

// checkUndelete restores the page Doomed and checks that its revisions
// (oldest first) and statistics come back.
func checkUndelete(t *testing.T, s folio.Store, admin folio.Actor, revs []*folio.Revision, before *folio.SiteStats) {
	ctx := context.Background()
	latest := revs[len(revs)-1]
	le, err := s.UndeletePage(ctx, folio.UndeleteRequest{DBKey: "Doomed", Actor: admin, Comment: "oops"})
	if err != nil {
		t.Fatalf("UndeletePage() error: %v", err)
	}
	if le.Type != "delete" || le.Action != "restore" {
		t.Errorf("UndeletePage() log entry = %+v, want delete/restore", le)
	}
	p, err := s.FindPageByTitle(ctx, 0, "Doomed")
	if err != nil || p.Latest != latest.ID || p.Len != latest.Len || p.IsNew {
		t.Fatalf("page after undelete = %+v, %v; want latest %d", p, err, latest.ID)
	}
	for _, want := range revs {
		r, err := s.FindRevisionByID(ctx, want.ID)
		if err != nil || r.Text != want.Text || r.ParentID != want.ParentID || r.PageID != p.ID {
			t.Errorf("restored revision %d = %+v, %v; want text %q", want.ID, r, err, want.Text)
		}
	}
	if arch, _ := s.FindArchivedRevisions(ctx, 0, "Doomed"); len(arch) != 0 {
		t.Errorf("archive after undelete has %d revisions, want 0", len(arch))
	}
	checkRCLog(t, s, "delete", "restore")
	after, _ := s.Stats(ctx)
	if after.Pages != before.Pages || after.Articles != before.Articles {
		t.Errorf("Stats() after undelete = %+v, want %+v", after, before)
	}
	_, err = s.UndeletePage(ctx, folio.UndeleteRequest{DBKey: "Doomed", Actor: admin})
	wantCode(t, "UndeletePage(nothing archived)", err, folio.ECantUndelete)
	MustEdit(t, s, p, "v3 after undelete", anon)
}

// checkRCLog checks that the newest recent change is a log row of typ/action.
func checkRCLog(t *testing.T, s folio.Store, typ, action string) {
	t.Helper()
	rcs, err := s.FindRecentChanges(context.Background(), folio.RecentChangeFilter{Limit: 1})
	if err != nil || len(rcs) != 1 || rcs[0].Type != folio.RCLog || rcs[0].LogType != typ ||
		rcs[0].LogAction != action {
		t.Errorf("newest recent change = %+v, %v; want a %s/%s log row", rcs, err, typ, action)
	}
}

func testProtect(t *testing.T, s folio.Store) {
	ctx := context.Background()
	sysop := MustCreateUser(t, s, "Protector", "sysop")
	admin := folio.Actor{UserID: sysop.ID, Name: sysop.Name}
	res := MustCreate(t, s, 0, "Guarded", "text")
	until := time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC)
	steps := []struct {
		prs    []folio.Protection
		action string
	}{
		{[]folio.Protection{{Type: "edit", Level: "autoconfirmed"}}, "protect"},
		{[]folio.Protection{{Type: "edit", Level: "sysop", Expiry: until}, {Type: "move", Level: "sysop"}}, "modify"},
		{nil, "unprotect"},
	}
	for _, st := range steps {
		le, err := s.ProtectPage(ctx, folio.ProtectRequest{PageID: res.Page.ID, Protections: st.prs,
			Actor: admin, Comment: st.action})
		if err != nil {
			t.Fatalf("ProtectPage(%s) error: %v", st.action, err)
		}
		if le.Type != "protect" || le.Action != st.action || le.PageID != res.Page.ID {
			t.Errorf("ProtectPage() log entry = %+v, want protect/%s", le, st.action)
		}
		if len(st.prs) > 0 && le.Params["description"] == "" {
			t.Errorf("ProtectPage(%s) params = %v, want a description", st.action, le.Params)
		}
		p, err := s.FindPageByID(ctx, res.Page.ID)
		if err != nil {
			t.Fatalf("FindPageByID() error: %v", err)
		}
		if diff := cmp.Diff(st.prs, p.Protections); diff != "" {
			t.Errorf("protections after %s (-want +got):\n%s", st.action, diff)
		}
		checkRCLog(t, s, "protect", st.action)
	}
	les, _ := s.FindLogEntries(ctx, folio.LogFilter{Type: "protect"})
	if len(les) != 3 || les[1].Params["edit"] != "sysop" || les[1].Params["edit_expiry"] != "20990102030405" {
		t.Errorf("protect log = %+v, want 3 entries with parameters", les)
	}
}

// testUndeleteRedirect restores a redirect with its links and redirect row.
func testUndeleteRedirect(t *testing.T, s folio.Store) {
	ctx := context.Background()
	dest := folio.LinkTarget{DBKey: "Dest"}
	MustCreate(t, s, 0, "Dest", "destination")
	r := MustSave(t, s, &folio.Edit{DBKey: "Redir", Text: "#REDIRECT [[Dest]]", Actor: anon,
		Redirect: &dest, Links: &folio.LinkSet{Links: []folio.LinkTarget{dest}}})
	before, _ := s.Stats(ctx)
	if _, err := s.DeletePage(ctx, folio.DeleteRequest{PageID: r.Page.ID, Actor: anon}); err != nil {
		t.Fatalf("DeletePage() error: %v", err)
	}
	_, err := s.UndeletePage(ctx, folio.UndeleteRequest{DBKey: "Redir", Actor: anon, Redirect: &dest,
		Links: &folio.LinkSet{Links: []folio.LinkTarget{dest}}})
	if err != nil {
		t.Fatalf("UndeletePage() error: %v", err)
	}
	p, err := s.FindPageByTitle(ctx, 0, "Redir")
	if err != nil || !p.IsRedirect || p.ID != r.Page.ID {
		t.Errorf("restored page = %+v, %v; want redirect with page id %d", p, err, r.Page.ID)
	}
	for _, kind := range []string{"redirect", "link"} {
		bl, _ := s.FindBacklinks(ctx, folio.BacklinkFilter{Target: dest, Kind: kind})
		if len(bl) != 1 || bl[0].ID != r.Page.ID {
			t.Errorf("FindBacklinks(%s) after undelete = %v, want Redir", kind, titles(bl))
		}
	}
	if after, _ := s.Stats(ctx); *after != *before {
		t.Errorf("Stats() after delete and undelete = %+v, want %+v", after, before)
	}
}

// testUndeleteMerge restores revisions into a page created again since.
func testUndeleteMerge(t *testing.T, s folio.Store) {
	ctx := context.Background()
	old := MustCreate(t, s, 0, "Merged", "old text")
	if _, err := s.DeletePage(ctx, folio.DeleteRequest{PageID: old.Page.ID, Actor: anon}); err != nil {
		t.Fatalf("DeletePage() error: %v", err)
	}
	cur := MustCreate(t, s, 0, "Merged", "new text")
	if _, err := s.UndeletePage(ctx, folio.UndeleteRequest{DBKey: "Merged", Actor: anon,
		Redirect: &folio.LinkTarget{DBKey: "Ignored"}}); err != nil {
		t.Fatalf("UndeletePage() error: %v", err)
	}
	p, err := s.FindPageByTitle(ctx, 0, "Merged")
	if err != nil || p.ID != cur.Page.ID || p.Latest != cur.Revision.ID || p.IsRedirect || p.IsNew {
		t.Errorf("merged page = %+v, %v; want page %d at revision %d, not a redirect",
			p, err, cur.Page.ID, cur.Revision.ID)
	}
	revs, _ := s.FindRevisions(ctx, folio.RevisionFilter{PageID: &cur.Page.ID})
	if diff := cmp.Diff([]int64{cur.Revision.ID, old.Revision.ID}, revIDs(revs)); diff != "" {
		t.Errorf("merged history (-want +got):\n%s", diff)
	}
	if st, _ := s.Stats(ctx); st.Pages != 1 || st.Articles != 1 {
		t.Errorf("Stats() = %+v, want 1 page, 1 article", st)
	}
}
