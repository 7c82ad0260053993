package graphviz

import (
	"container/list"
	"sync"
)

// cache is a bounded least-recently-used map from a content hash to the
// renderer's result, so that a graph is laid out once however often the
// pages that hold it are rendered.
type cache struct {
	mu       sync.Mutex
	max      int // entries
	maxBytes int // total size of the stored values
	bytes    int
	ll       *list.List
	items    map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	val result
}

// result is what one layout produced: raw SVG or a message for the reader.
type result struct {
	svg []byte
	err error
}

func (r result) size() int {
	n := len(r.svg) + 64
	if r.err != nil {
		n += len(r.err.Error())
	}
	return n
}

func newCache(max, maxBytes int) *cache {
	return &cache{max: max, maxBytes: maxBytes, ll: list.New(), items: map[[32]byte]*list.Element{}}
}

func (c *cache) get(k [32]byte) (result, bool) {
	if c == nil || c.max <= 0 {
		return result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return result{}, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*cacheEntry).val, true
}

func (c *cache) put(k [32]byte, v result) {
	if c == nil || c.max <= 0 || v.size() > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.bytes -= e.Value.(*cacheEntry).val.size()
		e.Value.(*cacheEntry).val = v
		c.bytes += v.size()
		c.ll.MoveToFront(e)
	} else {
		c.items[k] = c.ll.PushFront(&cacheEntry{key: k, val: v})
		c.bytes += v.size()
	}
	for c.ll.Len() > c.max || c.bytes > c.maxBytes {
		e := c.ll.Back()
		ent := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.items, ent.key)
		c.bytes -= ent.val.size()
	}
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
