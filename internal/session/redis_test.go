package session_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/session"
)

// mustRedis connects to FOLIO_TEST_REDIS_URL twice with one fresh key
// prefix, as two web heads would, or skips the test.
func mustRedis(t *testing.T) (*redis.Client, *redis.Client) {
	t.Helper()
	url := os.Getenv("FOLIO_TEST_REDIS_URL")
	if url == "" {
		t.Skip("set FOLIO_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to run the Redis session tests")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "folio_test_" + hex.EncodeToString(b) + ":"
	var cs [2]*redis.Client
	for i := range cs {
		c, err := redis.Open(context.Background(), url, prefix)
		if err != nil {
			t.Fatalf("redis.Open: %v", err)
		}
		cs[i] = c
	}
	t.Cleanup(func() {
		if err := cs[0].DeletePrefix(context.Background()); err != nil {
			t.Errorf("clean up: %v", err)
		}
		cs[0].Close()
		cs[1].Close()
	})
	return cs[0], cs[1]
}

// TestRedisSharedSessions starts a session through one manager and finds
// it, with its user and CSRF token, through another that shares Redis; the
// database holds no session, and logout on either ends it for both.
func TestRedisSharedSessions(t *testing.T) {
	ctx := context.Background()
	ra, rb := mustRedis(t)
	store := mustStore(t)
	u := &folio.User{Name: "Alice", PasswordHash: "x", Registration: time.Now()}
	if err := store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &session.Manager{Store: store, Sessions: ra.Sessions(), Secure: true}
	b := &session.Manager{Store: store, Sessions: rb.Sessions()}

	rec := httptest.NewRecorder()
	stA := &session.State{}
	if err := a.Start(ctx, rec, stA, u.ID, false); err != nil {
		t.Fatalf("Start() error: %v", err)
	}
	c := cookieOf(rec)
	if c == nil || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v, want HttpOnly, Secure and SameSite=Lax", c)
	}
	if _, err := store.FindSession(ctx, session.HashSecret(c.Value)); folio.ErrorCode(err) != folio.ENotLoggedIn {
		t.Errorf("database FindSession() = %v, want %s: sessions belong in Redis", err, folio.ENotLoggedIn)
	}
	stB, err := b.Load(ctx, requestWith(c))
	if err != nil {
		t.Fatalf("Load() on the other manager: %v", err)
	}
	if stB.User == nil || stB.User.Name != "Alice" {
		t.Fatalf("Load() on the other manager: user = %v, want Alice", stB.User)
	}
	if !session.CheckToken(stB, stA.Session.Data[session.CSRFKey]) {
		t.Errorf("the CSRF token of the first manager is not valid on the second")
	}
	ttl, err := ra.TTL(ctx, "s:"+session.HashSecret(c.Value))
	if err != nil || ttl <= session.Lifetime-time.Minute || ttl > session.Lifetime {
		t.Errorf("TTL of the session key = %v, %v; want about %v", ttl, err, session.Lifetime)
	}
	if err := a.MarkBotPassword(ctx, stA, "mybot", nil); err != nil {
		t.Errorf("MarkBotPassword() with Redis sessions: %v", err)
	} else if got, err := ra.Sessions().FindSession(ctx, stA.Session.ID); err != nil || got.Data[session.BotPasswordKey] != "mybot" {
		t.Errorf("session in Redis after MarkBotPassword = %+v, %v; want the bot password recorded", got, err)
	}
	if err := b.End(ctx, httptest.NewRecorder(), stB); err != nil {
		t.Fatalf("End() error: %v", err)
	}
	if st, err := a.Load(ctx, requestWith(c)); err != nil || st.Session != nil {
		t.Errorf("Load() after logout on the other manager = %+v, %v; want no session", st, err)
	}
}
