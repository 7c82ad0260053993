// Package memcached implements folio.Cache over one or more memcached
// servers through gomemcache. It offers no pub/sub: with several web heads,
// pair it with Redis or rely on its being shared.
package memcached

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/folio-wiki/folio"
)

var _ folio.Cache = (*Cache)(nil)

// maxKey is memcached's key length limit.
const maxKey = 250

// maxTTL is the longest relative expiry memcached accepts (30 days);
// longer values would be read as Unix timestamps.
const maxTTL = 30 * 24 * time.Hour

// Cache is a folio.Cache on memcached. Keys are Prefix+key, or Prefix plus
// a hash of key when key is too long or holds characters memcached refuses.
type Cache struct {
	Prefix string
	mc     *memcache.Client
}

// Open connects to servers, a comma-separated list of host:port, and
// checks that they answer.
func Open(servers, prefix string) (*Cache, error) {
	list := strings.Split(servers, ",")
	for i := range list {
		list[i] = strings.TrimSpace(list[i])
	}
	mc := memcache.New(list...)
	mc.MaxIdleConns = 64
	mc.Timeout = time.Second
	if err := mc.Ping(); err != nil {
		mc.Close()
		return nil, fmt.Errorf("connect to memcached %s: %w", servers, err)
	}
	if prefix == "" {
		prefix = "folio:"
	}
	return &Cache{Prefix: prefix, mc: mc}, nil
}

// Close closes the connections.
func (c *Cache) Close() error { return c.mc.Close() }

// key maps a cache key to a legal memcached key.
func (c *Cache) key(k string) string {
	full := c.Prefix + k
	if len(full) <= maxKey && legal(full) {
		return full
	}
	sum := sha256.Sum256([]byte(k))
	return c.Prefix + "#" + hex.EncodeToString(sum[:])
}

func legal(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Get returns the value under key, or folio.ErrCacheMiss.
func (c *Cache) Get(_ context.Context, key string) ([]byte, error) {
	it, err := c.mc.Get(c.key(key))
	if errors.Is(err, memcache.ErrCacheMiss) {
		return nil, folio.ErrCacheMiss
	} else if err != nil {
		return nil, fmt.Errorf("memcached get: %w", err)
	}
	return it.Value, nil
}

// Set stores value under key for ttl, rounded up to whole seconds and
// capped at 30 days; ttl ≤ 0 keeps it until evicted.
func (c *Cache) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	var exp int32
	if ttl > 0 {
		ttl = min(ttl, maxTTL)
		exp = int32((ttl + time.Second - 1) / time.Second)
	}
	if err := c.mc.Set(&memcache.Item{Key: c.key(key), Value: value, Expiration: exp}); err != nil {
		return fmt.Errorf("memcached set: %w", err)
	}
	return nil
}

// Delete removes keys.
func (c *Cache) Delete(_ context.Context, keys ...string) error {
	for _, k := range keys {
		if err := c.mc.Delete(c.key(k)); err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
			return fmt.Errorf("memcached delete: %w", err)
		}
	}
	return nil
}
