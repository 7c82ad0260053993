package wiki

import (
	"context"
	"crypto/rand"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

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
	{"fancysig", "Treat the signature as wikitext, without an automatic link to my user page"},
}

// PreferenceDefaults are the values of preferences a user has not set,
// MediaWiki 1.39's defaults: pages one edits or creates are watched.
// Options absent here default to "0" (checkboxes) or "" (text).
var PreferenceDefaults = map[string]string{
	"watchdefault":   "1",
	"watchcreations": "1",
}

// MaxSignatureChars is the longest signature nickname accepted,
// MediaWiki's $wgMaxSigChars.
const MaxSignatureChars = 255

// textPreference reports whether k is a free-text preference rather than a
// checkbox.
func textPreference(k string) bool { return k == "nickname" }

// preferenceDefault returns the value of k for a user who has not set it.
func preferenceDefault(k string) string {
	if v, ok := PreferenceDefaults[k]; ok {
		return v
	}
	if textPreference(k) {
		return ""
	}
	return "0"
}

func (s *Service) userOptions() (folio.UserOptionStore, error) {
	if st, ok := s.Store.(folio.UserOptionStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep user options")
}

// Preferences returns the options of u: the stored ones over
// PreferenceDefaults.
func (s *Service) Preferences(ctx context.Context, u *folio.User) (map[string]string, error) {
	st, err := s.userOptions()
	if err != nil {
		return nil, err
	}
	stored, err := st.FindUserOptions(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(stored)+len(PreferenceDefaults))
	for k, v := range PreferenceDefaults {
		out[k] = v
	}
	for k, v := range stored {
		if v != "" {
			out[k] = v
		}
	}
	return out, nil
}

// SavePreferences stores the real name and the options of u: the
// PreferenceOptions checkboxes ("1", or "0" and "" for off) and the
// signature nickname. Unknown keys and invalid signatures are refused.
// As MediaWiki does, only values other than the defaults are stored.
func (s *Service) SavePreferences(ctx context.Context, u *folio.User, realName string, opts map[string]string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if !s.Allowed(u, "editmyoptions") || !s.Allowed(u, "editmyprivateinfo") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to change your preferences.")
	}
	st, err := s.userOptions()
	if err != nil {
		return err
	}
	cur, err := s.Preferences(ctx, u)
	if err != nil {
		return err
	}
	save := make(map[string]string, len(opts))
	for k, v := range opts {
		if !knownPreference(k) {
			return folio.Errorf(folio.EInvalidParameter, "Unknown preference %q.", k)
		}
		if textPreference(k) {
			v = strings.TrimSpace(v)
		} else if n, ok := NormalizeOption(v); ok {
			v = n
		} else {
			return folio.Errorf(folio.EInvalidParameter, "The value %q is not valid for the preference %q.", v, k)
		}
		cur[k] = v
		if v == preferenceDefault(k) {
			v = "" // removes the stored value
		}
		save[k] = v
	}
	if err := checkSignature(cur["nickname"], cur["fancysig"] == "1"); err != nil {
		return err
	}
	realName = strings.TrimSpace(realName)
	if _, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{RealName: &realName}); err != nil {
		return err
	}
	return st.SetUserOptions(ctx, u.ID, save)
}

// checkSignature validates a signature nickname as MediaWiki does, more
// simply: at most MaxSignatureChars characters on one line; a fancy
// (wikitext) signature must have balanced links and templates and may not
// contain a signature itself.
func checkSignature(nick string, fancy bool) error {
	if n := utf8.RuneCountInString(nick); n > MaxSignatureChars {
		return folio.Errorf(folio.EInvalidParameter, "Your signature is %d characters long; it may have at most %d.", n, MaxSignatureChars)
	}
	if strings.ContainsAny(nick, "\n\r") {
		return folio.Errorf(folio.EInvalidParameter, "Your signature must fit on one line.")
	}
	if !fancy {
		return nil
	}
	if strings.Contains(nick, "~~~") {
		return folio.Errorf(folio.EInvalidParameter, "Your signature may not contain a signature (~~~).")
	}
	if strings.Count(nick, "[[") != strings.Count(nick, "]]") || strings.Count(nick, "{{") != strings.Count(nick, "}}") {
		return folio.Errorf(folio.EInvalidParameter, "Your signature has unbalanced wikitext: every [[ and {{ must be closed.")
	}
	return nil
}

func knownPreference(k string) bool {
	if textPreference(k) {
		return true
	}
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
