package mail_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/mail/mailtest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestNewSMTP(t *testing.T) {
	tests := []struct {
		url     string
		wantErr bool
	}{
		{"smtp://user:pass@mail.example.org:2525", false},
		{"smtp://mail.example.org", false},
		{"smtps://mail.example.org", false},
		{"smtp://mail.example.org?starttls=opportunistic", false},
		{"smtp://mail.example.org?starttls=off", false},
		{"smtp://mail.example.org?starttls=maybe", true},
		{"http://mail.example.org", true},
		{"smtp://", true},
		{"smtp://mail.example.org:99999", true},
		{"smtp://mail.example.org?auth=login", false},
		{"smtp://mail.example.org?auth=magic", true},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := mail.NewSMTP(tt.url, "wiki@example.org")
			if (err != nil) != tt.wantErr {
				t.Errorf("NewSMTP(%q) error = %v, want error %v", tt.url, err, tt.wantErr)
			}
		})
	}
}

func TestSMTPSend(t *testing.T) {
	tests := []struct {
		name, user, pass, sent string // sent: the password the client gives
		wantErr                bool
	}{
		{"no auth", "", "", "", false},
		{"auth", "folio", "s3cret", "s3cret", false},
		{"wrong password", "folio", "s3cret", "guess", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.MustStart(t)
			srv.User, srv.Password = tt.user, tt.pass
			u := strings.Replace(srv.URL(), ":"+tt.pass+"@", ":"+tt.sent+"@", 1)
			s, err := mail.NewSMTP(u, "Folio <wiki@example.org>")
			if err != nil {
				t.Fatal(err)
			}
			m := &mail.Message{To: "alice@example.org", Subject: "Hello", Body: "Visit https://wiki.example.org/index.php?title=Special:ConfirmAccounts&wpEmailToken=abc123"}
			if err := s.Send(context.Background(), m); (err != nil) != tt.wantErr {
				t.Fatalf("Send() error = %v, want error %v", err, tt.wantErr)
			} else if err != nil {
				return
			}
			got := srv.WaitFor(t, "alice@example.org", regexp.MustCompile(`wpEmailToken=(\w+)`), time.Second)
			if got != "abc123" {
				t.Errorf("token in the mail = %q, want abc123", got)
			}
		})
	}
}

func TestOutbox(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox")
	o := &mail.Outbox{Dir: dir, From: "wiki@example.org", Logger: quiet}
	if err := o.Send(context.Background(), &mail.Message{To: "bob@example.org", Subject: "Temporary password", Body: "Your password: xyz"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("outbox has %d .eml files, want 1", len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"To: <bob@example.org>", "Subject: Temporary password", "Your password: xyz"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("outbox file lacks %q:\n%s", want, data)
		}
	}
	if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("outbox file mode %v, want 0600", fi.Mode().Perm())
	}
}

// flaky fails while down is set.
type flaky struct {
	down bool
	sent []string
}

func (f *flaky) Send(_ context.Context, m *mail.Message) error {
	if f.down {
		return errors.New("connection refused")
	}
	f.sent = append(f.sent, m.To)
	return nil
}

func TestQueue(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := &flaky{down: true}
	q := &mail.Queue{Dir: t.TempDir(), Sender: f, MaxAttempts: 3, Logger: quiet, Now: func() time.Time { return now }}
	ctx := context.Background()
	for _, to := range []string{"a@example.org", "b@example.org"} {
		if err := q.Send(ctx, &mail.Message{To: to, Subject: "s", Body: "b"}); err != nil {
			t.Fatalf("Send(%s) while the server is down: %v", to, err)
		}
	}
	steps := []struct {
		name                 string
		advance              time.Duration
		down                 bool
		wantSent, wantFailed int
		wantPending          int
	}{
		{"not due yet", 30 * time.Second, false, 0, 0, 2},
		{"still down", time.Minute, true, 0, 0, 2},
		{"back up", 2 * time.Minute, false, 2, 0, 0},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		f.down = s.down
		sent, failed, err := q.Retry(ctx)
		pending, _ := q.Pending()
		if err != nil || sent != s.wantSent || failed != s.wantFailed || len(pending) != s.wantPending {
			t.Fatalf("%s: Retry = %d, %d, %v, pending %d; want %d, %d, nil, pending %d",
				s.name, sent, failed, err, len(pending), s.wantSent, s.wantFailed, s.wantPending)
		}
	}
}

func TestQueueGivesUp(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := &mail.Queue{Dir: t.TempDir(), Sender: &flaky{down: true}, MaxAttempts: 2, Logger: quiet, Now: func() time.Time { return now }}
	if err := q.Send(context.Background(), &mail.Message{To: "a@example.org"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if _, failed, err := q.Retry(context.Background()); failed != 1 || err != nil {
		t.Fatalf("Retry after the last attempt: failed %d, %v; want 1, nil", failed, err)
	}
	pending, err := q.Pending()
	if err != nil || len(pending) != 1 || !pending[0].Failed || pending[0].LastError == "" || pending[0].Attempts != 2 {
		t.Errorf("Pending() = %+v, %v; want one failed entry with its error and 2 attempts", pending, err)
	}
}

func TestQueueThroughSMTP(t *testing.T) {
	srv := mailtest.MustStart(t)
	s, err := mail.NewSMTP(srv.URL(), "wiki@example.org")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	q := &mail.Queue{Dir: t.TempDir(), Sender: s, Logger: quiet, Now: func() time.Time { return now }}
	srv.FailNext(1)
	if err := q.Send(context.Background(), &mail.Message{To: "c@example.org", Subject: "s", Body: "code 4711"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Minute)
	if sent, _, err := q.Retry(context.Background()); sent != 1 || err != nil {
		t.Fatalf("Retry = %d, %v; want 1 sent", sent, err)
	}
	srv.WaitFor(t, "c@example.org", regexp.MustCompile(`code 4711`), time.Second)
}

func TestQueueBackground(t *testing.T) {
	srv := mailtest.MustStart(t)
	s, err := mail.NewSMTP(srv.URL(), "wiki@example.org")
	if err != nil {
		t.Fatal(err)
	}
	q := &mail.Queue{Dir: t.TempDir(), Sender: s, Logger: quiet, Background: true}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); q.Run(ctx, time.Hour) }()
	defer func() { cancel(); <-done }()
	for _, to := range []string{"d@example.org", "e@example.org"} {
		if err := q.Send(context.Background(), &mail.Message{To: to, Subject: "s", Body: "hello " + to}); err != nil {
			t.Fatal(err)
		}
	}
	srv.WaitFor(t, "d@example.org", regexp.MustCompile(`hello`), 5*time.Second)
	srv.WaitFor(t, "e@example.org", regexp.MustCompile(`hello`), 5*time.Second)
}
