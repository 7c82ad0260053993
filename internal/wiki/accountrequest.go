package wiki

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
)

// EmailTokenLifetime is how long the confirmation link of an account
// request works.
const EmailTokenLifetime = 7 * 24 * time.Hour

// AccountRequestInput is what Special:RequestAccount collects.
type AccountRequestInput struct {
	Name, RealName, Email, Bio string
	AcceptTerms                bool
}

func (s *Service) accountRequests() (folio.AccountRequestStore, error) {
	if st, ok := s.Store.(folio.AccountRequestStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep account requests")
}

// RequestAccount checks in, stores an unconfirmed request and mails a
// link that confirms the address. Requests are throttled per address ip.
func (s *Service) RequestAccount(ctx context.Context, in AccountRequestInput, ip string) (*folio.AccountRequest, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	st, err := s.accountRequests()
	if err != nil {
		return nil, err
	}
	if s.Accounts.Mailer == nil {
		return nil, folio.Errorf(folio.EPermissionDenied, "This wiki cannot send mail, so accounts cannot be requested.")
	}
	lim := s.Accounts.AccountRequestThrottle
	if ok, wait := lim.Allow(ip); !ok {
		return nil, throttled("account requests", wait)
	}
	name, err := s.checkRequest(ctx, &in)
	if err != nil {
		return nil, err
	}
	token := rand.Text()
	r := &folio.AccountRequest{Name: name, RealName: strings.TrimSpace(in.RealName), Email: in.Email,
		Bio: strings.TrimSpace(in.Bio), IP: ip, EmailTokenHash: hashToken(token),
		EmailTokenExpires: s.now().Add(EmailTokenLifetime), Status: folio.RequestUnconfirmed}
	if err := st.CreateAccountRequest(ctx, r); err != nil {
		return nil, err
	}
	lim.Hit(ip)
	link := s.Accounts.Server + "/index.php?title=Special:RequestAccount&action=confirmemail&wpEmailToken=" + url.QueryEscape(token)
	body := fmt.Sprintf(`Hello %s,

someone, probably you, asked for the account %q on %s
from the address %s, giving this email address.

To confirm that the address is yours, open this link within %d days:

%s

Once the address is confirmed, an administrator will review the request.
If you did not ask for an account, ignore this mail.
`, r.RealName, r.Name, s.Accounts.SiteName, ip, int(EmailTokenLifetime.Hours()/24), link)
	return r, s.sendMail(ctx, r.Email, "confirm your email address", body)
}

// checkRequest validates in and returns the normalised user name.
func (s *Service) checkRequest(ctx context.Context, in *AccountRequestInput) (string, error) {
	t, err := s.Namespaces.ParseTitle(in.Name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser || strings.Contains(t.DBKey, "/") || t.Fragment != "" || strings.TrimSpace(in.Name) == "" {
		return "", folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", in.Name)
	}
	if _, err := s.Store.FindUserByName(ctx, t.Text()); err == nil {
		return "", folio.Errorf(folio.EUserExists, "The user name %q is already taken.", t.Text())
	} else if folio.ErrorCode(err) != folio.ENoSuchUser {
		return "", err
	}
	addr, err := netmail.ParseAddress(strings.TrimSpace(in.Email))
	if err != nil || addr.Name != "" {
		return "", folio.Errorf(folio.EInvalidParameter, "Enter a valid email address.")
	}
	in.Email = addr.Address
	switch {
	case strings.TrimSpace(in.RealName) == "":
		return "", folio.Errorf(folio.EInvalidParameter, "Enter your real name.")
	case len(strings.Fields(in.Bio)) < 3:
		return "", folio.Errorf(folio.EInvalidParameter, "Tell the administrators a little about yourself (a few words at least).")
	case len(in.Bio) > 10000:
		return "", folio.Errorf(folio.EInvalidParameter, "The biography is too long.")
	case !in.AcceptTerms:
		return "", folio.Errorf(folio.EInvalidParameter, "You must accept the terms of service.")
	}
	return t.Text(), nil
}

// ConfirmAccountRequestEmail follows the mailed link: the request moves
// to the open queue. Following it again changes nothing.
func (s *Service) ConfirmAccountRequestEmail(ctx context.Context, token string) (*folio.AccountRequest, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	st, err := s.accountRequests()
	if err != nil {
		return nil, err
	}
	bad := folio.Errorf(folio.EInvalidParameter, "The confirmation link is not valid or has expired.")
	if token == "" {
		return nil, bad
	}
	r, err := st.FindAccountRequestByToken(ctx, hashToken(token))
	if folio.ErrorCode(err) == folio.EInvalidParameter {
		return nil, bad
	} else if err != nil {
		return nil, err
	}
	if r.Status != folio.RequestUnconfirmed {
		return r, nil
	}
	if s.now().After(r.EmailTokenExpires) {
		return nil, bad
	}
	now, open := s.now(), folio.RequestOpen
	return st.UpdateAccountRequest(ctx, r.ID, folio.AccountRequestUpdate{Status: &open, EmailAuthenticated: &now})
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (s *Service) sendMail(ctx context.Context, to, subject, body string) error {
	m := &mail.Message{To: to, Subject: s.Accounts.SiteName + ": " + subject, Body: body}
	if err := s.Accounts.Mailer.Send(ctx, m); err != nil {
		return fmt.Errorf("mail %q: %w", subject, err)
	}
	return nil
}
