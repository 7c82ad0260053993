package api

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/folio-wiki/folio/internal/session"
)

// stashLifetime is how long a stashed upload waits to be finished.
const stashLifetime = 6 * time.Hour

// maxStashBytes bounds the bytes all stashed uploads hold in memory.
const maxStashBytes = 256 << 20

// uploadStash keeps uploads that stopped on warnings, and the chunks of
// chunked uploads, until a later request finishes them. It lives in this
// process's memory, so a finishing request must reach the same server;
// every entry belongs to the session that made it.
type uploadStash struct {
	mu      sync.Mutex
	entries map[string]*stashEntry
	bytes   int
}

type stashEntry struct {
	owner   string // the session id
	name    string
	data    []byte
	expires time.Time
}

func owner(c *call) string {
	if c.st.Session == nil {
		return ""
	}
	return c.st.Session.ID
}

func (st *uploadStash) expire(now time.Time) {
	for k, e := range st.entries {
		if now.After(e.expires) {
			st.bytes -= len(e.data)
			delete(st.entries, k)
		}
	}
}

// put stashes data and returns its key.
func (st *uploadStash) put(c *call, name string, data []byte) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.expire(time.Now())
	if st.entries == nil {
		st.entries = map[string]*stashEntry{}
	}
	if st.bytes+len(data) > maxStashBytes {
		return ""
	}
	key := strings.ToLower(session.RandomString(9)) + ".stash"
	st.entries[key] = &stashEntry{owner: owner(c), name: name, data: data, expires: time.Now().Add(stashLifetime)}
	st.bytes += len(data)
	return key
}

// get returns the entry under key if it belongs to the request's session.
func (st *uploadStash) get(c *call, key string) (*stashEntry, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.expire(time.Now())
	e, ok := st.entries[key]
	if !ok || e.owner != owner(c) {
		return nil, false
	}
	return e, true
}

func (st *uploadStash) drop(key string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if e, ok := st.entries[key]; ok {
		st.bytes -= len(e.data)
		delete(st.entries, key)
	}
}

// appendChunk adds a chunk at offset to the upload under key (a new one
// when key is empty) and returns the key and the bytes received so far.
func (st *uploadStash) appendChunk(c *call, key, name string, offset int64, chunk []byte) (string, int, error) {
	if key == "" {
		if offset != 0 {
			return "", 0, usageError("stashfailed", "The first chunk must start at offset 0.")
		}
		key = st.put(c, name, nil)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	e, ok := st.entries[key]
	if !ok || e.owner != owner(c) {
		return "", 0, usageError("stashfailed", "The stashed upload was not found; it may have expired.")
	}
	if offset != int64(len(e.data)) {
		return "", 0, usageError("stashfailed", fmt.Sprintf("The chunk starts at offset %d, but %d bytes were received so far.", offset, len(e.data)))
	}
	if st.bytes+len(chunk) > maxStashBytes {
		return "", 0, usageError("stashfailed", "The upload stash is full; try again later.")
	}
	e.data = append(e.data, chunk...)
	st.bytes += len(chunk)
	return key, len(e.data), nil
}
