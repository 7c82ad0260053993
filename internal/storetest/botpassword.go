package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio"
)

func testBotPasswords(t *testing.T, s folio.Store) {
	bs, ok := s.(folio.BotPasswordStore)
	if !ok {
		t.Skip("the store does not keep bot passwords")
	}
	ctx := context.Background()
	u := MustCreateUser(t, s, "Bot owner")
	other := MustCreateUser(t, s, "Other owner")
	bps := []*folio.BotPassword{
		{UserID: u.ID, AppID: "uploader", PasswordHash: "h1", Token: "t1", Grants: []string{"uploadfile", "editpage"}},
		{UserID: u.ID, AppID: "Archiver é", PasswordHash: "h2", Token: "t2"},
		{UserID: other.ID, AppID: "uploader", PasswordHash: "h3", Token: "t3", Grants: []string{"patrol"}},
	}
	for _, bp := range bps {
		if err := bs.CreateBotPassword(ctx, bp); err != nil {
			t.Fatalf("CreateBotPassword(%q) error: %v", bp.AppID, err)
		}
	}
	err := bs.CreateBotPassword(ctx, &folio.BotPassword{UserID: u.ID, AppID: "uploader", PasswordHash: "x"})
	wantCode(t, "CreateBotPassword(duplicate)", err, folio.EBotPasswordExists)
	got, err := bs.FindBotPassword(ctx, u.ID, "uploader")
	if err != nil {
		t.Fatalf("FindBotPassword() error: %v", err)
	}
	if diff := cmp.Diff(bps[0], got); diff != "" {
		t.Errorf("FindBotPassword() (-want +got):\n%s", diff)
	}
	list, err := bs.FindBotPasswords(ctx, u.ID)
	if err != nil || len(list) != 2 || list[0].AppID != "Archiver é" || len(list[0].Grants) != 0 || list[0].Grants == nil {
		t.Errorf("FindBotPasswords() = %+v, %v; want Archiver é (no grants) and uploader", list, err)
	}
	upd := &folio.BotPassword{UserID: u.ID, AppID: "uploader", PasswordHash: "h1b", Token: "t1b", Grants: []string{"patrol"}}
	if err := bs.UpdateBotPassword(ctx, upd); err != nil {
		t.Fatalf("UpdateBotPassword() error: %v", err)
	}
	if got, err := bs.FindBotPassword(ctx, u.ID, "uploader"); err != nil || cmp.Diff(upd, got) != "" {
		t.Errorf("after UpdateBotPassword, FindBotPassword() = %+v, %v; want %+v", got, err, upd)
	}
	wantCode(t, "UpdateBotPassword(missing)", bs.UpdateBotPassword(ctx, &folio.BotPassword{UserID: u.ID, AppID: "none"}), folio.ENoSuchBotPassword)
	if err := bs.DeleteBotPassword(ctx, u.ID, "uploader"); err != nil {
		t.Fatalf("DeleteBotPassword() error: %v", err)
	}
	_, err = bs.FindBotPassword(ctx, u.ID, "uploader")
	wantCode(t, "FindBotPassword(deleted)", err, folio.ENoSuchBotPassword)
	wantCode(t, "DeleteBotPassword(again)", bs.DeleteBotPassword(ctx, u.ID, "uploader"), folio.ENoSuchBotPassword)
	if bp, err := bs.FindBotPassword(ctx, other.ID, "uploader"); err != nil || bp.PasswordHash != "h3" {
		t.Errorf("other user's bot password = %+v, %v; want it kept", bp, err)
	}
}
