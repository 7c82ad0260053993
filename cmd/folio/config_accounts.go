package main

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/password"
	"github.com/folio-wiki/folio/internal/throttle"
	"github.com/folio-wiki/folio/internal/wiki"
)

// AccountConfig is the [accounts] section of the configuration: how
// accounts are made, account mail, password rules and throttles.
type AccountConfig struct {
	// Mode is "open" (anyone may create an account on
	// Special:CreateAccount, MediaWiki's default) or "request" (accounts
	// are requested on Special:RequestAccount and approved;
	// self-registration is off: the createaccount right is taken from
	// "*" and "user", so only administrators create accounts directly).
	// FOLIO_ACCOUNT_MODE.
	Mode string `toml:"mode"`
	// SMTPURL is smtp://user:pass@host:port (STARTTLS) or smtps://…; empty
	// writes mail to <data>/outbox. FOLIO_SMTP_URL.
	SMTPURL string `toml:"smtp_url"`
	// MailFrom is the sender address of account mail. FOLIO_MAIL_FROM.
	MailFrom string `toml:"mail_from"`
	// MinPasswordLength is the shortest new password; 8 when zero.
	MinPasswordLength int `toml:"min_password_length"`
	// AllowCommonPasswords lets passwords from the common list through.
	AllowCommonPasswords bool `toml:"allow_common_passwords"`
	// The throttles replace MediaWiki's default rules when set; an empty
	// list [] keeps the default:
	//   - login_throttle: failed logins per account and client address,
	//     $wgPasswordAttemptThrottle (5 per 300 s and 150 per 48 h);
	//   - password_reset_throttle: reset requests per address and per
	//     account, $wgRateLimits['mailpassword'] (5 per hour);
	//   - account_creation_throttle: Special:CreateAccount and
	//     action=createaccount per address, $wgAccountCreationThrottle
	//     (6 per day);
	//   - account_request_throttle: Special:RequestAccount per address
	//     (6 per day, as creations).
	// With FOLIO_REDIS_URL the counts live in Redis, shared by every web
	// head; otherwise each process counts its own.
	LoginThrottle           []ThrottleRule `toml:"login_throttle"`
	PasswordResetThrottle   []ThrottleRule `toml:"password_reset_throttle"`
	AccountCreationThrottle []ThrottleRule `toml:"account_creation_throttle"`
	AccountRequestThrottle  []ThrottleRule `toml:"account_request_throttle"`
}

// ThrottleRule allows Count events in any Seconds.
type ThrottleRule struct {
	Count   int `toml:"count"`
	Seconds int `toml:"seconds"`
}

func (c *AccountConfig) validate() error {
	switch c.Mode {
	case "", "open", "request":
	default:
		return fmt.Errorf("invalid configuration: accounts.mode (FOLIO_ACCOUNT_MODE) %q must be open or request", c.Mode)
	}
	if c.SMTPURL != "" {
		if _, err := mail.NewSMTP(c.SMTPURL, c.MailFrom); err != nil {
			return fmt.Errorf("invalid configuration: accounts.smtp_url (FOLIO_SMTP_URL): %w", err)
		}
	}
	if c.MinPasswordLength < 0 {
		return fmt.Errorf("invalid configuration: accounts.min_password_length must not be negative")
	}
	for name, rules := range map[string][]ThrottleRule{"login_throttle": c.LoginThrottle, "password_reset_throttle": c.PasswordResetThrottle,
		"account_creation_throttle": c.AccountCreationThrottle, "account_request_throttle": c.AccountRequestThrottle} {
		for _, r := range rules {
			if r.Count <= 0 || r.Seconds <= 0 {
				return fmt.Errorf("invalid configuration: accounts.%s: count and seconds must be positive", name)
			}
		}
	}
	return nil
}

func throttleRules(rules []ThrottleRule, def []throttle.Rule) []throttle.Rule {
	if len(rules) == 0 {
		return def
	}
	out := make([]throttle.Rule, len(rules))
	for i, r := range rules {
		out[i] = throttle.Rule{Count: r.Count, Window: time.Duration(r.Seconds) * time.Second}
	}
	return out
}

// configureAccounts copies the account settings and group rights into w
// and returns the mail queue that serve runs.
func configureAccounts(c *Config, w *wiki.Service, logger *slog.Logger) (*mail.Queue, error) {
	ac := c.Accounts
	w.PasswordPolicy = password.Policy{MinLength: ac.MinPasswordLength, AllowCommon: ac.AllowCommonPasswords}
	w.LoginThrottle = throttle.New(throttleRules(ac.LoginThrottle, throttle.LoginRules)...)
	w.Accounts.PasswordResetThrottle = throttle.New(throttleRules(ac.PasswordResetThrottle, throttle.PasswordResetRules)...)
	w.Accounts.CreateAccountThrottle = throttle.New(throttleRules(ac.AccountCreationThrottle, throttle.CreateAccountRules)...)
	w.Accounts.AccountRequestThrottle = throttle.New(throttleRules(ac.AccountRequestThrottle, throttle.AccountRequestRules)...)
	w.Accounts.SiteName, w.Accounts.Server = c.SiteName, c.Server
	mergeGroupRights(w.Rights, c.GroupRights)
	if ac.Mode == "request" {
		for _, g := range []string{folio.GroupAll, folio.GroupUser} {
			delete(w.Rights[g], "createaccount")
		}
	}
	from := ac.MailFrom
	if from == "" {
		from = "wiki@localhost"
	}
	var sender mail.Sender = &mail.Outbox{Dir: filepath.Join(c.Data, "outbox"), From: from, Logger: logger}
	if ac.SMTPURL != "" {
		s, err := mail.NewSMTP(ac.SMTPURL, from)
		if err != nil {
			return nil, fmt.Errorf("accounts.smtp_url: %w", err)
		}
		sender = s
	}
	q := &mail.Queue{Dir: filepath.Join(c.Data, "mailqueue"), Sender: sender, Logger: logger, Background: true}
	w.Accounts.Mailer, w.Accounts.MailQueue = q, q
	return q, nil
}

// mergeGroupRights applies the [group_rights] section over the defaults,
// as LocalSettings.php edits $wgGroupPermissions: each listed right is
// granted (true) or taken away (false).
func mergeGroupRights(into folio.GroupRights, over map[string]map[string]bool) {
	for g, rights := range over {
		if into[g] == nil {
			into[g] = map[string]bool{}
		}
		for r, ok := range rights {
			if ok {
				into[g][r] = true
			} else {
				delete(into[g], r)
			}
		}
	}
}
