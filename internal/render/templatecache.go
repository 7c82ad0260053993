package render

import (
	"container/list"
	"sync"

	"github.com/folio-wiki/folio"
)

// DefaultTemplateCacheBytes bounds the text a Renderer keeps of the
// revisions it transcluded (Renderer.TemplateCacheBytes).
const DefaultTemplateCacheBytes = 16 << 20

// templateCache keeps the text of transcluded revisions by revision id, so
// that a render asks the store only for the page row of each template (its
// latest revision id) instead of the row and the revision's text. A
// revision's text never changes, so an entry can only be unused, never
// stale: an edited template has a new latest revision id, which misses.
// It is safe for concurrent use and its zero value is ready; it keeps at
// most max bytes of text, dropping the least recently used revisions.
type templateCache struct {
	mu    sync.Mutex
	byRev map[int64]*list.Element
	lru   list.List // of *tplEntry, most recently used first
	bytes int
}

// tplEntry is one revision: its text and, when the text is a redirect, the
// target (parsed once).
type tplEntry struct {
	rev      int64
	text     string
	redirect *folio.LinkTarget
}

// size is what an entry counts against the bound.
func (e *tplEntry) size() int { return len(e.text) + 64 }

// get returns the cached revision rev.
func (c *templateCache) get(rev int64) (*tplEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byRev[rev]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*tplEntry), true
}

// put adds e, dropping old entries while over max bytes; an entry larger
// than max is not kept.
func (c *templateCache) put(e *tplEntry, max int) {
	if max <= 0 || e.size() > max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byRev == nil {
		c.byRev = map[int64]*list.Element{}
	}
	if el, ok := c.byRev[e.rev]; ok {
		c.lru.MoveToFront(el)
		return
	}
	c.byRev[e.rev] = c.lru.PushFront(e)
	c.bytes += e.size()
	for c.bytes > max {
		last := c.lru.Back()
		old := last.Value.(*tplEntry)
		c.lru.Remove(last)
		delete(c.byRev, old.rev)
		c.bytes -= old.size()
	}
}

// len returns the number of cached revisions and their size (for tests).
func (c *templateCache) len() (n, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byRev), c.bytes
}
