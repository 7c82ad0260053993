package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// ThrottleStore keeps the event times of throttle keys (failed logins,
// password resets, account creations) so that every web head counts the
// same events. Each key is a sorted set Prefix+"t:"+key scored by the
// event's Unix time in microseconds, expiring with its longest window. It
// implements internal/throttle's Store.
type ThrottleStore struct{ c *Client }

// Throttles returns the client's throttle store.
func (c *Client) Throttles() *ThrottleStore { return &ThrottleStore{c: c} }

func (s *ThrottleStore) key(k string) string { return s.c.Prefix + "t:" + k }

// Events returns the times of key's events after since, ascending, and
// drops the older ones.
func (s *ThrottleStore) Events(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	k := s.key(key)
	var rng *goredis.ZSliceCmd
	_, err := s.c.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		p.ZRemRangeByScore(ctx, k, "-inf", strconv.FormatInt(since.UnixMicro(), 10))
		rng = p.ZRangeWithScores(ctx, k, 0, -1)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis throttle events: %w", err)
	}
	zs := rng.Val()
	out := make([]time.Time, len(zs))
	for i, z := range zs {
		out[i] = time.UnixMicro(int64(z.Score))
	}
	return out, nil
}

// AddEvent records an event of key at t and keeps the key for ttl.
func (s *ThrottleStore) AddEvent(ctx context.Context, key string, t time.Time, ttl time.Duration) error {
	k := s.key(key)
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	member := strconv.FormatInt(t.UnixMicro(), 10) + ":" + hex.EncodeToString(b)
	_, err := s.c.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		p.ZAdd(ctx, k, goredis.Z{Score: float64(t.UnixMicro()), Member: member})
		if ttl > 0 {
			p.PExpire(ctx, k, ttl)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis throttle add: %w", err)
	}
	return nil
}

// DeleteEvents forgets every event of key.
func (s *ThrottleStore) DeleteEvents(ctx context.Context, key string) error {
	if err := s.c.rdb.Del(ctx, s.key(key)).Err(); err != nil {
		return fmt.Errorf("redis throttle delete: %w", err)
	}
	return nil
}
