package storetest

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func testCreatePage(t *testing.T, s folio.Store) {
	ctx := context.Background()
	res := MustSave(t, s, &folio.Edit{Namespace: 0, DBKey: "Main_Page", Text: "Hello, world.",
		Comment: "first", Actor: anon, Minor: true})
	if !res.New || res.NoChange || res.OldRevID != 0 {
		t.Errorf("create: New=%v NoChange=%v OldRevID=%d; want true, false, 0", res.New, res.NoChange, res.OldRevID)
	}
	p, err := s.FindPageByTitle(ctx, 0, "Main_Page")
	if err != nil {
		t.Fatalf("FindPageByTitle() error: %v", err)
	}
	if p.ID != res.Page.ID || p.Latest != res.Revision.ID || p.Len != 13 || !p.IsNew ||
		p.IsRedirect || p.ContentModel != folio.ModelWikitext || p.Touched.IsZero() {
		t.Errorf("page = %+v, want id %d latest %d len 13 new wikitext", p, res.Page.ID, res.Revision.ID)
	}
	r, err := s.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		t.Fatalf("FindRevisionByID() error: %v", err)
	}
	want := folio.Revision{ID: p.Latest, PageID: p.ID, Actor: r.Actor, Comment: "first", Minor: true,
		Len: 13, SHA1: folio.SHA1Base36("Hello, world."), Model: folio.ModelWikitext,
		Text: "Hello, world.", Namespace: 0, DBKey: "Main_Page", Timestamp: r.Timestamp}
	if *r != want {
		t.Errorf("FindRevisionByID() = %+v, want %+v", *r, want)
	}
	if r.Actor.Name != anon.Name || r.Actor.ID == 0 || r.Actor.UserID != 0 || r.Timestamp.IsZero() {
		t.Errorf("revision actor/timestamp = %+v %v, want anon actor with id", r.Actor, r.Timestamp)
	}
	rcs, err := s.FindRecentChanges(ctx, folio.RecentChangeFilter{})
	if err != nil || len(rcs) != 1 {
		t.Fatalf("FindRecentChanges() = %d rows, %v; want 1", len(rcs), err)
	}
	rc := rcs[0]
	if rc.Type != folio.RCNew || !rc.New || rc.ThisOldID != r.ID || rc.LastOldID != 0 ||
		rc.OldLen != 0 || rc.NewLen != 13 || rc.PageID != p.ID || rc.DBKey != "Main_Page" {
		t.Errorf("recent change = %+v, want a new-page row for revision %d", rc, r.ID)
	}
}

func testEdit(t *testing.T, s folio.Store) {
	ctx := context.Background()
	first := MustCreate(t, s, 0, "Edited", "one")
	u := MustCreateUser(t, s, "Editor")
	res := MustSave(t, s, &folio.Edit{Namespace: 0, DBKey: "Edited", Text: "one two",
		Comment: "more", Minor: true, Bot: true, BaseRevID: first.Revision.ID,
		Actor: folio.Actor{UserID: u.ID, Name: u.Name}})
	if res.New || res.OldRevID != first.Revision.ID || res.OldLen != 3 || res.Revision.ParentID != first.Revision.ID {
		t.Errorf("edit result = %+v, want old rev %d, old len 3, parent set", res, first.Revision.ID)
	}
	p, err := s.FindPageByID(ctx, first.Page.ID)
	if err != nil {
		t.Fatalf("FindPageByID() error: %v", err)
	}
	if p.Latest != res.Revision.ID || p.IsNew || p.Len != 7 {
		t.Errorf("page after edit = %+v, want latest %d, not new, len 7", p, res.Revision.ID)
	}
	r, err := s.FindRevisionByID(ctx, res.Revision.ID)
	if err != nil || r.Text != "one two" || r.ParentID != first.Revision.ID || r.Actor.UserID != u.ID {
		t.Errorf("FindRevisionByID() = %+v, %v; want text, parent and user", r, err)
	}
	rcs, err := s.FindRecentChanges(ctx, folio.RecentChangeFilter{Limit: 1})
	if err != nil || len(rcs) != 1 {
		t.Fatalf("FindRecentChanges() = %d rows, %v", len(rcs), err)
	}
	if rc := rcs[0]; rc.Type != folio.RCEdit || rc.New || !rc.Minor || !rc.Bot ||
		rc.OldLen != 3 || rc.NewLen != 7 || rc.LastOldID != first.Revision.ID || rc.Actor.UserID != u.ID {
		t.Errorf("recent change = %+v, want minor bot edit 3→7 bytes", rc)
	}
	got, err := s.FindUserByID(ctx, u.ID)
	if err != nil || got.EditCount != 1 {
		t.Errorf("user edit count = %v, %v; want 1", got, err)
	}
}

func testNullEdit(t *testing.T, s folio.Store) {
	ctx := context.Background()
	first := MustCreate(t, s, 0, "Same", "text")
	res := MustSave(t, s, &folio.Edit{DBKey: "Same", Text: "text", Actor: anon2, BaseRevID: first.Revision.ID})
	if !res.NoChange || res.Revision == nil || res.Revision.ID != first.Revision.ID {
		t.Errorf("null edit = %+v, want NoChange with the current revision", res)
	}
	revs, err := s.FindRevisions(ctx, folio.RevisionFilter{PageID: &first.Page.ID})
	if err != nil || len(revs) != 1 {
		t.Errorf("revisions after null edit = %v, %v; want 1", revIDs(revs), err)
	}
	rcs, _ := s.FindRecentChanges(ctx, folio.RecentChangeFilter{})
	if len(rcs) != 1 {
		t.Errorf("recent changes after null edit = %d, want 1", len(rcs))
	}
	st, _ := s.Stats(ctx)
	if st == nil || st.Edits != 1 {
		t.Errorf("Stats() = %+v, want 1 edit", st)
	}
}

