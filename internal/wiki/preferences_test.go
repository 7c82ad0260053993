package wiki_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestChangeEmail(t *testing.T) {
	s := MustOpen(t)
	box := &inbox{}
	s.Accounts.Mailer = box
	ctx := context.Background()
	u := mustUser(t, s, "Alice")
	tests := []struct {
		name, pw, email, code string
	}{
		{"wrong password", "nope-nope-nope", "a@example.org", folio.EWrongPassword},
		{"bad address", goodPassword, "not an address", folio.EInvalidParameter},
		{"new address", goodPassword, "alice@example.org", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := folio.ErrorCode(s.ChangeEmail(ctx, u, tt.pw, tt.email, "192.0.2.1")); got != tt.code {
				t.Errorf("ChangeEmail: code %q, want %q", got, tt.code)
			}
		})
	}
	if len(box.msgs) != 1 || box.msgs[0].To != "alice@example.org" {
		t.Fatalf("mails: %+v", box.msgs)
	}
	token := regexp.MustCompile(`Special:ConfirmEmail/(\S+)`).FindStringSubmatch(box.msgs[0].Body)[1]
	if cu, _ := s.Store.FindUserByID(ctx, u.ID); cu.Email != "alice@example.org" || cu.EmailAuthenticated != nil {
		t.Fatalf("before confirmation: %q, confirmed %v", cu.Email, cu.EmailAuthenticated)
	}
	cu, err := s.ConfirmEmail(ctx, token)
	if err != nil || cu.EmailAuthenticated == nil {
		t.Fatalf("ConfirmEmail = %v, %v", cu, err)
	}
}

func TestSavePreferences(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Alice")
	if err := s.SavePreferences(ctx, u, "Alice A.", map[string]string{"nonsense": "1"}); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("unknown preference: %v", err)
	}
	if err := s.SavePreferences(ctx, u, "Alice A.", map[string]string{"minordefault": "1", "watchdefault": ""}); err != nil {
		t.Fatal(err)
	}
	opts, err := s.Preferences(ctx, u)
	if err != nil || opts["minordefault"] != "1" || opts["watchdefault"] != "0" || opts["watchcreations"] != "1" {
		t.Errorf("Preferences = %v, %v; want minordefault and watchcreations (a default) on, watchdefault off", opts, err)
	}
	if cu, _ := s.Store.FindUserByID(ctx, u.ID); cu.RealName != "Alice A." {
		t.Errorf("real name %q", cu.RealName)
	}
}
