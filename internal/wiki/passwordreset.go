package wiki

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/password"
	"github.com/folio-wiki/folio/internal/throttle"
)

// AccountSettings configures the account flows that send mail.
type AccountSettings struct {
	// Mailer sends account mail; nil refuses flows that need mail.
	Mailer mail.Sender
	// SiteName and Server (the public base URL) appear in mail.
	SiteName string
	Server   string
	// PasswordResetThrottle limits reset requests per client address and
	// per account; nil allows all.
	PasswordResetThrottle *throttle.Limiter
	// AccountRequestThrottle limits account requests per client address;
	// nil allows all.
	AccountRequestThrottle *throttle.Limiter
	// CreateAccountThrottle limits open self-registrations per client
	// address; nil allows all.
	CreateAccountThrottle *throttle.Limiter
	// MailQueue, when set, lists mail that waits for a retry or was given
	// up, for administrators (Special:ConfirmAccounts shows it).
	MailQueue interface{ Pending() ([]*mail.Entry, error) }
}

// DefaultAccountSettings returns MediaWiki's default throttles and no
// mailer.
func DefaultAccountSettings() AccountSettings {
	return AccountSettings{
		SiteName:               "Folio",
		PasswordResetThrottle:  throttle.New(throttle.PasswordResetRules...),
		AccountRequestThrottle: throttle.New(throttle.AccountRequestRules...),
		CreateAccountThrottle:  throttle.New(throttle.CreateAccountRules...),
	}
}

// RequestPasswordReset mails a temporary password to the account named
// name, or to every account with the address email when name is empty.
// It returns nil whether or not such an account exists, so that the answer
// reveals nothing; only a throttled client (ERateLimited), a missing mailer
// or an internal failure give an error. The current password keeps
// working, so nobody can lock an owner out by asking for resets.
func (s *Service) RequestPasswordReset(ctx context.Context, name, email, ip string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if s.Accounts.Mailer == nil {
		return folio.Errorf(folio.EPermissionDenied, "This wiki cannot send mail, so passwords cannot be reset by mail.")
	}
	lim := s.Accounts.PasswordResetThrottle
	if ok, wait := lim.Allow("ip\x00" + ip); !ok {
		return throttled("password reset requests", wait)
	}
	lim.Hit("ip\x00" + ip)
	users, err := s.resetTargets(ctx, strings.TrimSpace(name), strings.TrimSpace(email))
	if err != nil {
		return err
	}
	if len(users) == 0 {
		// Spend the time a temporary password takes, so that the answer
		// comes as fast for a missing account as for a real one.
		_, _ = password.Hash(name + email)
	}
	for _, u := range users {
		key := fmt.Sprintf("user\x00%d", u.ID)
		if ok, _ := lim.Allow(key); !ok || u.Email == "" {
			continue // silently: the answer must not differ
		}
		lim.Hit(key)
		if err := s.mailTemporaryPassword(ctx, u, ip); err != nil {
			return err
		}
	}
	return nil
}

// resetTargets finds the accounts a reset request names.
func (s *Service) resetTargets(ctx context.Context, name, email string) ([]*folio.User, error) {
	if name != "" {
		t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
		if err != nil || t.Namespace != folio.NSUser {
			return nil, nil
		}
		u, err := s.Store.FindUserByName(ctx, t.Text())
		if folio.ErrorCode(err) == folio.ENoSuchUser {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		return []*folio.User{u}, nil
	}
	if email == "" || !strings.Contains(email, "@") {
		return nil, folio.Errorf(folio.EInvalidParameter, "Enter a username or an email address.")
	}
	return s.Store.FindUsers(ctx, folio.UserFilter{Email: &email, Limit: 10})
}

func (s *Service) mailTemporaryPassword(ctx context.Context, u *folio.User, ip string) error {
	pw, err := s.SetTemporaryPassword(ctx, u)
	if err != nil {
		return err
	}
	site := s.Accounts.SiteName
	body := fmt.Sprintf(`Hello %s,

a new password for your account on %s was requested from the address %s.

Temporary password: %s

Log in with it at %s/index.php?title=Special:UserLogin&wpName=%s
within %d days; you will then be asked to choose a new password.

If you did not ask for this, ignore this mail: your current password
still works.
`, u.Name, site, ip, pw, s.Accounts.Server, url.QueryEscape(strings.ReplaceAll(u.Name, " ", "_")), int(TemporaryPasswordLifetime.Hours()/24))
	m := &mail.Message{To: u.Email, Subject: site + ": temporary password", Body: body}
	if err := s.Accounts.Mailer.Send(ctx, m); err != nil {
		return fmt.Errorf("mail temporary password: %w", err)
	}
	s.Logger.Info("temporary password mailed", "user_id", u.ID)
	return nil
}
