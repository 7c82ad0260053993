package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// testAccounts covers the account fields beyond the foundation's users:
// password expiry for temporary passwords.
func testAccounts(t *testing.T, s folio.Store) {
	t.Run("PasswordExpires", func(t *testing.T) { testPasswordExpires(t, s) })
	t.Run("NewPassword", func(t *testing.T) { testNewPassword(t, s) })
	t.Run("FindUsersByEmail", func(t *testing.T) { testFindUsersByEmail(t, s) })
	t.Run("AccountRequests", func(t *testing.T) { testAccountRequests(t, s) })
	t.Run("Blocks", func(t *testing.T) { testBlocks(t, s) })
	t.Run("UserOptions", func(t *testing.T) { testUserOptions(t, s) })
}

func testUserOptions(t *testing.T, s folio.Store) {
	os, ok := s.(folio.UserOptionStore)
	if !ok {
		t.Skip("the store does not keep user options")
	}
	ctx := context.Background()
	u := MustCreateUser(t, s, "Picky")
	if err := os.SetUserOptions(ctx, u.ID, map[string]string{"minordefault": "1", "watchdefault": "1"}); err != nil {
		t.Fatal(err)
	}
	if err := os.SetUserOptions(ctx, u.ID, map[string]string{"minordefault": "", "watchdefault": "0"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.FindUserOptions(ctx, u.ID)
	if err != nil || len(got) != 1 || got["watchdefault"] != "0" {
		t.Errorf("FindUserOptions = %v, %v; want only watchdefault=0", got, err)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	if err := os.SetEmailToken(ctx, u.ID, "tok", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	_, err = os.ConfirmEmailToken(ctx, "tok", now.Add(2*time.Hour))
	wantCode(t, "expired token", err, folio.EInvalidParameter)
	_, err = os.ConfirmEmailToken(ctx, "other", now)
	wantCode(t, "unknown token", err, folio.EInvalidParameter)
	cu, err := os.ConfirmEmailToken(ctx, "tok", now)
	if err != nil || cu.ID != u.ID || cu.EmailAuthenticated == nil || !cu.EmailAuthenticated.Equal(now) {
		t.Fatalf("ConfirmEmailToken = %+v, %v", cu, err)
	}
	_, err = os.ConfirmEmailToken(ctx, "tok", now)
	wantCode(t, "token used twice", err, folio.EInvalidParameter)
}

func testBlocks(t *testing.T, s folio.Store) {
	bs, ok := s.(folio.BlockStore)
	if !ok {
		t.Skip("the store does not keep blocks")
	}
	ctx := context.Background()
	_, err := bs.FindBlock(ctx, "Vandal")
	wantCode(t, "no block yet", err, folio.ENotBlocked)
	until := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, b := range []*folio.Block{
		{Target: "Vandal", UserID: 7, By: "Admin", Reason: "spam"},
		{Target: "Vandal", UserID: 7, By: "Admin", Reason: "spam again", Expiry: until},
	} {
		if err := bs.SaveBlock(ctx, b); err != nil || b.ID == 0 {
			t.Fatalf("SaveBlock: %v, id %d", err, b.ID)
		}
	}
	got, err := bs.FindBlock(ctx, "Vandal")
	if err != nil || got.Reason != "spam again" || !got.Expiry.Equal(until) || got.UserID != 7 || got.By != "Admin" {
		t.Fatalf("FindBlock = %+v, %v", got, err)
	}
	if list, err := bs.FindBlocks(ctx, 10); err != nil || len(list) != 1 {
		t.Errorf("FindBlocks = %d blocks, %v; want 1", len(list), err)
	}
	if err := bs.DeleteBlock(ctx, "Vandal"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "delete twice", bs.DeleteBlock(ctx, "Vandal"), folio.ENotBlocked)
}

func testAccountRequests(t *testing.T, s folio.Store) {
	as, ok := s.(folio.AccountRequestStore)
	if !ok {
		t.Skip("the store does not keep account requests")
	}
	ctx := context.Background()
	exp := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	r := &folio.AccountRequest{Name: "Newbie", RealName: "N. Ewbie", Email: "n@example.org", Bio: "Writes about owls.",
		IP: "192.0.2.4", EmailTokenHash: "abc", EmailTokenExpires: exp, Status: folio.RequestUnconfirmed}
	if err := as.CreateAccountRequest(ctx, r); err != nil || r.ID == 0 {
		t.Fatalf("CreateAccountRequest: %v, id %d", err, r.ID)
	}
	dup := *r
	wantCode(t, "duplicate request", as.CreateAccountRequest(ctx, &dup), folio.EUserExists)
	got, err := as.FindAccountRequestByToken(ctx, "abc")
	if err != nil || got.ID != r.ID || got.Bio != r.Bio || !got.EmailTokenExpires.Equal(exp) || got.EmailAuthenticated != nil {
		t.Fatalf("FindAccountRequestByToken = %+v, %v", got, err)
	}
	_, err = as.FindAccountRequestByToken(ctx, "nope")
	wantCode(t, "unknown token", err, folio.EInvalidParameter)
	open, admin, reason := folio.RequestOpen, "Admin", "Tell us more."
	if _, err := as.UpdateAccountRequest(ctx, r.ID, folio.AccountRequestUpdate{Status: &open, EmailAuthenticated: &exp}); err != nil {
		t.Fatal(err)
	}
	held := folio.RequestHeld
	got, err = as.UpdateAccountRequest(ctx, r.ID, folio.AccountRequestUpdate{Status: &held, Reason: &reason, HandledBy: &admin})
	if err != nil || got.Status != held || got.Reason != reason || got.HandledBy != admin || got.HandledAt == nil || got.EmailAuthenticated == nil {
		t.Fatalf("UpdateAccountRequest = %+v, %v", got, err)
	}
	for _, tt := range []struct {
		status string
		want   int
	}{{folio.RequestHeld, 1}, {folio.RequestOpen, 0}} {
		list, err := as.FindAccountRequests(ctx, folio.AccountRequestFilter{Status: &tt.status})
		if err != nil || len(list) != tt.want {
			t.Errorf("FindAccountRequests(%s) = %d requests, %v; want %d", tt.status, len(list), err, tt.want)
		}
	}
}

func testFindUsersByEmail(t *testing.T, s folio.Store) {
	ctx := context.Background()
	for _, u := range []*folio.User{{Name: "Ann", Email: "shared@example.org"}, {Name: "Bea", Email: "shared@example.org"}, {Name: "Cy", Email: "cy@example.org"}} {
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		email string
		want  []string
	}{
		{"shared@example.org", []string{"Ann", "Bea"}},
		{"cy@example.org", []string{"Cy"}},
		{"CY@example.org", nil},
		{"nobody@example.org", nil},
	}
	for _, tt := range tests {
		us, err := s.FindUsers(ctx, folio.UserFilter{Email: &tt.email})
		var got []string
		for _, u := range us {
			got = append(got, u.Name)
		}
		if err != nil || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("FindUsers(Email %q) = %v, %v; want %v", tt.email, got, err, tt.want)
		}
	}
}

func testNewPassword(t *testing.T, s folio.Store) {
	ctx := context.Background()
	u := MustCreateUser(t, s, "Forgetful")
	tests := []struct {
		name     string
		upd      folio.UserUpdate
		wantHash string
		wantNew  string
	}{
		{"temporary password", folio.UserUpdate{NewPasswordHash: ptr("tmp")}, "x", "tmp"},
		{"real name keeps it", folio.UserUpdate{RealName: ptr("F")}, "x", "tmp"},
		{"new password drops it", folio.UserUpdate{PasswordHash: ptr("p")}, "p", ""},
		{"again", folio.UserUpdate{NewPasswordHash: ptr("tmp2")}, "p", "tmp2"},
		{"removed", folio.UserUpdate{NewPasswordHash: ptr("")}, "p", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.UpdateUser(ctx, u.ID, tt.upd)
			if err != nil {
				t.Fatalf("UpdateUser: %v", err)
			}
			if got.PasswordHash != tt.wantHash || got.NewPasswordHash != tt.wantNew || (got.NewPasswordTime != nil) != (tt.wantNew != "") {
				t.Errorf("password %q, new password %q at %v; want %q, %q", got.PasswordHash, got.NewPasswordHash, got.NewPasswordTime, tt.wantHash, tt.wantNew)
			}
		})
	}
}

func testPasswordExpires(t *testing.T, s folio.Store) {
	ctx := context.Background()
	issued := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	u := &folio.User{Name: "Temp", PasswordHash: "t", PasswordExpires: &issued}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	tests := []struct {
		name string
		upd  folio.UserUpdate
		want *time.Time
	}{
		{"created", folio.UserUpdate{}, &issued},
		{"real name keeps expiry", folio.UserUpdate{RealName: ptr("T. Emp")}, &issued},
		{"new password never expires", folio.UserUpdate{PasswordHash: ptr("p")}, nil},
		{"temporary again", folio.UserUpdate{PasswordHash: ptr("q"), PasswordExpires: &issued}, &issued},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.UpdateUser(ctx, u.ID, tt.upd); err != nil {
				t.Fatalf("UpdateUser: %v", err)
			}
			got, err := s.FindUserByName(ctx, "Temp")
			if err != nil {
				t.Fatalf("FindUserByName: %v", err)
			}
			if !sameTime(got.PasswordExpires, tt.want) {
				t.Errorf("PasswordExpires = %v, want %v", got.PasswordExpires, tt.want)
			}
		})
	}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