func testEditConflict(t *testing.T, s folio.Store) {
	first := MustCreate(t, s, 0, "Conflict", "a")
	second := MustEdit(t, s, first.Page, "b", anon)
	_, err := s.SaveRevision(context.Background(), &folio.Edit{DBKey: "Conflict", Text: "c",
		Actor: anon2, BaseRevID: first.Revision.ID})
	wantCode(t, "edit on a stale base", err, folio.EEditConflict)
	p, _ := s.FindPageByID(context.Background(), first.Page.ID)
	if p == nil || p.Latest != second.Revision.ID {
		t.Errorf("latest after conflict = %v, want %d", p, second.Revision.ID)
	}
}

func testArticleExists(t *testing.T, s folio.Store) {
	MustCreate(t, s, 0, "Exists", "a")
	_, err := s.SaveRevision(context.Background(), &folio.Edit{DBKey: "Exists", Text: "b", Actor: anon})
	wantCode(t, "create an existing page", err, folio.EArticleExists)
	MustCreate(t, s, 1, "Exists", "same title, other namespace")
}

func testNotFound(t *testing.T, s folio.Store) {
	ctx := context.Background()
	_, err := s.FindPageByTitle(ctx, 0, "Nowhere")
	wantCode(t, "FindPageByTitle(missing)", err, folio.EMissingTitle)
	_, err = s.FindPageByID(ctx, 987654)
	wantCode(t, "FindPageByID(missing)", err, folio.EMissingTitle)
	_, err = s.FindRevisionByID(ctx, 987654)
	wantCode(t, "FindRevisionByID(missing)", err, folio.ENoSuchRevID)
	_, err = s.FindUserByName(ctx, "Nobody")
	wantCode(t, "FindUserByName(missing)", err, folio.ENoSuchUser)
	_, err = s.FindUserByID(ctx, 987654)
	wantCode(t, "FindUserByID(missing)", err, folio.ENoSuchUser)
	_, err = s.SaveRevision(ctx, &folio.Edit{DBKey: "Nowhere", Text: "x", Actor: anon, BaseRevID: 5})
	wantCode(t, "edit of a missing page", err, folio.EMissingTitle)
	_, err = s.DeletePage(ctx, folio.DeleteRequest{PageID: 987654, Actor: anon})
	wantCode(t, "DeletePage(missing)", err, folio.EMissingTitle)
	_, err = s.FindSession(ctx, "no-such-session")
	if err == nil {
		t.Errorf("FindSession(missing) = nil error, want one")
	}
}

func testLargeText(t *testing.T, s folio.Store) {
	ctx := context.Background()
	big := strings.Repeat("Ünïcode line of wikitext, [[link]] '''bold'''.\n", 1<<20/50)
	res := MustCreate(t, s, 0, "Large", big)
	r, err := s.FindRevisionByID(ctx, res.Revision.ID)
	if err != nil {
		t.Fatalf("FindRevisionByID() error: %v", err)
	}
	if r.Text != big || r.Len != len(big) || r.SHA1 != folio.SHA1Base36(big) {
		t.Errorf("large text came back with len %d (want %d), sha1 %s", len(r.Text), len(big), r.SHA1)
	}
	edited := big + "one more line\n"
	res2 := MustEdit(t, s, res.Page, edited, anon)
	if res2.OldLen != len(big) || res2.Revision.Len != len(edited) {
		t.Errorf("edit of large text: old len %d new len %d", res2.OldLen, res2.Revision.Len)
	}
}

func testUnicodeTitles(t *testing.T, s folio.Store) {
	ctx := context.Background()
	keys := []string{"Straße", "Strasse", "STRASSE", "Ünïcödé_ページ", "Emoji_😀", "a", "A"}
	for _, k := range keys {
		MustCreate(t, s, 0, k, "text of "+k)
	}
	for _, k := range keys {
		p, err := s.FindPageByTitle(ctx, 0, k)
		if err != nil || p.DBKey != k {
			t.Errorf("FindPageByTitle(%q) = %v, %v; want the page", k, p, err)
			continue
		}
		r, err := s.FindRevisionByID(ctx, p.Latest)
		if err != nil || r.Text != "text of "+k || r.DBKey != k {
			t.Errorf("FindRevisionByID(latest of %q) = %v, %v", k, r, err)
		}
	}
	_, err := s.FindPageByTitle(ctx, 0, "STRAßE")
	wantCode(t, "titles compare byte-exactly", err, folio.EMissingTitle)
	ps, err := s.FindPages(ctx, folio.PageFilter{Namespace: ptr(0), Limit: 100})
	if err != nil {
		t.Fatalf("FindPages() error: %v", err)
	}
	var want []string
	for _, k := range keys {
		want = append(want, "0:"+k)
	}
	sort.Strings(want) // byte order
	got := titles(ps)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FindPages() order = %q, want byte order %q", got, want)
	}
}
