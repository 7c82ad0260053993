// Package mail sends the wiki's mail: account request confirmations,
// temporary passwords, password resets and e-mail address confirmations.
//
// SMTP sends through an SMTP server given as a URL
// (smtp://user:pass@host:port, STARTTLS by default; smtps:// for implicit
// TLS). Outbox writes each message to a folder as an .eml file instead,
// for wikis without SMTP: mail is never dropped silently. Queue wraps
// either one: a message whose sending fails is kept in a spool folder and
// retried with growing delays until it goes out or is given up, and
// Pending lists what waits so that administrators can see it.
package mail

import (
	"context"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text mail to one recipient.
type Message struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m *Message) error
}

// build turns m into a MIME message from from.
func build(from string, m *Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail from %q: %w", from, err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail to %q: %w", m.To, err)
	}
	msg.Subject(strings.TrimSpace(m.Subject))
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader(gomail.HeaderXMailer, "Folio")
	return msg, nil
}
