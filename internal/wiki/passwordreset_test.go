package wiki_test

import (
	"context"
	"regexp"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/wiki"
)

// inbox records mail instead of sending it.
type inbox struct {
	mu   sync.Mutex
	msgs []mail.Message
}

func (b *inbox) Send(_ context.Context, m *mail.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, *m)
	return nil
}

var tempPasswordRE = regexp.MustCompile(`Temporary password: (\S+)`)

func TestRequestPasswordReset(t *testing.T) {
	tests := []struct {
		name, user, email string
		wantMails         int
	}{
		{"by name", "Alice", "", 1},
		{"by address", "", "alice@example.org", 1},
		{"unknown name", "Nobody", "", 0},
		{"unknown address", "", "nobody@example.org", 0},
		{"account without address", "Bob", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			box := &inbox{}
			s.Accounts.Mailer = box
			ctx := context.Background()
			u := mustUser(t, s, "Alice")
			email := "alice@example.org"
			if _, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{Email: &email}); err != nil {
				t.Fatal(err)
			}
			mustUser(t, s, "Bob")
			if err := s.RequestPasswordReset(ctx, tt.user, tt.email, "192.0.2.9"); err != nil {
				t.Fatalf("RequestPasswordReset: %v", err)
			}
			if len(box.msgs) != tt.wantMails {
				t.Fatalf("%d mails, want %d", len(box.msgs), tt.wantMails)
			}
			if tt.wantMails == 0 {
				return
			}
			m := tempPasswordRE.FindStringSubmatch(box.msgs[0].Body)
			if m == nil || box.msgs[0].To != email {
				t.Fatalf("mail to %q without a temporary password:\n%s", box.msgs[0].To, box.msgs[0].Body)
			}
			if got, err := s.Login(ctx, "Alice", m[1]); err != nil || !got.PasswordExpired(s.Now()) {
				t.Errorf("login with the mailed password: %v; want a login that must set a new password", err)
			}
			if _, err := s.Login(ctx, "Alice", goodPassword); err != nil {
				t.Errorf("the old password no longer works: %v", err)
			}
		})
	}
}

func TestRequestPasswordResetThrottle(t *testing.T) {
	s := MustOpen(t)
	s.Accounts.Mailer = &inbox{}
	ctx := context.Background()
	for i := range 5 {
		if err := s.RequestPasswordReset(ctx, "Nobody", "", "192.0.2.9"); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	err := s.RequestPasswordReset(ctx, "Nobody", "", "192.0.2.9")
	if folio.ErrorCode(err) != folio.ERateLimited || wiki.RetryAfter(err) <= 0 {
		t.Errorf("sixth request in an hour: %v, want ratelimited", err)
	}
}
