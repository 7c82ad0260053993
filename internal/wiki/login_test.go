package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
	"github.com/folio-wiki/folio/internal/wiki"
)

const goodPassword = "violet-kettle-42"

func mustUser(tb testing.TB, s *wiki.Service, name string) *folio.User {
	tb.Helper()
	u, err := s.CreateUser(context.Background(), name, goodPassword, nil)
	if err != nil {
		tb.Fatalf("CreateUser(%q): %v", name, err)
	}
	return u
}

// TestLoginThrottle: five failures per account and address, the same for
// a missing account, then ERateLimited even for the right password.
func TestLoginThrottle(t *testing.T) {
	tests := []struct{ name, user string }{
		{"existing account", "Alice"},
		{"missing account", "Nobody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			mustUser(t, s, "Alice")
			ctx := context.Background()
			for i := range 5 {
				_, err := s.LoginFrom(ctx, tt.user, "wrong-password", "192.0.2.7")
				if got := folio.ErrorCode(err); got != folio.EWrongPassword {
					t.Fatalf("attempt %d: code %q, want %q", i+1, got, folio.EWrongPassword)
				}
			}
			_, err := s.LoginFrom(ctx, tt.user, goodPassword, "192.0.2.7")
			if got := folio.ErrorCode(err); got != folio.ERateLimited || wiki.RetryAfter(err) <= 0 {
				t.Fatalf("sixth attempt: %q, retry after %v; want %q and a wait", got, wiki.RetryAfter(err), folio.ERateLimited)
			}
			if _, err := s.LoginFrom(ctx, "Alice", goodPassword, "198.51.100.1"); err != nil {
				t.Errorf("login from another address: %v", err)
			}
		})
	}
}

func TestLoginSameAnswer(t *testing.T) {
	s := MustOpen(t)
	mustUser(t, s, "Alice")
	_, e1 := s.Login(context.Background(), "Alice", "wrong-password")
	_, e2 := s.Login(context.Background(), "Nobody", "wrong-password")
	if folio.ErrorMessage(e1) != folio.ErrorMessage(e2) || folio.ErrorCode(e1) != folio.ErrorCode(e2) {
		t.Errorf("wrong password %q vs missing user %q: answers differ", e1, e2)
	}
}

func TestLoginImportedHashIsRehashed(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := &folio.User{Name: "Imported", PasswordHash: ":pbkdf2:sha1:1:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y="}
	if err := s.Store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	got, err := s.Login(ctx, "Imported", "password")
	if err != nil {
		t.Fatalf("Login with a MediaWiki pbkdf2 hash: %v", err)
	}
	if ok, rehash, err := password.Verify(got.PasswordHash, "password"); !ok || rehash || err != nil {
		t.Errorf("stored hash after login %q: Verify = %v, %v, %v; want an argon2id hash", got.PasswordHash, ok, rehash, err)
	}
}

func TestTemporaryPassword(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Alice")
	tmp, err := s.SetTemporaryPassword(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Now().Add(time.Second) }
	if _, err := s.Login(ctx, "Alice", goodPassword); err != nil {
		t.Fatalf("the old password stops working after a temporary one is mailed: %v", err)
	}
	u, err = s.Login(ctx, "Alice", tmp)
	if err != nil || !u.PasswordExpired(s.Now()) {
		t.Fatalf("Login with the temporary password = %v, expired %v; want an expired password", err, u != nil && u.PasswordExpired(s.Now()))
	}
	title := folio.Title{Namespace: folio.NSMain, DBKey: "Sandbox"}
	if code := folio.ErrorCode(s.CheckPermission(ctx, u, "edit", title, nil)); code != folio.EPermissionDenied {
		t.Errorf("edit with an expired password: code %q, want %q", code, folio.EPermissionDenied)
	}
	tests := []struct {
		name, pw, code string
	}{
		{"too short", "short", folio.EInvalidParameter},
		{"common", "password123", folio.EInvalidParameter},
		{"good", "amber-lantern-9", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nu, err := s.ResetExpiredPassword(ctx, u, tt.pw)
			if got := folio.ErrorCode(err); got != tt.code {
				t.Fatalf("ResetExpiredPassword(%q): code %q, want %q", tt.pw, got, tt.code)
			}
			if err == nil && nu.PasswordExpired(s.Now()) {
				t.Errorf("password still expired after the reset")
			}
		})
	}
	if _, err := s.Login(ctx, "Alice", tmp); folio.ErrorCode(err) != folio.EWrongPassword {
		t.Errorf("temporary password after the reset: %v, want wrongpassword", err)
	}
}

func TestChangePassword(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Alice")
	tests := []struct {
		name, old, pw, code string
	}{
		{"wrong current", "nope-nope-nope", "amber-lantern-9", folio.EWrongPassword},
		{"same", goodPassword, goodPassword, folio.EInvalidParameter},
		{"good", goodPassword, "amber-lantern-9", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ChangePassword(ctx, u, tt.old, tt.pw, "192.0.2.1")
			if got := folio.ErrorCode(err); got != tt.code {
				t.Errorf("ChangePassword: code %q (%v), want %q", got, err, tt.code)
			}
		})
	}
	if _, err := s.Login(ctx, "Alice", "amber-lantern-9"); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
}

func TestTemporaryPasswordExpires(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Alice")
	tmp, err := s.SetTemporaryPassword(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Now().Add(wiki.TemporaryPasswordLifetime + time.Minute) }
	if _, err := s.Login(ctx, "Alice", tmp); folio.ErrorCode(err) != folio.EWrongPassword {
		t.Errorf("Login with a temporary password after its lifetime: %v, want wrongpassword", err)
	}
}
