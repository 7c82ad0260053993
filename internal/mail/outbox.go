package mail

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Outbox writes each message as an .eml file into Dir, for wikis without
// an SMTP server (<data>/outbox). The files may hold temporary passwords,
// so they are readable by the owner only.
type Outbox struct {
	Dir    string
	From   string
	Logger *slog.Logger
	Now    func() time.Time
}

var _ Sender = (*Outbox)(nil)

// Send writes m to a new file named after the time and a random suffix.
func (o *Outbox) Send(_ context.Context, m *Message) error {
	msg, err := build(o.From, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return fmt.Errorf("create outbox: %w", err)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	name := now().UTC().Format("20060102T150405") + "-" + rand.Text()[:8] + ".eml"
	path := filepath.Join(o.Dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := msg.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.Info("mail written to outbox (no SMTP server set)", "path", path, "to", m.To, "subject", m.Subject)
	return nil
}
