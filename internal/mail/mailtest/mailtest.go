// Package mailtest runs an SMTP server inside tests that keeps every
// message it receives, so that tests can read the mail the wiki sends.
package mailtest

import (
	"errors"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data string // the raw message: headers and body
}

// Server is a running SMTP sink.
type Server struct {
	// User and Password, when set, are required through AUTH PLAIN.
	User, Password string

	addr string
	mu   sync.Mutex
	msgs []Received
	fail int // refuse this many messages first
}

// MustStart starts a server on 127.0.0.1 that stops at Cleanup.
func MustStart(tb testing.TB) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listen: %v", err)
	}
	s := &Server{addr: ln.Addr().String()}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() { srv.Close() })
	return s
}

// URL is the server's address as a Folio SMTP URL without TLS.
func (s *Server) URL() string {
	if s.User == "" {
		return "smtp://" + s.addr + "?starttls=off"
	}
	return "smtp://" + s.User + ":" + s.Password + "@" + s.addr + "?starttls=off&auth=plain"
}

// FailNext makes the server refuse the next n messages.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = n
}

// Messages returns what the server has received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// WaitFor waits up to timeout for a message to rcpt whose text matches re
// and returns re's first submatch (or the whole match) from it.
func (s *Server) WaitFor(tb testing.TB, rcpt string, re *regexp.Regexp, timeout time.Duration) string {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		for _, m := range s.Messages() {
			for _, to := range m.To {
				if !strings.EqualFold(to, rcpt) {
					continue
				}
				if sub := re.FindStringSubmatch(Unfold(m.Data)); sub != nil {
					return sub[len(sub)-1]
				}
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no mail to %s matching %s within %v (have %d messages)", rcpt, re, timeout, len(s.Messages()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Unfold undoes quoted-printable soft line breaks, so that long links in
// a body can be matched whole.
func Unfold(data string) string {
	data = strings.ReplaceAll(data, "=\r\n", "")
	data = strings.ReplaceAll(data, "=\n", "")
	return strings.ReplaceAll(data, "=3D", "=")
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s}, nil
}

type session struct {
	s      *Server
	from   string
	to     []string
	authed bool
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.User || pass != ss.s.Password {
			return errors.New("invalid credentials")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.User != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.fail > 0 {
		ss.s.fail--
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	ss.s.msgs = append(ss.s.msgs, Received{From: ss.from, To: ss.to, Data: string(data)})
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }
