package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
	goredis "github.com/redis/go-redis/v9"
)

var _ folio.SessionStore = (*SessionStore)(nil)

// SessionStore is a folio.SessionStore in Redis: each session is a JSON
// value under Prefix+"s:"+id that Redis expires with the session, so that
// every web head sharing the server sees the same sessions.
type SessionStore struct{ c *Client }

// Sessions returns the client's session store.
func (c *Client) Sessions() *SessionStore { return &SessionStore{c: c} }

func (s *SessionStore) key(id string) string { return s.c.Prefix + "s:" + id }

// sessionValue is what a session key holds.
type sessionValue struct {
	UserID  int64             `json:"user"`
	Data    map[string]string `json:"data,omitempty"`
	Expires time.Time         `json:"expires"`
}

func errNoSession() error {
	return folio.Errorf(folio.ENotLoggedIn, "The session does not exist or has expired.")
}

// CreateSession stores a new session until it expires.
func (s *SessionStore) CreateSession(ctx context.Context, sess *folio.Session) error {
	return s.put(ctx, sess, goredis.SetArgs{Mode: "NX", ExpireAt: sess.Expires}, "create")
}

// UpdateSession replaces the user, data and expiry of a session; a missing
// or expired one is ENotLoggedIn.
func (s *SessionStore) UpdateSession(ctx context.Context, sess *folio.Session) error {
	return s.put(ctx, sess, goredis.SetArgs{Mode: "XX", ExpireAt: sess.Expires}, "update")
}

func (s *SessionStore) put(ctx context.Context, sess *folio.Session, args goredis.SetArgs, what string) error {
	if !sess.Expires.After(time.Now()) {
		if what == "update" {
			return s.DeleteSession(ctx, sess.ID)
		}
		return nil // already expired: nothing to keep
	}
	b, err := json.Marshal(sessionValue{UserID: sess.UserID, Data: sess.Data, Expires: sess.Expires.UTC()})
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	err = s.c.rdb.SetArgs(ctx, s.key(sess.ID), b, args).Err()
	if errors.Is(err, goredis.Nil) {
		if what == "update" {
			return errNoSession()
		}
		return folio.Errorf(folio.EInternal, "session id collision")
	} else if err != nil {
		return fmt.Errorf("redis %s session: %w", what, err)
	}
	return nil
}

// FindSession returns an unexpired session, or ENotLoggedIn.
func (s *SessionStore) FindSession(ctx context.Context, id string) (*folio.Session, error) {
	b, err := s.c.rdb.Get(ctx, s.key(id)).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, errNoSession()
	} else if err != nil {
		return nil, fmt.Errorf("redis find session: %w", err)
	}
	var v sessionValue
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("decode session: %w", err)
	}
	if !v.Expires.After(time.Now()) {
		return nil, errNoSession()
	}
	return &folio.Session{ID: id, UserID: v.UserID, Data: v.Data, Expires: v.Expires}, nil
}

// DeleteSession removes a session; a missing one is not an error.
func (s *SessionStore) DeleteSession(ctx context.Context, id string) error {
	if err := s.c.rdb.Del(ctx, s.key(id)).Err(); err != nil {
		return fmt.Errorf("redis delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions does nothing: Redis expires session keys itself.
func (s *SessionStore) DeleteExpiredSessions(context.Context, time.Time) (int, error) {
	return 0, nil
}
