package wiki

import (
	"context"
	"fmt"
	netmail "net/mail"
	"net/netip"
	"strings"

	"github.com/folio-wiki/folio"
)

// CreateAccountInput is what Special:CreateAccount and action=createaccount
// collect.
type CreateAccountInput struct {
	Name, Password, Retype string
	// Email is optional; when given, a confirmation link is mailed.
	Email, RealName, Reason string
	// CheckRetype compares Retype with Password (the form always sends it;
	// the API only when the retype parameter is given).
	CheckRetype bool
}

// CreateAccount is open self-registration, as MediaWiki's
// Special:CreateAccount: creator (nil for a visitor) needs the
// createaccount right, which request mode takes away; creations are
// throttled per client address ip (Accounts.CreateAccountThrottle,
// $wgAccountCreationThrottle: 6 a day); the name must be a free, valid
// user name and the password must follow PasswordPolicy. The creation is
// logged as newusers/create (newusers/create2 when a logged-in user made
// it for someone else).
func (s *Service) CreateAccount(ctx context.Context, creator *folio.User, in CreateAccountInput, ip string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if !s.Allowed(creator, "createaccount") {
		return nil, folio.Errorf(folio.EPermissionDenied, "You do not have permission to create accounts: the \"createaccount\" right is needed.")
	}
	if err := s.checkBlock(ctx, creator); err != nil {
		return nil, err
	}
	lim := s.Accounts.CreateAccountThrottle
	if ok, wait := lim.Allow(ip); !ok {
		return nil, throttled("account creations", wait)
	}
	email, err := s.checkNewAccount(ctx, &in)
	if err != nil {
		return nil, err
	}
	u, err := s.CreateUser(ctx, in.Name, in.Password, nil)
	if folio.ErrorCode(err) == folio.EUserExists {
		return nil, folio.Errorf(folio.EUserExists, "The user name %q is already taken.", in.Name)
	} else if err != nil {
		return nil, err
	}
	lim.Hit(ip)
	if err := s.finishNewAccount(ctx, u, creator, in, email); err != nil {
		return u, err
	}
	s.Logger.Info("account created", "user_id", u.ID)
	return u, nil
}

// checkNewAccount checks the name, the retyped password and the address,
// and returns the normalised address.
func (s *Service) checkNewAccount(ctx context.Context, in *CreateAccountInput) (string, error) {
	if in.CheckRetype && in.Retype != in.Password {
		return "", folio.Errorf(folio.EInvalidParameter, "The two passwords are not the same.")
	}
	t, err := s.Namespaces.ParseTitle(in.Name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser || strings.Contains(t.DBKey, "/") || t.Fragment != "" || strings.TrimSpace(in.Name) == "" {
		return "", folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", in.Name)
	}
	if _, err := netip.ParseAddr(t.Text()); err == nil {
		return "", folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name: IP addresses are kept for anonymous editors.", in.Name)
	}
	if _, err := s.Store.FindUserByName(ctx, t.Text()); err == nil {
		return "", folio.Errorf(folio.EUserExists, "The user name %q is already taken.", t.Text())
	} else if folio.ErrorCode(err) != folio.ENoSuchUser {
		return "", err
	}
	in.Name = t.Text()
	email := strings.TrimSpace(in.Email)
	if email == "" {
		return "", nil
	}
	addr, err := netmail.ParseAddress(email)
	if err != nil || addr.Name != "" {
		return "", folio.Errorf(folio.EInvalidParameter, "Enter a valid email address, or leave it empty.")
	}
	return addr.Address, nil
}

// finishNewAccount stores the optional details of u, mails the address
// confirmation and logs the creation.
func (s *Service) finishNewAccount(ctx context.Context, u, creator *folio.User, in CreateAccountInput, email string) error {
	real := strings.TrimSpace(in.RealName)
	if email != "" || real != "" {
		upd := folio.UserUpdate{}
		if email != "" {
			upd.Email = &email
		}
		if real != "" {
			upd.RealName = &real
		}
		nu, err := s.Store.UpdateUser(ctx, u.ID, upd)
		if err != nil {
			return fmt.Errorf("store details of %s: %w", u.Name, err)
		}
		*u = *nu
	}
	action, actor := "create", u
	if creator != nil {
		action, actor = "create2", creator
	}
	le := &folio.LogEntry{Type: "newusers", Action: action, Actor: s.Actor(actor, ""), Namespace: folio.NSUser,
		DBKey: strings.ReplaceAll(u.Name, " ", "_"), Comment: strings.TrimSpace(in.Reason),
		Params: map[string]string{"userid": fmt.Sprint(u.ID)}}
	if err := s.Store.CreateLogEntry(ctx, le); err != nil {
		return fmt.Errorf("log newusers/%s: %w", action, err)
	}
	if email != "" && s.Accounts.Mailer != nil {
		if err := s.sendEmailConfirmation(ctx, u, email); err != nil {
			s.Logger.Warn("mail address confirmation", "user_id", u.ID, "err", err)
		}
	}
	return nil
}
