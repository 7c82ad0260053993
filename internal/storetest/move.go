package storetest

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio"
)

// mover is the actor of the move tests.
var mover = folio.Actor{Name: "192.0.2.9"}

// mustMove moves a page and fails the test on error.
func mustMove(tb testing.TB, s folio.MoveStore, req folio.MoveRequest) *folio.MoveResult {
	tb.Helper()
	res, err := s.MovePage(context.Background(), req)
	if err != nil {
		tb.Fatalf("MovePage(%d → %d:%s) error: %v", req.PageID, req.ToNamespace, req.ToDBKey, err)
	}
	return res
}

func testMovePage(t *testing.T, s folio.Store) {
	ms, ok := s.(folio.MoveStore)
	if !ok {
		t.Skip("the store does not move pages")
	}
	ctx := context.Background()
	src := MustSave(t, s, &folio.Edit{Namespace: 0, DBKey: "Old_name", Text: "see [[Elsewhere]]", Actor: anon,
		Links: &folio.LinkSet{Links: []folio.LinkTarget{{DBKey: "Elsewhere"}}}})
	before, _ := s.Stats(ctx)
	res := mustMove(t, ms, folio.MoveRequest{PageID: src.Page.ID, ToNamespace: folio.NSHelp, ToDBKey: "New_name",
		ToText: "Help:New name", Actor: mover, Comment: "better name", Summary: "moved it", LeaveRedirect: true,
		RedirectText: "#REDIRECT [[Help:New name]]"})
	if res.Page.ID != src.Page.ID || res.Page.Namespace != folio.NSHelp || res.Page.DBKey != "New_name" {
		t.Errorf("moved page = %+v, want id %d at 12:New_name", res.Page, src.Page.ID)
	}
	if res.Revision.ParentID != src.Revision.ID || res.Revision.Text != "see [[Elsewhere]]" ||
		res.Revision.Comment != "moved it" || !res.Revision.Minor || res.Page.Latest != res.Revision.ID {
		t.Errorf("null revision = %+v, want a minor copy of %d with the summary, latest", res.Revision, src.Revision.ID)
	}
	if res.LogEntry.Type != "move" || res.LogEntry.Action != "move" || res.LogEntry.DBKey != "Old_name" ||
		res.LogEntry.Params["target_title"] != "Help:New name" || res.LogEntry.Params["target_ns"] != "12" ||
		res.LogEntry.Params["target"] != "Help:New name" {
		t.Errorf("log entry = %+v, want move/move from Old_name to 12:New_name", res.LogEntry)
	}
	checkRCLog(t, s, "move", "move")
	rd, err := s.FindPageByTitle(ctx, 0, "Old_name")
	if err != nil || rd.ID != res.RedirectPageID || rd.ID == src.Page.ID || !rd.IsRedirect {
		t.Fatalf("old title = %+v, %v; want a new redirect page %d", rd, err, res.RedirectPageID)
	}
	links, err := s.FindLinks(ctx, rd.ID)
	if err != nil || len(links.Links) != 1 || links.Links[0].DBKey != "New_name" {
		t.Errorf("redirect links = %+v, %v; want one link to 12:New_name", links, err)
	}
	back, _ := s.FindBacklinks(ctx, folio.BacklinkFilter{Target: folio.LinkTarget{DBKey: "Elsewhere"}, Kind: "link"})
	if len(back) != 1 || back[0].ID != src.Page.ID || back[0].Namespace != folio.NSHelp {
		t.Errorf("links to Elsewhere come from %v, want the moved page in Help", titles(back))
	}
	after, _ := s.Stats(ctx)
	if after.Pages != before.Pages+1 || after.Articles != before.Articles-1 || after.Edits != before.Edits+2 {
		t.Errorf("stats after move = %+v, before %+v; want one page and two revisions more, one article less", after, before)
	}
	if null, err := s.FindRevisionByID(ctx, res.Revision.ID); err != nil || null.Text != "see [[Elsewhere]]" || null.SHA1 != src.Revision.SHA1 {
		t.Errorf("stored null revision = %+v, %v; want the moved text", null, err)
	}
	hist, _ := s.FindRevisions(ctx, folio.RevisionFilter{PageID: &src.Page.ID})
	if len(hist) != 2 {
		t.Errorf("history of moved page has %d revisions, want 2", len(hist))
	}
}

