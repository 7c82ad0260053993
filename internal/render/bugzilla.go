package render

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
)

// Defaults of BugzillaClient.
const (
	DefaultBugzillaTTL     = 5 * time.Minute
	DefaultBugzillaTimeout = 5 * time.Second
	// bugzillaMaxBytes bounds one answer of the REST API.
	bugzillaMaxBytes = 4 << 20
	// bugzillaMaxEntries bounds the cache.
	bugzillaMaxEntries = 256
	// bugzillaErrorTTL is how long a failure is remembered, so that an
	// unreachable server does not slow every view of a page.
	bugzillaErrorTTL = 30 * time.Second
)

// BugzillaClient runs the searches of <bugzilla> tags against a Bugzilla
// REST API (GET <BaseURL>/rest/bug) and keeps the answers for TTL. It is
// safe for concurrent use. Set the fields before the first search.
type BugzillaClient struct {
	BaseURL string        // such as https://bugzilla.example.org
	APIKey  string        // sent as X-BUGZILLA-API-KEY; optional
	TTL     time.Duration // DefaultBugzillaTTL when zero
	Timeout time.Duration // per request; DefaultBugzillaTimeout when zero
	HTTP    *http.Client  // nil: a client that follows no redirects
	Now     func() time.Time

	mu    sync.Mutex
	cache map[string]bugzillaEntry
}

var _ bugzilla.Client = (*BugzillaClient)(nil)

// bugzillaEntry is a cached answer or failure.
type bugzillaEntry struct {
	res     *bugzilla.Result
	err     error
	expires time.Time
}

// Search implements bugzilla.Client.
func (c *BugzillaClient) Search(ctx context.Context, q bugzilla.Query) (*bugzilla.Result, error) {
	key := q.Values().Encode()
	if e, ok := c.cached(key); ok {
		return e.res, e.err
	}
	res, err := c.fetch(ctx, key)
	if ctx.Err() != nil && err != nil {
		// The reader went away: the failure says nothing about Bugzilla.
		return nil, err
	}
	ttl := c.CacheTTL()
	if err != nil {
		ttl = min(ttl, bugzillaErrorTTL)
	}
	c.store(key, bugzillaEntry{res: res, err: err, expires: c.now().Add(ttl)})
	return res, err
}

// CacheTTL returns how long answers are kept: TTL, or DefaultBugzillaTTL.
func (c *BugzillaClient) CacheTTL() time.Duration {
	if c.TTL > 0 {
		return c.TTL
	}
	return DefaultBugzillaTTL
}

// bugzillaOptions configures the <bugzilla> tag with client c. A page
// that runs a search may be cached no longer than the client keeps its
// answers: CacheTTL when c has one, DefaultBugzillaTTL otherwise.
func bugzillaOptions(c bugzilla.Client) []bugzilla.Option {
	if c == nil {
		return nil
	}
	ttl := DefaultBugzillaTTL
	if t, ok := c.(interface{ CacheTTL() time.Duration }); ok {
		ttl = t.CacheTTL()
	}
	return []bugzilla.Option{bugzilla.WithClient(c), bugzilla.WithCacheExpiry(ttl)}
}

// BugURL implements bugzilla.Client.
func (c *BugzillaClient) BugURL(id string) string {
	return strings.TrimRight(c.BaseURL, "/") + "/show_bug.cgi?id=" + url.QueryEscape(id)
}

func (c *BugzillaClient) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *BugzillaClient) cached(key string) (bugzillaEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.cache[key]
	if !ok || c.now().After(e.expires) {
		return bugzillaEntry{}, false
	}
	return e, true
}

// store adds an entry, first dropping expired ones and then, when the
// cache is still full, arbitrary ones.
func (c *BugzillaClient) store(key string, e bugzillaEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil {
		c.cache = map[string]bugzillaEntry{}
	}
	if len(c.cache) >= bugzillaMaxEntries {
		now := c.now()
		for k, old := range c.cache {
			if now.After(old.expires) {
				delete(c.cache, k)
			}
		}
		for k := range c.cache {
			if len(c.cache) < bugzillaMaxEntries {
				break
			}
			delete(c.cache, k)
		}
	}
	c.cache[key] = e
}

// bugzillaAnswer is the JSON of /rest/bug: bugs, a count, or an error.
type bugzillaAnswer struct {
	Bugs     []bugzilla.Bug `json:"bugs"`
	BugCount *int           `json:"bug_count"`
	Error    bool           `json:"error"`
	Message  string         `json:"message"`
}

// fetch runs one search. Its errors are written for readers of the page
// and never contain the API key.
func (c *BugzillaClient) fetch(ctx context.Context, query string) (*bugzilla.Result, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultBugzillaTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(c.BaseURL, "/")+"/rest/bug?"+query, nil)
	if err != nil {
		return nil, errors.New("the Bugzilla address in the wiki's configuration is not valid")
	}
	req.Header.Set("Accept", "application/json")
	if c.APIKey != "" {
		req.Header.Set("X-BUGZILLA-API-KEY", c.APIKey)
	}
	resp, err := c.client().Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer from the Bugzilla server within %s", timeout)
		}
		return nil, errors.New("the Bugzilla server could not be reached")
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, bugzillaMaxBytes+1))
	if err != nil {
		return nil, errors.New("the answer of Bugzilla was cut off")
	}
	if len(body) > bugzillaMaxBytes {
		return nil, fmt.Errorf("the answer of Bugzilla is larger than %d MiB; narrow the query", bugzillaMaxBytes>>20)
	}
	return decodeBugzilla(resp.StatusCode, body)
}

// decodeBugzilla reads an answer of /rest/bug.
func decodeBugzilla(status int, body []byte) (*bugzilla.Result, error) {
	var a bugzillaAnswer
	jsonErr := json.Unmarshal(body, &a)
	switch {
	case jsonErr == nil && a.Error:
		return nil, fmt.Errorf("the Bugzilla server refused the query: %s", truncate(a.Message, 300))
	case status != http.StatusOK:
		return nil, fmt.Errorf("the Bugzilla server answered with HTTP status %d", status)
	case jsonErr != nil:
		return nil, errors.New("the answer of Bugzilla is not valid JSON")
	case a.BugCount != nil:
		return &bugzilla.Result{Count: *a.BugCount}, nil
	}
	if a.Bugs == nil {
		a.Bugs = []bugzilla.Bug{}
	}
	return &bugzilla.Result{Bugs: a.Bugs, Count: len(a.Bugs)}, nil
}

func (c *BugzillaClient) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return noRedirectClient
}

// noRedirectClient never follows a redirect, which could carry the API
// key header to another host.
var noRedirectClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
