package wiki

import (
	"context"
	"crypto/rand"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio"
)

// PreferenceOptions are the user_properties keys Special:Preferences
// offers, with MediaWiki's names; each is a checkbox ("1" or "0").
var PreferenceOptions = []struct{ Key, Label string }{
	{"minordefault", "Mark all edits minor by default"},
	{"watchdefault", "Add pages and files I edit to my watchlist"},
	{"watchcreations", "Add pages I create and files I upload to my watchlist"},
	{"previewontop", "Show preview before the edit box"},
	{"enotifwatchlistpages", "Email me when a page or a file on my watchlist is changed"},
}

func (s *Service) userOptions() (folio.UserOptionStore, error) {
	if st, ok := s.Store.(folio.UserOptionStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep user options")
}

// Preferences returns the options of u.
func (s *Service) Preferences(ctx context.Context, u *folio.User) (map[string]string, error) {
	st, err := s.userOptions()
	if err != nil {
		return nil, err
	}
	return st.FindUserOptions(ctx, u.ID)
}

// SavePreferences stores the real name and the options of u; keys other
// than PreferenceOptions are refused.
func (s *Service) SavePreferences(ctx context.Context, u *folio.User, realName string, opts map[string]string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if !s.Allowed(u, "editmyoptions") || !s.Allowed(u, "editmyprivateinfo") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to change your preferences.")
	}
	for k := range opts {
		if !knownPreference(k) {
			return folio.Errorf(folio.EInvalidParameter, "Unknown preference %q.", k)
		}
	}
	st, err := s.userOptions()
	if err != nil {
		return err
	}
	realName = strings.TrimSpace(realName)
	if _, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{RealName: &realName}); err != nil {
		return err
	}
	return st.SetUserOptions(ctx, u.ID, opts)
}

func knownPreference(k string) bool {
	for _, o := range PreferenceOptions {
		if o.Key == k {
			return true
		}
	}
	return false
}

// ChangeEmail sets a new address for u after checking the password
// (failures count against the login throttle of ip) and mails a link that
// confirms it; until then the address counts as unconfirmed. An empty
// address removes it.
func (s *Service) ChangeEmail(ctx context.Context, u *folio.User, pw, email, ip string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if _, err := s.LoginFrom(ctx, u.Name, pw, ip); err != nil {
		if folio.ErrorCode(err) == folio.EWrongPassword {
			return folio.Errorf(folio.EWrongPassword, "The password you entered is wrong.")
		}
		return err
	}
	email = strings.TrimSpace(email)
	if email != "" {
		addr, err := netmail.ParseAddress(email)
		if err != nil || addr.Name != "" {
			return folio.Errorf(folio.EInvalidParameter, "Enter a valid email address.")
		}
		email = addr.Address
	}
	if _, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{Email: &email}); err != nil {
		return err
	}
	if email == "" {
		return nil
	}
	return s.sendEmailConfirmation(ctx, u, email)
}

func (s *Service) sendEmailConfirmation(ctx context.Context, u *folio.User, email string) error {
	st, err := s.userOptions()
	if err != nil {
		return err
	}
	if s.Accounts.Mailer == nil {
		return folio.Errorf(folio.EPermissionDenied, "This wiki cannot send mail, so addresses cannot be confirmed.")
	}
	token := rand.Text()
	if err := st.SetEmailToken(ctx, u.ID, hashToken(token), s.now().Add(EmailTokenLifetime)); err != nil {
		return err
	}
	link := s.Accounts.Server + "/index.php?title=Special:ConfirmEmail/" + url.PathEscape(token)
	body := fmt.Sprintf("Hello %s,\n\nthis address was entered for your account on %s. To confirm that it is yours, open this link within %d days:\n\n%s\n\nIf you did not change your address, ignore this mail.\n",
		u.Name, s.Accounts.SiteName, int(EmailTokenLifetime.Hours()/24), link)
	return s.sendMail(ctx, email, "confirm your email address", body)
}

// ConfirmEmail follows the link of a confirmation mail.
func (s *Service) ConfirmEmail(ctx context.Context, token string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	st, err := s.userOptions()
	if err != nil {
		return nil, err
	}
	if token == "" {
		return nil, folio.Errorf(folio.EInvalidParameter, "The confirmation link is not valid or has expired.")
	}
	return st.ConfirmEmailToken(ctx, hashToken(token), s.now())
}
