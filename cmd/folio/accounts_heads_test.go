package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/session"
)

// headClient is a browser without redirects, shared by both heads (cookies
// ignore the port, as browsers do).
type headClient struct {
	t *testing.T
	c *http.Client
}

func newHeadClient(t *testing.T) *headClient {
	jar, _ := cookiejar.New(nil)
	return &headClient{t: t, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (h *headClient) do(method, u string, form url.Values) (int, string) {
	h.t.Helper()
	var resp *http.Response
	var err error
	if form == nil {
		resp, err = h.c.Get(u)
	} else {
		resp, err = h.c.PostForm(u, form)
	}
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var loginTokenRE = regexp.MustCompile(`name="wpLoginToken" value="([^"]+)"`)

// login posts the login form of the head at base and returns the status.
func (h *headClient) login(base, name, pw string) int {
	h.t.Helper()
	_, body := h.do("GET", base+"/index.php?title=Special:UserLogin", nil)
	m := loginTokenRE.FindStringSubmatch(body)
	if m == nil {
		h.t.Fatalf("no login token on %s", base)
	}
	status, _ := h.do("POST", base+"/index.php?title=Special:UserLogin", url.Values{"wpName": {name}, "wpPassword": {pw}, "wpLoginToken": {m[1]}})
	return status
}

// userName asks the head at base who the client is.
func (h *headClient) userName(base string) string {
	h.t.Helper()
	_, body := h.do("GET", base+"/api.php?action=query&meta=userinfo&format=json&formatversion=2", nil)
	var v struct {
		Query struct {
			UserInfo struct{ Name string } `json:"userinfo"`
		}
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		h.t.Fatalf("userinfo on %s: %v\n%s", base, err, body)
	}
	return v.Query.UserInfo.Name
}

// TestHeadsShareSessionsAndThrottles runs two web heads over one database
// and one Redis (FOLIO_REDIS_URL with its own key prefix): a login on one
// head is a login on the other, the session lives in Redis with the
// session's lifetime, and failed logins on one head count on the other.
func TestHeadsShareSessionsAndThrottles(t *testing.T) {
	redisURL := os.Getenv("FOLIO_TEST_REDIS_URL")
	if redisURL == "" {
		t.Skip("set FOLIO_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the shared-session test")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "folio_test_" + hex.EncodeToString(b) + ":"
	rc, err := redis.Open(context.Background(), redisURL, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := rc.DeletePrefix(context.Background()); err != nil {
			t.Errorf("clean up: %v", err)
		}
		rc.Close()
	})
	env := map[string]string{"FOLIO_REDIS_URL": redisURL, "FOLIO_REDIS_PREFIX": prefix}
	a := MustRunMain(t, env)
	env2 := maps.Clone(env)
	env2["FOLIO_DATA"] = a.Data
	h2 := MustRunMain(t, env2)
	mustCreateUser(t, a, "Alice", "correct horse battery")
	mustCreateUser(t, a, "Bob", "correct horse battery")

	alice := newHeadClient(t)
	if st := alice.login(a.URL, "Alice", "correct horse battery"); st != http.StatusSeeOther {
		t.Fatalf("login on head 1: status %d, want 303", st)
	}
	if got := alice.userName(h2.URL); got != "Alice" {
		t.Errorf("head 2 sees user %q, want Alice: the session is not shared", got)
	}
	u, _ := url.Parse(a.URL)
	var secret string
	for _, c := range alice.c.Jar.Cookies(u) {
		if c.Name == session.CookieName {
			secret = c.Value
		}
	}
	if ttl, err := rc.TTL(context.Background(), "s:"+session.HashSecret(secret)); err != nil || ttl <= 23*time.Hour || ttl > session.Lifetime {
		t.Errorf("TTL of the session in Redis = %v, %v; want about %v", ttl, err, session.Lifetime)
	}

	bob := newHeadClient(t)
	for i := range 5 {
		heads := []string{a.URL, h2.URL}
		if st := bob.login(heads[i%2], "Bob", "wrong password"); st != http.StatusBadRequest && st != http.StatusUnauthorized && st != http.StatusForbidden {
			t.Fatalf("failed login %d: status %d", i+1, st)
		}
	}
	if st := bob.login(h2.URL, "Bob", "correct horse battery"); st != http.StatusTooManyRequests {
		t.Errorf("login after 5 failures spread over both heads: status %d, want 429", st)
	}
}

// TestSessionCookieAttributes checks the session cookie a wiki served as
// https sets, with sessions in the database and, when FOLIO_TEST_REDIS_URL
// is set, in Redis: HttpOnly, SameSite=Lax and Secure.
func TestSessionCookieAttributes(t *testing.T) {
	envs := map[string]map[string]string{"database": {"FOLIO_SERVER": "https://wiki.example.org"}}
	if u := os.Getenv("FOLIO_TEST_REDIS_URL"); u != "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		prefix := "folio_test_" + hex.EncodeToString(b) + ":"
		envs["redis"] = map[string]string{"FOLIO_SERVER": "https://wiki.example.org", "FOLIO_REDIS_URL": u, "FOLIO_REDIS_PREFIX": prefix}
		t.Cleanup(func() {
			if rc, err := redis.Open(context.Background(), u, prefix); err == nil {
				_ = rc.DeletePrefix(context.Background())
				rc.Close()
			}
		})
	}
	for name, env := range envs {
		t.Run(name, func(t *testing.T) {
			w := MustRunMain(t, env)
			resp, err := http.Get(w.URL + "/index.php?title=Special:UserLogin")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			var c *http.Cookie
			for _, ck := range resp.Cookies() {
				if ck.Name == session.CookieName {
					c = ck
				}
			}
			if c == nil || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie = %+v, want HttpOnly, Secure and SameSite=Lax", c)
			}
		})
	}
}
