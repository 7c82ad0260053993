// Package inmem implements folio.Cache and folio.PubSub in process memory:
// a sharded LRU cache bounded in bytes with per-entry expiry, and a
// broadcast hub. It is the default when no Redis or memcached is set.
package inmem

import (
	"container/list"
	"context"
	"hash/maphash"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.Cache = (*Cache)(nil)

// shardCount splits the cache so that concurrent readers rarely contend.
const shardCount = 16

// entryOverhead approximates the memory an entry costs besides its key
// and value, so that many tiny entries still count against the bound.
const entryOverhead = 64

// Cache is an LRU cache bounded by the total size of its keys and values.
// It is safe for concurrent use.
type Cache struct {
	// Now returns the current time; tests replace it before use.
	Now    func() time.Time
	seed   maphash.Seed
	shards [shardCount]shard
}

type shard struct {
	mu    sync.Mutex
	max   int64
	size  int64
	ll    list.List // front is most recently used
	items map[string]*list.Element
}

type entry struct {
	key     string
	value   []byte
	expires int64 // unix nanoseconds; 0 means never
}

// NewCache returns a cache holding at most maxBytes of keys and values.
func NewCache(maxBytes int64) *Cache {
	c := &Cache{Now: time.Now, seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].max = max(maxBytes/shardCount, 1)
		c.shards[i].items = map[string]*list.Element{}
	}
	return c
}

func (c *Cache) shard(key string) *shard {
	return &c.shards[maphash.String(c.seed, key)%shardCount]
}

// Get returns the value under key, or folio.ErrCacheMiss. The returned
// slice is shared: callers must not change it.
func (c *Cache) Get(_ context.Context, key string) ([]byte, error) {
	s := c.shard(key)
	s.mu.Lock()
	el, ok := s.items[key]
	if !ok {
		s.mu.Unlock()
		return nil, folio.ErrCacheMiss
	}
	e := el.Value.(*entry)
	if e.expires != 0 && c.Now().UnixNano() >= e.expires {
		s.remove(el)
		s.mu.Unlock()
		return nil, folio.ErrCacheMiss
	}
	s.ll.MoveToFront(el)
	s.mu.Unlock()
	return e.value, nil
}

// Set stores value under key for ttl (forever when ttl ≤ 0), evicting the
// least recently used entries beyond the byte bound. A value larger than a
// shard's share of the bound is not stored.
func (c *Cache) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	e := &entry{key: key, value: value}
	if ttl > 0 {
		e.expires = c.Now().Add(ttl).UnixNano()
	}
	s := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.items[key]; ok {
		s.remove(el)
	}
	if cost(e) > s.max {
		return nil
	}
	s.items[key] = s.ll.PushFront(e)
	s.size += cost(e)
	for s.size > s.max {
		s.remove(s.ll.Back())
	}
	return nil
}

// Delete removes keys.
func (c *Cache) Delete(_ context.Context, keys ...string) error {
	for _, key := range keys {
		s := c.shard(key)
		s.mu.Lock()
		if el, ok := s.items[key]; ok {
			s.remove(el)
		}
		s.mu.Unlock()
	}
	return nil
}

// Len returns the number of entries, expired ones included.
func (c *Cache) Len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += len(s.items)
		s.mu.Unlock()
	}
	return n
}

// Size returns the bytes counted against the bound.
func (c *Cache) Size() int64 {
	var n int64
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += s.size
		s.mu.Unlock()
	}
	return n
}

func (s *shard) remove(el *list.Element) {
	e := el.Value.(*entry)
	s.ll.Remove(el)
	delete(s.items, e.key)
	s.size -= cost(e)
}

func cost(e *entry) int64 {
	return int64(len(e.key) + len(e.value) + entryOverhead)
}
