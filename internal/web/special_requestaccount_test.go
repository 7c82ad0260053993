package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/internal/mail"
)

// TestAccountRequestPages walks the request, its confirmation link, the
// queue of Special:ConfirmAccounts and the acceptance, then logs in with
// the mailed temporary password.
func TestAccountRequestPages(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	box := &inbox{}
	env.Wiki.Accounts.Mailer = box
	env.MustCreateUser("Admin", "sysop")
	env.MustCreateUser("Plain")
	admin, plain, anon := env.NewBrowser(), env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Admin")
	plain.MustLogin("Plain")
	bs := map[string]*Browser{"admin": admin, "plain": plain, "anon": anon}
	req := url.Values{"wpNewName": {"Owl fan"}, "wpRealName": {"Olive Owl"}, "wpEmail": {"olive@example.org"},
		"wpBio": {"I study owls in the wild."}, "wpToS": {"1"}, "wpEditToken": {"{token}"}}
	noToS := url.Values{}
	for k, v := range req {
		noToS[k] = v
	}
	noToS.Del("wpToS")
	Run(t, bs, []Scenario{
		{Name: "form", As: "anon", URL: "/wiki/Special:RequestAccount", Status: http.StatusOK, Want: []string{`id="wpNewName"`, `id="wpBio"`, `id="wpToS"`}},
		{Name: "terms not accepted", As: "anon", Method: "POST", URL: "/wiki/Special:RequestAccount", Form: noToS, Status: http.StatusBadRequest, Want: []string{"terms of service", `value="Olive Owl"`}},
		{Name: "request", As: "anon", Method: "POST", URL: "/wiki/Special:RequestAccount", Form: req, Status: http.StatusOK, Want: []string{"olive@example.org"}},
		{Name: "same name again", As: "anon", Method: "POST", URL: "/wiki/Special:RequestAccount", Form: req, Status: http.StatusConflict},
		{Name: "bad link", As: "anon", URL: "/index.php?title=Special:RequestAccount&action=confirmemail&wpEmailToken=nope", Status: http.StatusBadRequest},
		{Name: "queue is empty before confirmation", As: "admin", URL: "/wiki/Special:ConfirmAccounts", Status: http.StatusOK, Want: []string{`id="mw-confirmaccount-none"`}},
	})
	link := regexp.MustCompile(`(/index\.php\?title=Special:RequestAccount&action=confirmemail&wpEmailToken=\S+)`).FindStringSubmatch(box.msgs[0].Body)
	if link == nil {
		t.Fatalf("no confirmation link in:\n%s", box.msgs[0].Body)
	}
	Run(t, bs, []Scenario{
		{Name: "confirm", As: "anon", URL: link[1], Status: http.StatusOK, Want: []string{"address is confirmed"}},
		{Name: "no right", As: "plain", URL: "/wiki/Special:ConfirmAccounts", Status: http.StatusForbidden, Want: []string{"confirmaccount"}},
		{Name: "anonymous", As: "anon", URL: "/wiki/Special:ConfirmAccounts", Status: http.StatusForbidden},
		{Name: "queue", As: "admin", URL: "/wiki/Special:ConfirmAccounts", Status: http.StatusOK, Want: []string{"Owl fan", "acrid=1"}},
		{Name: "details", As: "admin", URL: "/wiki/Special:ConfirmAccounts?acrid=1", Status: http.StatusOK, Want: []string{"I study owls", `id="submitCreate"`, "(confirmed "}},
		{Name: "no right to accept", As: "plain", Method: "POST", URL: "/wiki/Special:ConfirmAccounts?acrid=1", Form: url.Values{"wpSubmitType": {"accept"}, "wpEditToken": {"{token}"}}, Status: http.StatusForbidden},
		{Name: "reject needs a reason", As: "admin", Method: "POST", URL: "/wiki/Special:ConfirmAccounts?acrid=1", Form: url.Values{"wpSubmitType": {"reject"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK, Want: []string{"Give a reason"}},
		{Name: "accept", As: "admin", Method: "POST", URL: "/wiki/Special:ConfirmAccounts?acrid=1", Form: url.Values{"wpSubmitType": {"accept"}, "wpEditToken": {"{token}"}}, Status: http.StatusOK, Want: []string{"now accepted"}},
		{Name: "logged", As: "admin", URL: "/wiki/Special:Log?type=accountrequest", Status: http.StatusOK, Want: []string{"Owl"}},
	})
	last := box.msgs[len(box.msgs)-1].Body
	m := regexp.MustCompile(`Temporary password: (\S+)`).FindStringSubmatch(last)
	if m == nil || !strings.Contains(last, "Owl fan") {
		t.Fatalf("no temporary password in:\n%s", last)
	}
	Run(t, bs, []Scenario{
		{Name: "login", As: "anon", Method: "POST", URL: "/wiki/Special:UserLogin", Form: loginForm("Owl fan", m[1]), Status: http.StatusOK, Want: []string{`id="mw-changepassword-form"`}},
	})
}

// failingMailer refuses every message, as an unreachable SMTP server does.
type failingMailer struct{}

func (failingMailer) Send(context.Context, *mail.Message) error {
	return errors.New("connection refused")
}

// TestPendingMailShown: mail that could not be sent waits in the queue and
// Special:ConfirmAccounts lists it.
func TestPendingMailShown(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	q := &mail.Queue{Dir: t.TempDir(), Sender: failingMailer{}, Logger: env.Server.Logger}
	env.Wiki.Accounts.Mailer, env.Wiki.Accounts.MailQueue = q, q
	env.MustCreateUser("Admin", "sysop")
	admin, anon := env.NewBrowser(), env.NewBrowser()
	admin.MustLogin("Admin")
	req := url.Values{"wpNewName": {"Owl fan"}, "wpRealName": {"Olive Owl"}, "wpEmail": {"olive@example.org"},
		"wpBio": {"I study owls in the wild."}, "wpToS": {"1"}, "wpEditToken": {"{token}"}}
	Run(t, map[string]*Browser{"admin": admin, "anon": anon}, []Scenario{
		{Name: "request while mail is down", As: "anon", Method: "POST", URL: "/wiki/Special:RequestAccount", Form: req, Status: http.StatusOK},
		{Name: "admin sees the waiting mail", As: "admin", URL: "/wiki/Special:ConfirmAccounts", Status: http.StatusOK,
			Want: []string{`id="mw-confirmaccount-mailqueue"`, "olive@example.org", "connection refused"}},
	})
}

func TestLoginLinksToRequestAccount(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	b := env.NewBrowser()
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "open mode", As: "b", URL: "/wiki/Special:UserLogin", Status: http.StatusOK, DontWant: []string{`id="mw-requestaccount-link"`}},
	})
	delete(env.Wiki.Rights["*"], "createaccount")
	Run(t, map[string]*Browser{"b": b}, []Scenario{
		{Name: "request mode", As: "b", URL: "/wiki/Special:UserLogin", Status: http.StatusOK, Want: []string{`id="mw-requestaccount-link"`}},
	})
}
