package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/throttle"
	"github.com/folio-wiki/folio/internal/wiki"
)

// TestCreateAccount covers the refusals of open self-registration: each
// is a distinct error code, and none creates the account.
func TestCreateAccount(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, "Admin", goodPassword, []string{"sysop"})
	if err != nil {
		t.Fatal(err)
	}
	blockedAdmin, err := s.CreateUser(ctx, "Blocked Admin", goodPassword, []string{"sysop"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Block(ctx, admin, "Blocked Admin", time.Time{}, "rogue"); err != nil {
		t.Fatal(err)
	}
	s.Accounts.CreateAccountThrottle = throttle.New(throttle.Rule{Count: 1, Window: time.Hour})
	in := func(name string) wiki.CreateAccountInput {
		return wiki.CreateAccountInput{Name: name, Password: goodPassword, Retype: goodPassword, CheckRetype: true}
	}
	tests := []struct {
		name    string
		creator *folio.User
		in      wiki.CreateAccountInput
		ip      string
		want    string
	}{
		{"blocked creator", blockedAdmin, in("Ann"), "192.0.2.1", folio.EBlocked},
		{"taken", nil, in("admin"), "192.0.2.1", folio.EUserExists},
		{"IP as name", nil, in("192.0.2.55"), "192.0.2.1", folio.EInvalidParameter},
		{"subpage name", nil, in("Ann/x"), "192.0.2.1", folio.EInvalidParameter},
		{"bad email", nil, wiki.CreateAccountInput{Name: "Ann", Password: goodPassword, Email: "not an address"}, "192.0.2.1", folio.EInvalidParameter},
		{"created", nil, in("Ann"), "192.0.2.1", ""},
		{"throttled address", nil, in("Ben"), "192.0.2.1", folio.ERateLimited},
		{"other address", nil, in("Ben"), "192.0.2.2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := s.CreateAccount(ctx, tt.creator, tt.in, tt.ip)
			if got := folio.ErrorCode(err); (err == nil) != (tt.want == "") || (err != nil && got != tt.want) {
				t.Fatalf("CreateAccount(%q) = %v, %v; want code %q", tt.in.Name, u, err, tt.want)
			}
		})
	}
	if got := wiki.RetryAfter(func() error { _, err := s.CreateAccount(ctx, nil, in("Cy"), "192.0.2.1"); return err }()); got <= 0 {
		t.Errorf("RetryAfter(throttled creation) = %v, want a wait", got)
	}
	s.ReadOnly = "maintenance"
	if _, err := s.CreateAccount(ctx, nil, in("Dee"), "192.0.2.9"); folio.ErrorCode(err) != folio.EReadOnly {
		t.Errorf("CreateAccount() while read-only = %v, want %s", err, folio.EReadOnly)
	}
}
