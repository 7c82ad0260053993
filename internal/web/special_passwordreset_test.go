package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
)

// inbox records the mail the wiki sends.
type inbox struct {
	mu   sync.Mutex
	msgs []mail.Message
}

func (b *inbox) Send(_ context.Context, m *mail.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, *m)
	return nil
}

func (b *inbox) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.msgs)
}

// TestPasswordReset: the same answer for known and unknown accounts, a
// mailed temporary password that leads through a new password to a
// login, and 429 after five requests an hour.
func TestPasswordReset(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	box := &inbox{}
	env.Wiki.Accounts.Mailer = box
	u := env.MustCreateUser("Alice")
	email := "alice@example.org"
	if _, err := env.Store.UpdateUser(context.Background(), u.ID, folio.UserUpdate{Email: &email}); err != nil {
		t.Fatal(err)
	}
	reset := func(name, email string) url.Values {
		return url.Values{"wpUsername": {name}, "wpEmail": {email}, "wpEditToken": {"{token}"}}
	}
	b := env.NewBrowser()
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "login links to the reset", As: "b", URL: "/wiki/Special:UserLogin", Status: http.StatusOK, Want: []string{`id="mw-passwordreset-link"`}},
		{Name: "form", As: "b", URL: "/wiki/Special:PasswordReset", Status: http.StatusOK, Want: []string{`id="wpUsername"`, `id="wpEmail"`}},
		{Name: "without token", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: url.Values{"wpUsername": {"Alice"}}, Status: http.StatusBadRequest},
		{Name: "unknown user", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("Nobody", ""), Status: http.StatusOK, Want: []string{"If an account matches"}},
		{Name: "unknown address", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("", "x@example.org"), Status: http.StatusOK, Want: []string{"If an account matches"}},
		{Name: "known user", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("Alice", ""), Status: http.StatusOK, Want: []string{"If an account matches"}},
	})
	if box.count() != 1 {
		t.Fatalf("%d mails sent, want 1", box.count())
	}
	tmp := regexp.MustCompile(`Temporary password: (\S+)`).FindStringSubmatch(box.msgs[0].Body)[1]
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "login with the mailed password", As: "b", Method: "POST", URL: "/wiki/Special:UserLogin",
			Form: loginForm("Alice", tmp), Status: http.StatusOK, Want: []string{`id="mw-changepassword-form"`}},
		{Name: "new password", As: "b", Method: "POST", URL: "/wiki/Special:ChangePassword",
			Form: url.Values{"wpNewPassword": {"amber-lantern-9"}, "wpRetype": {"amber-lantern-9"}, "wpEditToken": {"{token}"}}, Status: http.StatusSeeOther},
		{Name: "logged in", As: "b", URL: "/wiki/Special:ChangePassword", Status: http.StatusOK, Want: []string{`id="pt-logout"`}},
		{Name: "fourth request", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("Nobody", ""), Status: http.StatusOK},
		{Name: "fifth request", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("Nobody", ""), Status: http.StatusOK},
		{Name: "throttled", As: "b", Method: "POST", URL: "/wiki/Special:PasswordReset", Form: reset("Nobody", ""), Status: http.StatusTooManyRequests,
			Want: []string{"too many recent password reset requests"}},
	})
}