func testMoveRefused(t *testing.T, s folio.Store) {
	ms, ok := s.(folio.MoveStore)
	if !ok {
		t.Skip("the store does not move pages")
	}
	ctx := context.Background()
	a := MustCreate(t, s, 0, "Alpha", "a")
	b := MustCreate(t, s, 0, "Beta", "b")
	tests := []struct {
		name string
		req  folio.MoveRequest
		want string
	}{
		{"target exists", folio.MoveRequest{PageID: a.Page.ID, ToDBKey: "Beta"}, folio.EArticleExists},
		{"self", folio.MoveRequest{PageID: a.Page.ID, ToDBKey: "Alpha"}, folio.ESelfMove},
		{"missing page", folio.MoveRequest{PageID: 999999, ToDBKey: "Gamma"}, folio.EMissingTitle},
		{"empty title", folio.MoveRequest{PageID: a.Page.ID}, folio.EInvalidTitle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Actor = mover
			_, err := ms.MovePage(ctx, tt.req)
			wantCode(t, "MovePage()", err, tt.want)
		})
	}
	// A redirect to another page at the target blocks the move too.
	MustCreate(t, s, 0, "Elsewhere_redirect", "#REDIRECT [[Beta]]")
	_, err := ms.MovePage(ctx, folio.MoveRequest{PageID: a.Page.ID, ToDBKey: "Elsewhere_redirect", Actor: mover})
	wantCode(t, "MovePage(over a redirect elsewhere)", err, folio.EArticleExists)
	if p, _ := s.FindPageByID(ctx, b.Page.ID); p == nil || p.DBKey != "Beta" {
		t.Errorf("Beta after refused moves = %+v, want unchanged", p)
	}
	// Delete and move: the page at the target is deleted first.
	res := mustMove(t, ms, folio.MoveRequest{PageID: a.Page.ID, ToDBKey: "Beta", Actor: mover,
		DeleteTarget: true, DeleteComment: "make way"})
	if res.Page.ID != a.Page.ID || res.Page.DBKey != "Beta" || res.MovedOverRedirect {
		t.Errorf("delete and move = %+v, want Alpha's page at Beta", res)
	}
	if arch, _ := s.FindArchivedRevisions(ctx, 0, "Beta"); len(arch) != 1 {
		t.Errorf("archived revisions of the deleted Beta = %d, want 1", len(arch))
	}
	if les, _ := s.FindLogEntries(ctx, folio.LogFilter{Type: "delete"}); len(les) != 1 || les[0].Comment != "make way" {
		t.Errorf("delete log = %+v, want the deletion that made way", les)
	}
}

func testMoveOverRedirect(t *testing.T, s folio.Store) {
	ms, ok := s.(folio.MoveStore)
	if !ok {
		t.Skip("the store does not move pages")
	}
	ctx := context.Background()
	src := MustCreate(t, s, 0, "Source", "content")
	MustSave(t, s, &folio.Edit{Namespace: 0, DBKey: "Target", Text: "#REDIRECT [[Source]]", Actor: anon,
		Redirect: &folio.LinkTarget{Namespace: 0, DBKey: "Source"}})
	res := mustMove(t, ms, folio.MoveRequest{PageID: src.Page.ID, ToDBKey: "Target", Actor: mover})
	if !res.MovedOverRedirect || res.LogEntry.Action != "move_redir" || res.RedirectPageID != 0 {
		t.Errorf("MovePage() = %+v, want move_redir without a redirect left", res)
	}
	if res.LogEntry.Params["suppressredirect"] != "1" {
		t.Errorf("log params = %v, want suppressredirect", res.LogEntry.Params)
	}
	p, err := s.FindPageByTitle(ctx, 0, "Target")
	if err != nil || p.ID != src.Page.ID || p.IsRedirect {
		t.Errorf("Target = %+v, %v; want the moved page %d", p, err, src.Page.ID)
	}
	if _, err := s.FindPageByTitle(ctx, 0, "Source"); folio.ErrorCode(err) != folio.EMissingTitle {
		t.Errorf("Source after a move without redirect: %v, want missing", err)
	}
	arch, _ := s.FindArchivedRevisions(ctx, 0, "Target")
	if len(arch) != 1 {
		t.Errorf("archived revisions of the replaced redirect = %d, want 1", len(arch))
	}
}
