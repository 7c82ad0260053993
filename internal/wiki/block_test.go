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
	steps := []struct {
		name      string
		do        func() error
		wantPage  string
		clockSkip time.Duration
	}{
		{"not blocked", func() error { return nil }, "", 0},
		{"blocked for a day", func() error {
			_, err := s.Block(ctx, admin, "Vandal", time.Now().Add(24*time.Hour), "spam")
			return err
		}, folio.EBlocked, 0},
		{"expired", func() error { return nil }, "", 25 * time.Hour},
		{"blocked forever", func() error {
			_, err := s.Block(ctx, admin, "Vandal", time.Time{}, "more spam")
			return err
		}, folio.EBlocked, 0},
		{"unblocked", func() error { return s.Unblock(ctx, admin, "Vandal", "appeal") }, "", 0},
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
			if got := check(ownTalk); got != "" {
				t.Errorf("edit own talk page: %q, want no error", got)
			}
			if got := folio.ErrorCode(s.CheckPermission(ctx, vandal, "read", page, nil)); got != "" {
				t.Errorf("read: %q, want no error", got)
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

func TestBlockRefused(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, "Admin", goodPassword, []string{"sysop"})
	if err != nil {
		t.Fatal(err)
	}
	plain := mustUser(t, s, "Plain")
	tests := []struct {
		name   string
		by     *folio.User
		target string
		expiry time.Time
		code   string
	}{
		{"no block right", plain, "Admin", time.Time{}, folio.EPermissionDenied},
		{"missing user", admin, "Nobody", time.Time{}, folio.ENoSuchUser},
		{"expiry in the past", admin, "Plain", time.Now().Add(-time.Hour), folio.EInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Block(ctx, tt.by, tt.target, tt.expiry, "x"); folio.ErrorCode(err) != tt.code {
				t.Errorf("Block: %v, want code %q", err, tt.code)
			}
		})
	}
}
