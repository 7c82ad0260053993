package api_test

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/throttle"
)

// postFrom sends a POST as if relayed by a proxy for client xff.
func (c *Client) postFrom(xff string, params map[string]string) *Response {
	c.env.T.Helper()
	vals := P()
	for k, v := range params {
		vals.Set(k, v)
	}
	req, err := http.NewRequest(http.MethodPost, c.env.URL+"/api.php", strings.NewReader(vals.Encode()))
	if err != nil {
		c.env.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", xff)
	return c.send(req)
}

// TestLoginThrottlePerClientIP checks that action=login and clientlogin
// count failures per account and client address (behind a trusted proxy,
// the X-Forwarded-For client), and answer a throttled login as MediaWiki
// does: login result Failed with a reason, clientlogin FAIL with
// login-throttled, without checking the password.
func TestLoginThrottlePerClientIP(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Server.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}
	env.MustCreateUser("Alice")
	c := env.NewClient()
	login := func(xff, pw string) *Response {
		return c.postFrom(xff, map[string]string{"action": "login", "lgname": "Alice", "lgpassword": pw,
			"lgtoken": c.Token("login"), "format": "json"})
	}
	for i := range 5 {
		if r := login("192.0.2.1", "wrong"); Path(r.JSON, "login", "result") != "Failed" {
			t.Fatalf("failed login %d = %s, want Failed", i+1, r.Body)
		}
	}
	r := login("192.0.2.1", TestPassword)
	reason, _ := Path(r.JSON, "login", "reason").(string)
	if Path(r.JSON, "login", "result") != "Failed" || !strings.Contains(reason, "too many recent login attempts") {
		t.Errorf("sixth login from the same client = %s, want Failed with the throttle reason", r.Body)
	}
	r = c.postFrom("192.0.2.1", map[string]string{"action": "clientlogin", "username": "Alice", "password": TestPassword,
		"loginreturnurl": env.URL + "/", "logintoken": c.Token("login"), "format": "json", "formatversion": "2"})
	if Path(r.JSON, "clientlogin", "status") != "FAIL" || Path(r.JSON, "clientlogin", "messagecode") != "login-throttled" {
		t.Errorf("clientlogin from the throttled client = %s, want FAIL login-throttled", r.Body)
	}
	if r := login("192.0.2.2", TestPassword); Path(r.JSON, "login", "result") != "Success" {
		t.Errorf("login from another client = %s, want Success: the throttle counts per address", r.Body)
	}
	// Without a trusted proxy, X-Forwarded-For is the client's own claim
	// and is ignored: every request comes from the peer.
	env.Server.TrustedProxies = nil
	c2 := env.NewClient()
	for range 5 {
		c2.postFrom("198.51.100.1", map[string]string{"action": "login", "lgname": "Alice", "lgpassword": "wrong",
			"lgtoken": c2.Token("login"), "format": "json"})
	}
	r = c2.postFrom("198.51.100.2", map[string]string{"action": "login", "lgname": "Alice", "lgpassword": TestPassword,
		"lgtoken": c2.Token("login"), "format": "json"})
	if Path(r.JSON, "login", "result") != "Failed" {
		t.Errorf("login with a forged X-Forwarded-For = %s, want Failed (throttled by the peer address)", r.Body)
	}
}

// TestCreateAccountSwitchAndThrottle checks that action=createaccount
// follows the account mode (the createaccount right), the per-address
// creation throttle and logs newusers/create.
func TestCreateAccountSwitchAndThrottle(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Wiki.Accounts.CreateAccountThrottle = throttle.New(throttle.Rule{Count: 2, Window: time.Hour})
	c := env.NewClient()
	create := func(name string) *Response {
		return c.Post(P("action", "createaccount", "username", name, "password", TestPassword, "retype", TestPassword,
			"email", "x@example.org", "createreturnurl", env.URL+"/", "createtoken", c.Token("createaccount"),
			"format", "json", "formatversion", "2"))
	}
	for _, name := range []string{"Bob", "Carol"} {
		if r := create(name); Path(r.JSON, "createaccount", "status") != "PASS" {
			t.Fatalf("createaccount(%s) = %s, want PASS", name, r.Body)
		}
	}
	r := create("Dave")
	if Path(r.JSON, "createaccount", "status") != "FAIL" || Path(r.JSON, "createaccount", "messagecode") != "acct_creation_throttle_hit" {
		t.Errorf("third creation from one address = %s, want FAIL acct_creation_throttle_hit", r.Body)
	}
	r = c.Get(P("action", "query", "list", "logevents", "letype", "newusers", "format", "json", "formatversion", "2"))
	if !strings.Contains(r.Body, `"action":"create"`) || !strings.Contains(r.Body, "User:Carol") {
		t.Errorf("newusers log = %s, want create entries for Bob and Carol", r.Body)
	}
	if u, err := env.Store.FindUserByName(context.Background(), "Bob"); err != nil || u.Email != "x@example.org" {
		t.Errorf("Bob = %+v, %v; want the address stored", u, err)
	}
	// Request mode takes the right away from everyone but administrators.
	env.Wiki.Accounts.CreateAccountThrottle = nil
	delete(env.Wiki.Rights[folio.GroupAll], "createaccount")
	r = create("Erin")
	if Path(r.JSON, "createaccount", "status") != "FAIL" || Path(r.JSON, "createaccount", "messagecode") != "permissiondenied" {
		t.Errorf("createaccount in request mode = %s, want FAIL permissiondenied", r.Body)
	}
}

