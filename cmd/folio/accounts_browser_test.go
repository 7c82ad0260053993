package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/folio-wiki/folio/internal/mail/mailtest"
)

// mustCreateUser runs "folio user create" against the data directory of w.
func mustCreateUser(t *testing.T, w *runningWiki, name, pw string, groups ...string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(file, []byte(pw+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"FOLIO_DATA": w.Data, "FOLIO_LOG_LEVEL": "warn"}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return vars[k] }}
	args := []string{"user", "create", name, "--password-file", file}
	for _, g := range groups {
		args = append(args, "--group", g)
	}
	if err := m.Run(context.Background(), args); err != nil {
		t.Fatalf("user create %s: %v", name, err)
	}
}

// mailNumber waits for the n-th mail (from 1) to rcpt and returns it
// without quoted-printable soft breaks.
func mailNumber(t *testing.T, srv *mailtest.Server, rcpt string, n int) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var got []string
		for _, m := range srv.Messages() {
			if len(m.To) == 1 && strings.EqualFold(m.To[0], rcpt) {
				got = append(got, mailtest.Unfold(m.Data))
			}
		}
		if len(got) >= n {
			return got[n-1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("mail number %d to %s did not arrive", n, rcpt)
	return ""
}

func find(t *testing.T, re, text string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", re, text)
	}
	return m[1]
}

func login(base, name, pw string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/wiki/Special:UserLogin"),
		chromedp.WaitVisible(chromedp.ID("wpName1")),
		chromedp.SetValue(chromedp.ID("wpName1"), name),
		chromedp.SetValue(chromedp.ID("wpPassword1"), pw),
		chromedp.Click(chromedp.ID("wpLoginAttempt")),
		chromedp.WaitNotPresent(chromedp.ID("wpLoginAttempt")),
	)
}

func logout(base string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/wiki/Special:UserLogout"),
		chromedp.Click(chromedp.ID("wpLogout")),
		chromedp.WaitVisible(chromedp.ID("mw-returnto")),
	)
}

func setNewPassword(pw string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.WaitVisible(chromedp.ID("wpNewPassword")),
		chromedp.SetValue(chromedp.ID("wpNewPassword"), pw),
		chromedp.SetValue(chromedp.ID("wpRetype"), pw),
		chromedp.Click(chromedp.ID("wpChangePassword")),
		chromedp.WaitVisible(chromedp.ID("pt-logout")),
	)
}

func requestAccount(base, name, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/wiki/Special:RequestAccount"),
		chromedp.WaitVisible(chromedp.ID("wpNewName")),
		chromedp.SetValue(chromedp.ID("wpNewName"), name),
		chromedp.SetValue(chromedp.ID("wpRealName"), "Olive"),
		chromedp.SetValue(chromedp.ID("wpEmail"), email),
		chromedp.SetValue(chromedp.ID("wpBio"), "I watch owls at night and write about them."),
		chromedp.Click(chromedp.ID("wpToS")),
		chromedp.Click(chromedp.ID("wpSubmitRequest")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")),
	)
}

// TestBrowserAccountLifecycle walks the whole account path of issue 4
// through a real SMTP server: request, confirmation mail, confirmation,
// approval, temporary password, forced new password, logout, password
// reset mail, new password, login.
func TestBrowserAccountLifecycle(t *testing.T) {
	ctx := newBrowser(t)
	srv := mailtest.MustStart(t)
	w := MustRunMain(t, map[string]string{"FOLIO_SMTP_URL": srv.URL(), "FOLIO_MAIL_FROM": "wiki@example.org", "FOLIO_ACCOUNT_MODE": "request"})
	mustCreateUser(t, w, "Admin", "admin-password-77", "bureaucrat")
	const rcpt = "olive@example.org"

	mustDo(t, ctx, "request an account", requestAccount(w.URL, "Olive Owl", rcpt))
	confirm := find(t, `(http\S+wpEmailToken=\S+)`, mailNumber(t, srv, rcpt, 1))
	mustDo(t, ctx, "confirm the address", chromedp.Navigate(confirm), chromedp.WaitVisible(chromedp.ID("mw-action-result")))

	mustDo(t, ctx, "admin login", login(w.URL, "Admin", "admin-password-77"))
	mustDo(t, ctx, "approve",
		chromedp.Navigate(w.URL+"/wiki/Special:ConfirmAccounts"),
		chromedp.Click(chromedp.CSS(`#mw-confirmaccount-list a`)),
		chromedp.WaitVisible(chromedp.ID("submitCreate")),
		chromedp.Click(chromedp.ID("submitCreate")),
		chromedp.Click(chromedp.ID("wpSubmit")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")))
	mustDo(t, ctx, "admin logout", logout(w.URL))

	tmp := find(t, `Temporary password: (\S+)`, mailNumber(t, srv, rcpt, 2))
	mustDo(t, ctx, "login with the temporary password", login(w.URL, "Olive Owl", tmp))
	mustDo(t, ctx, "forced new password", setNewPassword("first-owl-password"))
	mustDo(t, ctx, "logout", logout(w.URL))

	mustDo(t, ctx, "password reset",
		chromedp.Navigate(w.URL+"/wiki/Special:PasswordReset"),
		chromedp.WaitVisible(chromedp.ID("wpUsername")),
		chromedp.SetValue(chromedp.ID("wpUsername"), "Olive Owl"),
		chromedp.Click(chromedp.ID("wpResetPassword")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")))
	reset := find(t, `Temporary password: (\S+)`, mailNumber(t, srv, rcpt, 3))
	mustDo(t, ctx, "login with the reset password", login(w.URL, "Olive Owl", reset))
	mustDo(t, ctx, "new password after the reset", setNewPassword("second-owl-password"))
	mustDo(t, ctx, "logout again", logout(w.URL))
	mustDo(t, ctx, "login with the new password", login(w.URL, "Olive Owl", "second-owl-password"), chromedp.WaitVisible(chromedp.ID("pt-logout")))
	user := mustRun(t, ctx, "read user link", chromedp.Text(chromedp.ID("pt-userpage")))
	if !strings.Contains(user, "Olive Owl") {
		t.Errorf("logged-in user link = %q, want Olive Owl", user)
	}
}
