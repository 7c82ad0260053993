package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends messages through an SMTP server.
type SMTP struct {
	host     string
	port     int
	user     string
	password string
	tls      gomail.TLSPolicy
	auth     gomail.SMTPAuthType
	implicit bool // smtps://: TLS from the first byte
	// From is the sender address (FOLIO_MAIL_FROM).
	From string
	// Timeout bounds one connection; 30 s when zero.
	Timeout time.Duration
}

var _ Sender = (*SMTP)(nil)

// NewSMTP parses an SMTP URL: smtp://user:pass@host:port or smtps://…
// The query parameter starttls is "mandatory" (the default), "opportunistic"
// or "off". Default ports are 587 for smtp, 465 for smtps and 25 with
// starttls=off. The query parameter auth names the SASL mechanism (plain,
// login, cram-md5, scram-sha-1, scram-sha-256, plain-noenc, login-noenc);
// by default the strongest one the server offers is chosen.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse SMTP URL: %w", err)
	}
	s := &SMTP{host: u.Hostname(), From: from, tls: gomail.TLSMandatory}
	if s.host == "" {
		return nil, fmt.Errorf("SMTP URL has no host")
	}
	switch u.Scheme {
	case "smtp":
		s.port = 587
	case "smtps":
		s.port, s.implicit = 465, true
	default:
		return nil, fmt.Errorf("SMTP URL scheme %q: want smtp or smtps", u.Scheme)
	}
	switch u.Query().Get("starttls") {
	case "", "mandatory":
	case "opportunistic":
		s.tls = gomail.TLSOpportunistic
	case "off":
		s.tls, s.port = gomail.NoTLS, 25
	default:
		return nil, fmt.Errorf("SMTP URL: starttls=%q: want mandatory, opportunistic or off", u.Query().Get("starttls"))
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil || s.port <= 0 || s.port > 65535 {
			return nil, fmt.Errorf("SMTP URL: bad port %q", p)
		}
	}
	if s.auth, err = authType(u.Query().Get("auth")); err != nil {
		return nil, err
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
	}
	return s, nil
}

// Send delivers m in one connection.
func (s *SMTP) Send(ctx context.Context, m *Message) error {
	msg, err := build(s.From, m)
	if err != nil {
		return err
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTLSPolicy(s.tls), gomail.WithTimeout(timeout)}
	if s.implicit {
		opts = append(opts, gomail.WithSSL())
	}
	if s.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(s.auth),
			gomail.WithUsername(s.user), gomail.WithPassword(s.password))
	}
	c, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail to %s via %s:%d: %w", m.To, s.host, s.port, err)
	}
	return nil
}

// authTypes are the SASL mechanisms an SMTP URL may name.
var authTypes = []gomail.SMTPAuthType{gomail.SMTPAuthPlain, gomail.SMTPAuthLogin,
	gomail.SMTPAuthCramMD5, gomail.SMTPAuthSCRAMSHA1, gomail.SMTPAuthSCRAMSHA256,
	gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc}

func authType(name string) (gomail.SMTPAuthType, error) {
	if name == "" || name == "auto" {
		return gomail.SMTPAuthAutoDiscover, nil
	}
	for _, t := range authTypes {
		if strings.EqualFold(string(t), name) {
			return t, nil
		}
	}
	return "", fmt.Errorf("SMTP URL: auth=%q is not a known mechanism", name)
}
