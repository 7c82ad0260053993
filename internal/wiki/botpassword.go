package wiki

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
)

// maxBotNameBytes is the longest bot name, MediaWiki's bp_app_id length.
const maxBotNameBytes = 32

func (s *Service) botPasswords() (folio.BotPasswordStore, error) {
	if st, ok := s.Store.(folio.BotPasswordStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep bot passwords")
}

// checkBotPasswordUser tells whether u may manage bot passwords: a
// logged-in account with the editmyprivateinfo right, not itself logged in
// with a bot password.
func (s *Service) checkBotPasswordUser(u *folio.User) error {
	if u == nil {
		return folio.Errorf(folio.ENotLoggedIn, "You must be logged in to manage bot passwords.")
	}
	if u.Grants != nil || !s.Allowed(u, "editmyprivateinfo") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to manage bot passwords.")
	}
	return nil
}

// BotPasswords lists the bot passwords of u.
func (s *Service) BotPasswords(ctx context.Context, u *folio.User) ([]*folio.BotPassword, error) {
	if err := s.checkBotPasswordUser(u); err != nil {
		return nil, err
	}
	st, err := s.botPasswords()
	if err != nil {
		return nil, err
	}
	return st.FindBotPasswords(ctx, u.ID)
}

// CreateBotPassword creates a bot password for u named botName with the
// given grants and returns the generated password, which is shown once
// and stored only as a hash.
func (s *Service) CreateBotPassword(ctx context.Context, u *folio.User, botName string, grants []string) (string, error) {
	if err := s.checkWritable(); err != nil {
		return "", err
	}
	if err := s.checkBotPasswordUser(u); err != nil {
		return "", err
	}
	botName = strings.TrimSpace(botName)
	if err := validBotName(botName); err != nil {
		return "", err
	}
	clean, err := cleanGrants(grants)
	if err != nil {
		return "", err
	}
	st, err := s.botPasswords()
	if err != nil {
		return "", err
	}
	pw, hash, err := newBotSecret()
	if err != nil {
		return "", err
	}
	bp := &folio.BotPassword{UserID: u.ID, AppID: botName, PasswordHash: hash, Token: rand.Text(), Grants: clean}
	if err := st.CreateBotPassword(ctx, bp); err != nil {
		return "", err
	}
	return pw, nil
}

// newBotSecret generates a bot password (32 lowercase letters and digits)
// and its hash.
func newBotSecret() (pw, hash string, err error) {
	pw = strings.ToLower(rand.Text()) + strings.ToLower(rand.Text())[:6]
	hash, err = password.Hash(pw)
	return pw, hash, err
}

// cleanGrants checks grants and drops "basic" and repetitions.
func cleanGrants(grants []string) ([]string, error) {
	clean := []string{}
	for _, g := range grants {
		if !folio.IsBotGrant(g) {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown grant %q.", g)
		}
		if g != "basic" && !contains(clean, g) {
			clean = append(clean, g)
		}
	}
	return clean, nil
}

// UpdateBotPassword changes the grants of the bot password botName of u
// and, with reset, gives it a new password, which is returned (otherwise
// ""). A reset ends the sessions logged in with the old password.
func (s *Service) UpdateBotPassword(ctx context.Context, u *folio.User, botName string, grants []string, reset bool) (string, error) {
	if err := s.checkWritable(); err != nil {
		return "", err
	}
	if err := s.checkBotPasswordUser(u); err != nil {
		return "", err
	}
	clean, err := cleanGrants(grants)
	if err != nil {
		return "", err
	}
	st, err := s.botPasswords()
	if err != nil {
		return "", err
	}
	bp, err := st.FindBotPassword(ctx, u.ID, botName)
	if err != nil {
		return "", err
	}
	bp.Grants = clean
	pw := ""
	if reset {
		if pw, bp.PasswordHash, err = newBotSecret(); err != nil {
			return "", err
		}
		bp.Token = rand.Text()
	}
	return pw, st.UpdateBotPassword(ctx, bp)
}

// validBotName checks a bot name: 1 to 32 bytes of printable text without
// the separator "@" or characters that titles cannot hold, so that
// Special:BotPasswords/name can show it.
func validBotName(name string) error {
	bad := name == "" || len(name) > maxBotNameBytes || !utf8.ValidString(name) ||
		strings.ContainsAny(name, folio.BotPasswordSeparator+"#<>[]{}|") ||
		strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f })
	if bad {
		return folio.Errorf(folio.EInvalidParameter, "A bot name must have 1 to %d bytes and none of the characters @ # < > [ ] { } |.", maxBotNameBytes)
	}
	return nil
}

// DeleteBotPassword removes the bot password botName of u.
func (s *Service) DeleteBotPassword(ctx context.Context, u *folio.User, botName string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if err := s.checkBotPasswordUser(u); err != nil {
		return err
	}
	st, err := s.botPasswords()
	if err != nil {
		return err
	}
	return st.DeleteBotPassword(ctx, u.ID, botName)
}

// SplitBotLogin splits a login name "User@bot" into the user and bot
// names; ok is false when name has no separator.
func SplitBotLogin(name string) (user, bot string, ok bool) {
	i := strings.LastIndex(name, folio.BotPasswordSeparator)
	if i <= 0 || i == len(name)-1 {
		return "", "", false
	}
	return name[:i], name[i+1:], true
}

// BotLoginFrom checks a bot password login ("User@bot" and the generated
// password) from client address ip, counting failures against the same
// throttle as LoginFrom. It returns the user with Grants set to the bot
// password's grants, and the bot password.
func (s *Service) BotLoginFrom(ctx context.Context, name, pw, ip string) (*folio.User, *folio.BotPassword, error) {
	wrong := folio.Errorf(folio.EWrongPassword, "Incorrect username or password entered. Please try again.")
	userName, bot, ok := SplitBotLogin(name)
	if !ok {
		return nil, nil, wrong
	}
	key := name + "\x00" + ip
	if ok, wait := s.LoginThrottle.Allow(key); !ok {
		return nil, nil, throttled("login attempts", wait)
	}
	u, bp, err := s.findBotPassword(ctx, userName, bot)
	if err != nil {
		return nil, nil, err
	}
	hash := dummyHash
	if bp != nil {
		hash = bp.PasswordHash
	}
	if ok, _, err := password.Verify(hash, pw); err != nil || !ok || bp == nil {
		s.LoginThrottle.Hit(key)
		return nil, nil, wrong
	}
	s.LoginThrottle.Reset(key)
	u.Grants = bp.Grants
	return u, bp, nil
}

// findBotPassword finds the user and bot password of a bot login; both are
// nil when either is unknown.
func (s *Service) findBotPassword(ctx context.Context, userName, bot string) (*folio.User, *folio.BotPassword, error) {
	st, err := s.botPasswords()
	if err != nil {
		return nil, nil, err
	}
	t, err := s.Namespaces.ParseTitle(userName, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser {
		return nil, nil, nil
	}
	u, err := s.Store.FindUserByName(ctx, t.Text())
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	bp, err := st.FindBotPassword(ctx, u.ID, strings.TrimSpace(bot))
	if folio.ErrorCode(err) == folio.ENoSuchBotPassword {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	return u, bp, nil
}
