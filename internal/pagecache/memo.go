package pagecache

import (
	"net/http"
	"strings"
	"sync"

	"github.com/folio-wiki/folio"
)

// memoSize bounds the hot-path memos; a full memo is emptied.
const memoSize = 4096

// memo is a small concurrent map that forgets everything when full. The
// hot path uses it to skip title parsing and entry decoding.
type memo[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

func (m *memo[V]) get(k string) (V, bool) {
	m.mu.RLock()
	v, ok := m.m[k]
	m.mu.RUnlock()
	return v, ok
}

func (m *memo[V]) put(k string, v V) {
	m.mu.Lock()
	if m.m == nil || len(m.m) >= memoSize {
		m.m = make(map[string]V)
	}
	m.m[k] = v
	m.mu.Unlock()
}

// decoded is an entry decoded from the stored bytes starting at raw. An
// in-process cache returns the same bytes until the entry is replaced, so
// the pointer tells whether the decoded form is still that entry's. The
// decoded entry keeps raw alive, so its address cannot be reused.
type decoded struct {
	raw *byte
	n   int
	e   *entry
}

// decode returns the entry stored under key as b, decoding it once per
// stored value.
func (pc *PageCache) decode(key string, b []byte) (*entry, error) {
	if len(b) == 0 {
		return nil, errBadEntry
	}
	if d, ok := pc.entries.get(key); ok && d.raw == &b[0] && d.n == len(b) {
		return d.e, nil
	}
	e, err := decodeEntry(b)
	if err != nil {
		return nil, err
	}
	pc.entries.put(key, decoded{raw: &b[0], n: len(b), e: e})
	return e, nil
}

// key returns the cache key of r, remembering it by path for article
// paths, the common case.
func (pc *PageCache) key(r *http.Request) (string, bool) {
	if r.URL.RawQuery != "" || !strings.HasPrefix(r.URL.Path, folio.ArticlePath) {
		return requestKey(pc.Namespaces, r)
	}
	if k, ok := pc.keys.get(r.URL.Path); ok {
		return k, k != ""
	}
	k, ok := requestKey(pc.Namespaces, r)
	pc.keys.put(r.URL.Path, k)
	return k, ok
}
