package redis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
	goredis "github.com/redis/go-redis/v9"
)

var (
	_ folio.Cache  = (*Cache)(nil)
	_ folio.PubSub = (*Cache)(nil)
)

// Cache is a folio.Cache and folio.PubSub over a Client. Cache keys are
// stored as Prefix+"c:"+key and channels are named Prefix+"ch:"+channel.
type Cache struct{ c *Client }

// Cache returns the client's cache.
func (c *Client) Cache() *Cache { return &Cache{c: c} }

func (c *Cache) key(k string) string { return c.c.Prefix + "c:" + k }

// Get returns the value under key, or folio.ErrCacheMiss.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, error) {
	v, err := c.c.rdb.Get(ctx, c.key(key)).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, folio.ErrCacheMiss
	} else if err != nil {
		return nil, fmt.Errorf("redis get: %w", err)
	}
	return v, nil
}

// Set stores value under key for ttl; ttl ≤ 0 keeps it until evicted.
func (c *Cache) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl < 0 {
		ttl = 0
	}
	if err := c.c.rdb.Set(ctx, c.key(key), value, ttl).Err(); err != nil {
		return fmt.Errorf("redis set: %w", err)
	}
	return nil
}

// Delete removes keys.
func (c *Cache) Delete(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = c.key(k)
	}
	if err := c.c.rdb.Unlink(ctx, full...).Err(); err != nil {
		return fmt.Errorf("redis delete: %w", err)
	}
	return nil
}

func (c *Cache) channel(name string) string { return c.c.Prefix + "ch:" + name }

// Publish sends msg to the subscribers of channel in every process and
// returns how many received it.
func (c *Cache) Publish(ctx context.Context, channel string, msg []byte) (int, error) {
	n, err := c.c.rdb.Publish(ctx, c.channel(channel), msg).Result()
	if err != nil {
		return 0, fmt.Errorf("redis publish: %w", err)
	}
	return int(n), nil
}

// Subscribe subscribes to channel and returns once Redis confirmed it.
// The returned channel is closed after ctx is cancelled.
func (c *Cache) Subscribe(ctx context.Context, channel string) (<-chan []byte, error) {
	ps := c.c.rdb.Subscribe(ctx, c.channel(channel))
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, fmt.Errorf("redis subscribe: %w", err)
	}
	in := ps.Channel()
	out := make(chan []byte, 64)
	go func() {
		defer close(out)
		defer ps.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case m, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- []byte(m.Payload):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}