// TestBlockedWritesCarryBlockInfo checks that a blocked user gets the
// "blocked" error with blockinfo from every write module: edit (refused by
// the wiki service), and upload and delete (refused before the module
// runs), in the bc and the plaintext error formats.
func TestBlockedWritesCarryBlockInfo(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	admin := env.MustCreateUser("Admin", "sysop")
	env.MustCreateUser("Mallory", "sysop")
	env.MustEdit("Target", "text", admin)
	if _, err := env.Wiki.Block(context.Background(), admin, "Mallory", time.Now().Add(24*time.Hour), "vandalism"); err != nil {
		t.Fatalf("Block() error: %v", err)
	}
	c := env.NewClient()
	c.MustLogin("Mallory")
	tok := c.Token("csrf")
	for _, params := range [][]string{
		{"action", "edit", "title", "Target", "text", "y"},
		{"action", "upload", "filename", "A.png", "url", "http://example.org/a.png"},
		{"action", "delete", "title", "Target"},
	} {
		r := c.Post(P(append(params, "token", tok, "format", "json", "formatversion", "2")...))
		if Path(r.JSON, "error", "code") != "blocked" || Path(r.JSON, "error", "blockinfo", "blockedby") != "Admin" ||
			Path(r.JSON, "error", "blockinfo", "blockreason") != "vandalism" || Path(r.JSON, "error", "blockinfo", "blockexpiry") == "infinite" {
			t.Errorf("%s by a blocked user = %s, want error blocked with blockinfo", params[1], r.Body)
		}
	}
	r := c.Post(P("action", "delete", "title", "Target", "token", tok, "format", "json", "formatversion", "2", "errorformat", "plaintext"))
	errs, _ := Path(r.JSON, "errors").([]any)
	if len(errs) != 1 || Path(errs[0], "code") != "blocked" || Path(errs[0], "data", "blockinfo", "blockedby") != "Admin" {
		t.Errorf("delete with errorformat=plaintext = %s, want errors[0].data.blockinfo", r.Body)
	}
	// Their own talk page stays open to them.
	r = c.Post(P("action", "edit", "title", "User talk:Mallory", "text", "appeal", "token", tok, "format", "json", "formatversion", "2"))
	if Path(r.JSON, "edit", "result") != "Success" {
		t.Errorf("edit of the own talk page = %s, want Success", r.Body)
	}
}

// TestResetPasswordRateLimited checks action=resetpassword: the same
// answer for existing and missing accounts, then the "ratelimited" error
// once the client asked too often.
func TestResetPasswordRateLimited(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.Wiki.Accounts.Mailer = discardMailer{}
	env.Wiki.Accounts.PasswordResetThrottle = throttle.New(throttle.Rule{Count: 2, Window: time.Hour})
	env.MustCreateUser("Alice")
	c := env.NewClient()
	reset := func(user string) *Response {
		return c.Post(P("action", "resetpassword", "user", user, "token", c.Token("csrf"), "format", "json", "formatversion", "2"))
	}
	for _, u := range []string{"Alice", "Nobody"} {
		if r := reset(u); Path(r.JSON, "resetpassword", "status") != "success" {
			t.Errorf("resetpassword(%s) = %s, want success", u, r.Body)
		}
	}
	if r := reset("Alice"); Path(r.JSON, "error", "code") != "ratelimited" {
		t.Errorf("third reset from one client = %s, want error ratelimited", r.Body)
	}
}

// discardMailer accepts every mail.
type discardMailer struct{}

func (discardMailer) Send(context.Context, *mail.Message) error { return nil }
