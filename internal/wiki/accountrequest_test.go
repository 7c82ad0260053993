package wiki_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

var confirmTokenRE = regexp.MustCompile(`wpEmailToken=(\S+)`)

func validRequest(name string) wiki.AccountRequestInput {
	return wiki.AccountRequestInput{Name: name, RealName: "New Bie", Email: "newbie@example.org",
		Bio: "I write about owls and moths.", AcceptTerms: true}
}

func TestRequestAccountChecks(t *testing.T) {
	tests := []struct {
		name string
		edit func(*wiki.AccountRequestInput)
		code string
	}{
		{"valid", func(*wiki.AccountRequestInput) {}, ""},
		{"taken name", func(in *wiki.AccountRequestInput) { in.Name = "Alice" }, folio.EUserExists},
		{"bad name", func(in *wiki.AccountRequestInput) { in.Name = "A/B" }, folio.EInvalidParameter},
		{"bad email", func(in *wiki.AccountRequestInput) { in.Email = "not-an-address" }, folio.EInvalidParameter},
		{"no bio", func(in *wiki.AccountRequestInput) { in.Bio = "hi" }, folio.EInvalidParameter},
		{"terms", func(in *wiki.AccountRequestInput) { in.AcceptTerms = false }, folio.EInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			s.Accounts.Mailer = &inbox{}
			mustUser(t, s, "Alice")
			in := validRequest("Newbie")
			tt.edit(&in)
			_, err := s.RequestAccount(context.Background(), in, "192.0.2.5")
			if got := folio.ErrorCode(err); got != tt.code {
				t.Errorf("RequestAccount: code %q (%v), want %q", got, err, tt.code)
			}
		})
	}
}

// TestAccountRequestFlow: request, confirm by mail, hold, accept, log in
// with the mailed temporary password.
func TestAccountRequestFlow(t *testing.T) {
	s := MustOpen(t)
	box := &inbox{}
	s.Accounts.Mailer = box
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, "Admin", goodPassword, []string{"bureaucrat"})
	if err != nil {
		t.Fatal(err)
	}
	plain := mustUser(t, s, "Plain")
	if _, err := s.RequestAccount(ctx, validRequest("Newbie"), "192.0.2.5"); err != nil {
		t.Fatal(err)
	}
	token := confirmTokenRE.FindStringSubmatch(box.msgs[0].Body)[1]
	if list, _ := s.AccountRequests(ctx, admin, folio.RequestOpen, 10); len(list) != 0 {
		t.Fatalf("unconfirmed request is in the open queue")
	}
	r, err := s.ConfirmAccountRequestEmail(ctx, token)
	if err != nil || r.Status != folio.RequestOpen {
		t.Fatalf("ConfirmAccountRequestEmail = %v, %v", r, err)
	}
	if _, err := s.ConfirmAccountRequestEmail(ctx, "wrong"); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("wrong token: %v", err)
	}
	if _, err := s.HandleAccountRequest(ctx, plain, r.ID, wiki.RequestAccept, ""); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("accept without confirmaccount: %v, want permissiondenied", err)
	}
	if _, err := s.HandleAccountRequest(ctx, admin, r.ID, wiki.RequestReject, ""); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("reject without reason: %v", err)
	}
	if r, err = s.HandleAccountRequest(ctx, admin, r.ID, wiki.RequestHold, "Which owls?"); err != nil || r.Status != folio.RequestHeld {
		t.Fatalf("hold: %v, %v", r, err)
	}
	if r, err = s.HandleAccountRequest(ctx, admin, r.ID, wiki.RequestAccept, ""); err != nil || r.Status != folio.RequestAccepted {
		t.Fatalf("accept: %v, %v", r, err)
	}
	last := box.msgs[len(box.msgs)-1]
	tmp := tempPasswordRE.FindStringSubmatch(last.Body)
	if tmp == nil || last.To != "newbie@example.org" {
		t.Fatalf("no temporary password mailed:\n%s", last.Body)
	}
	u, err := s.Login(ctx, "Newbie", tmp[1])
	if err != nil || !u.PasswordExpired(s.Now()) || u.Email != "newbie@example.org" || u.EmailAuthenticated == nil {
		t.Fatalf("login of the new account = %+v, %v", u, err)
	}
	logs, err := s.Store.FindLogEntries(ctx, folio.LogFilter{Type: "accountrequest"})
	if err != nil || len(logs) != 2 {
		t.Errorf("accountrequest log has %d entries (%v), want 2 (hold, accept)", len(logs), err)
	}
}
