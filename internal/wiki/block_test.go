package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

func TestBlock(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, "Admin", goodPassword, []string{"sysop"})
	if err != nil {
		t.Fatal(err)
	}
	vandal := mustUser(t, s, "Vandal")
	page := folio.Title{Namespace: folio.NSMain, DBKey: "Sandbox"}
	ownTalk := folio.Title{Namespace: folio.NSUserTalk, DBKey: "Vandal"}
	check := func(title folio.Title) string {
		return folio.ErrorCode(s.CheckPermission(ctx, vandal, "edit", title, nil))
	}
	if _, err := s.Block(ctx, vandal, "Admin", time.Time{}, "revenge"); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("Block without the block right: %v", err)
	}
	if _, err := s.Block(ctx, admin, "Nobody", time.Time{}, "x"); folio.ErrorCode(err) != folio.ENoSuchUser {
		t.Errorf("Block of a missing user: %v", err)
	}
	steps := []struct {
		name      string
		do        func() error
		wantPage  string
		wantTalk  string
		wantRead  string
		clockSkip time.Duration
	}{
		{"not blocked", func() error { return nil }, "", "", "", 0},
		{"blocked for a day", func() error {
			_, err := s.Block(ctx, admin, "Vandal", time.Now().Add(24*time.Hour), "spam")
			return err
		}, folio.EBlocked, "", "", 0},
		{"expired", func() error { return nil }, "", "", "", 25 * time.Hour},
		{"blocked forever", func() error {
			_, err := s.Block(ctx, admin, "Vandal", time.Time{}, "more spam")
			return err
		}, folio.EBlocked, "", "", 0},
		{"unblocked", func() error { return s.Unblock(ctx, admin, "Vandal", "appeal") }, "", "", "", 0},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			skip := st.clockSkip
			s.Now = func() time.Time { return time.Now().Add(skip) }
			if err := st.do(); err != nil {
				t.Fatal(err)
			}
			if got := check(page); got != st.wantPage {
				t.Errorf("edit a page: %q, want %q", got, st.wantPage)
			}
			if got := check(ownTalk); got != st.wantTalk {
				t.Errorf("edit own talk page: %q, want %q", got, st.wantTalk)
			}
			if got := folio.ErrorCode(s.CheckPermission(ctx, vandal, "read", page, nil)); got != st.wantRead {
				t.Errorf("read: %q, want %q", got, st.wantRead)
			}
		})
	}
	logs, err := s.Store.FindLogEntries(ctx, folio.LogFilter{Type: "block"})
	if err != nil || len(logs) != 3 {
		t.Errorf("block log: %d entries, %v; want 3 (block, reblock, unblock)", len(logs), err)
	}
	if err := s.Unblock(ctx, admin, "Vandal", ""); folio.ErrorCode(err) != folio.ENotBlocked {
		t.Errorf("Unblock twice: %v", err)
	}
}
