// Package redis implements folio.Cache, folio.PubSub and folio.JobQueue
// over a Redis server through go-redis. Every key starts with Prefix, so
// several wikis (or tests) can share one server.
package redis

import (
	"context"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key unless Open's caller sets another.
const DefaultPrefix = "folio:"

// Client is a connection pool to one Redis server.
type Client struct {
	// Prefix starts every key and channel name.
	Prefix string
	rdb    *goredis.Client
}

// Open connects to the server named by a redis:// or rediss:// URL and
// checks that it answers.
func Open(ctx context.Context, url, prefix string) (*Client, error) {
	opt, err := goredis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("parse redis url: %w", err)
	}
	rdb := goredis.NewClient(opt)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("connect to redis: %w", err)
	}
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return &Client{Prefix: prefix, rdb: rdb}, nil
}

// Close closes the connections.
func (c *Client) Close() error { return c.rdb.Close() }

// DeletePrefix removes every key that starts with the client's prefix;
// tests use it to clean up.
func (c *Client) DeletePrefix(ctx context.Context) error {
	iter := c.rdb.Scan(ctx, 0, c.Prefix+"*", 500).Iterator()
	var batch []string
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			if err := c.rdb.Del(ctx, batch...).Err(); err != nil {
				return fmt.Errorf("delete keys: %w", err)
			}
			batch = batch[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("scan keys: %w", err)
	}
	if len(batch) > 0 {
		if err := c.rdb.Del(ctx, batch...).Err(); err != nil {
			return fmt.Errorf("delete keys: %w", err)
		}
	}
	return nil
}

// TTL returns how long the key Prefix+key has left to live; tests use it to
// check expiries.
func (c *Client) TTL(ctx context.Context, key string) (time.Duration, error) {
	d, err := c.rdb.PTTL(ctx, c.Prefix+key).Result()
	if err != nil {
		return 0, fmt.Errorf("redis ttl: %w", err)
	}
	return d, nil
}
