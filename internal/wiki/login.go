package wiki

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
)

// ThrottledError is an ERateLimited error that also tells when to retry.
type ThrottledError struct {
	Err        *folio.Error
	RetryAfter time.Duration
}

// Error implements the error interface.
func (e *ThrottledError) Error() string { return e.Err.Error() }

// Unwrap returns the folio error, so that folio.ErrorCode sees it.
func (e *ThrottledError) Unwrap() error { return e.Err }

// RetryAfter returns how long a throttled client should wait, or zero when
// err is not a ThrottledError.
func RetryAfter(err error) time.Duration {
	var e *ThrottledError
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// throttled returns the ERateLimited error for a wait of d.
func throttled(what string, d time.Duration) error {
	mins := int((d + time.Minute - time.Second) / time.Minute)
	return &ThrottledError{
		Err: folio.Errorf(folio.ERateLimited,
			"You have made too many recent %s. Please wait %d minute(s) before trying again.", what, mins),
		RetryAfter: d,
	}
}

// LoginFrom checks a name and password sent from the client address ip.
// Wrong names and wrong passwords give the same EWrongPassword error, and
// the failed-login throttle counts both alike, so that neither the answer
// nor the throttle reveals which users exist. After too many failures for
// one account and address it returns a *ThrottledError (ERateLimited)
// without checking the password. A user whose password has expired (a
// temporary password) logs in, and must then call ChangePassword.
func (s *Service) LoginFrom(ctx context.Context, name, pw, ip string) (*folio.User, error) {
	wrong := folio.Errorf(folio.EWrongPassword, "Incorrect username or password entered. Please try again.")
	canonical := name
	t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
	if err == nil {
		canonical = t.Text()
	}
	key := canonical + "\x00" + ip
	if ok, wait := s.LoginThrottle.Allow(key); !ok {
		return nil, throttled("login attempts", wait)
	}
	u, err := s.checkPassword(ctx, t, err, pw)
	if err != nil {
		if folio.ErrorCode(err) == folio.EWrongPassword {
			s.LoginThrottle.Hit(key)
			return nil, wrong
		}
		return nil, err
	}
	s.LoginThrottle.Reset(key)
	return u, nil
}

// checkPassword finds the user of t (parsed with error perr) and verifies
// pw, re-hashing an old-format hash. Every mismatch is EWrongPassword.
func (s *Service) checkPassword(ctx context.Context, t folio.Title, perr error, pw string) (*folio.User, error) {
	wrong := folio.Errorf(folio.EWrongPassword, "wrong password")
	if perr != nil || t.Namespace != folio.NSUser {
		_, _, _ = password.Verify(dummyHash, pw)
		return nil, wrong
	}
	u, err := s.Store.FindUserByName(ctx, t.Text())
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		// Spend the same time as a real check.
		_, _, _ = password.Verify(dummyHash, pw)
		return nil, wrong
	} else if err != nil {
		return nil, err
	}
	ok, rehash, err := password.Verify(u.PasswordHash, pw)
	if err != nil || !ok {
		if s.checkTemporaryPassword(u, pw) {
			return u, nil
		}
		return nil, wrong
	}
	if rehash && s.ReadOnly == "" {
		if h, err := password.Hash(pw); err == nil {
			upd := folio.UserUpdate{PasswordHash: &h, PasswordExpires: u.PasswordExpires}
			if nu, err := s.Store.UpdateUser(ctx, u.ID, upd); err == nil {
				u = nu
			}
		}
	}
	return u, nil
}

// TemporaryPasswordLifetime is how long a mailed temporary password works,
// as MediaWiki's $wgNewPasswordExpiry.
const TemporaryPasswordLifetime = 7 * 24 * time.Hour

// checkTemporaryPassword reports whether pw is the temporary password of u
// and still valid. It then marks the password of u as expired, so that the
// caller asks for a new one before completing the login.
func (s *Service) checkTemporaryPassword(u *folio.User, pw string) bool {
	if u.NewPasswordHash == "" || u.NewPasswordTime == nil ||
		s.now().Sub(*u.NewPasswordTime) > TemporaryPasswordLifetime {
		return false
	}
	ok, _, err := password.Verify(u.NewPasswordHash, pw)
	if err != nil || !ok {
		return false
	}
	issued := *u.NewPasswordTime
	u.PasswordExpires = &issued
	return true
}

// ChangePassword replaces the password of u after checking the current
// one, which failed attempts count against the login throttle of ip. The
// new password follows PasswordPolicy and never expires.
func (s *Service) ChangePassword(ctx context.Context, u *folio.User, old, pw, ip string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if _, err := s.LoginFrom(ctx, u.Name, old, ip); err != nil {
		if folio.ErrorCode(err) == folio.EWrongPassword {
			return nil, folio.Errorf(folio.EWrongPassword, "The current password you entered is wrong.")
		}
		return nil, err
	}
	if old == pw {
		return nil, folio.Errorf(folio.EInvalidParameter, "The new password must differ from the current one.")
	}
	return s.setPassword(ctx, u, pw, nil)
}

func (s *Service) setPassword(ctx context.Context, u *folio.User, pw string, expires *time.Time) (*folio.User, error) {
	if err := s.PasswordPolicy.Check(u.Name, pw); err != nil {
		return nil, err
	}
	return s.setPasswordUnchecked(ctx, u, pw, expires)
}

// ResetExpiredPassword sets a new password for u, whose password has
// expired: the user has just logged in with a temporary password, so the
// old one is not asked again.
func (s *Service) ResetExpiredPassword(ctx context.Context, u *folio.User, pw string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if !u.PasswordExpired(s.now()) && u.NewPasswordHash == "" {
		return nil, folio.Errorf(folio.EPermissionDenied, "Your password has not expired; give your current password to change it.")
	}
	return s.setPassword(ctx, u, pw, nil)
}

// SetTemporaryPassword gives u a random temporary password, valid for
// TemporaryPasswordLifetime next to the current one, and returns it for
// mailing. A login with it must choose a new password.
func (s *Service) SetTemporaryPassword(ctx context.Context, u *folio.User) (string, error) {
	if err := s.checkWritable(); err != nil {
		return "", err
	}
	pw := rand.Text()[:14]
	h, err := password.Hash(pw)
	if err != nil {
		return "", err
	}
	if _, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{NewPasswordHash: &h}); err != nil {
		return "", fmt.Errorf("set temporary password of %s: %w", u.Name, err)
	}
	return pw, nil
}

func (s *Service) setPasswordUnchecked(ctx context.Context, u *folio.User, pw string, expires *time.Time) (*folio.User, error) {
	h, err := password.Hash(pw)
	if err != nil {
		return nil, err
	}
	nu, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{PasswordHash: &h, PasswordExpires: expires})
	if err != nil {
		return nil, fmt.Errorf("set password of %s: %w", u.Name, err)
	}
	return nu, nil
}
