package wiki_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

func TestCreateBotPasswordRefused(t *testing.T) {
	s := MustOpen(t)
	u := moveUser(t, s, "Owner")
	limited := *u
	limited.Grants = []string{"editpage"}
	tests := []struct {
		name   string
		u      *folio.User
		bot    string
		grants []string
		want   string
	}{
		{"anonymous", nil, "tool", nil, folio.ENotLoggedIn},
		{"from a bot password session", &limited, "tool", nil, folio.EPermissionDenied},
		{"empty name", u, " ", nil, folio.EInvalidParameter},
		{"separator in name", u, "a@b", nil, folio.EInvalidParameter},
		{"not a title", u, "a<b>", nil, folio.EInvalidParameter},
		{"name too long", u, strings.Repeat("x", 33), nil, folio.EInvalidParameter},
		{"unknown grant", u, "tool", []string{"everything"}, folio.EInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateBotPassword(context.Background(), tt.u, tt.bot, tt.grants)
			if got := folio.ErrorCode(err); got != tt.want {
				t.Errorf("CreateBotPassword(%q) error %v, want %s", tt.bot, err, tt.want)
			}
		})
	}
}

func TestBotLogin(t *testing.T) {
	s := MustOpen(t)
	u := moveUser(t, s, "Owner")
	ctx := context.Background()
	pw, err := s.CreateBotPassword(ctx, u, "mover", []string{"createeditmovepage", "basic"})
	if err != nil || len(pw) < 32 {
		t.Fatalf("CreateBotPassword() = %q, %v; want a long password", pw, err)
	}
	if _, err := s.CreateBotPassword(ctx, u, "mover", nil); folio.ErrorCode(err) != folio.EBotPasswordExists {
		t.Errorf("second CreateBotPassword(mover) error %v, want %s", err, folio.EBotPasswordExists)
	}
	got, bp, err := s.BotLoginFrom(ctx, "Owner@mover", pw, "192.0.2.1")
	if err != nil || got.ID != u.ID || bp.AppID != "mover" {
		t.Fatalf("BotLoginFrom() = %+v, %+v, %v", got, bp, err)
	}
	if !s.Allowed(got, "move") || s.Allowed(got, "upload") || !s.Allowed(got, "read") {
		t.Errorf("rights of the bot login: move %v, upload %v, read %v; want true, false, true",
			s.Allowed(got, "move"), s.Allowed(got, "upload"), s.Allowed(got, "read"))
	}
	for _, name := range []string{"Owner@other", "Nobody@mover", "Owner@"} {
		if _, _, err := s.BotLoginFrom(ctx, name, pw, "192.0.2.1"); folio.ErrorCode(err) != folio.EWrongPassword {
			t.Errorf("BotLoginFrom(%q) error %v, want %s", name, err, folio.EWrongPassword)
		}
	}
	list, err := s.BotPasswords(ctx, u)
	if err != nil || len(list) != 1 || strings.Join(list[0].Grants, ",") != "createeditmovepage" {
		t.Errorf("BotPasswords() = %+v, %v; want mover with its one grant", list, err)
	}
	if user, bot, ok := wiki.SplitBotLogin("A@b@c"); !ok || user != "A@b" || bot != "c" {
		t.Errorf("SplitBotLogin(A@b@c) = %q, %q, %v", user, bot, ok)
	}
}
