package pagecache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
)

// DefaultReboundDelay is when the second CDN purge follows the first.
const DefaultReboundDelay = 10 * time.Second

// CDN sends HTTP PURGE requests for changed pages to caching proxies such
// as Varnish (MediaWiki's $wgCdnServers). Each URL is purged twice: at
// once and after ReboundDelay, which catches a proxy that refetched the
// page from a lagging replica in between.
type CDN struct {
	// Servers are the proxies' base URLs, such as "http://127.0.0.1:6081".
	Servers []string
	// Server is the wiki's public base URL; its host goes in the Host
	// header and its scheme and host start the purged URLs.
	Server string
	// ReboundDelay is the delay of the second purge; negative disables it.
	ReboundDelay time.Duration
	Client       *http.Client
}

// URLs returns the public URLs that show titles: the article path, the
// index.php view and the history.
func (c *CDN) URLs(titles ...folio.Title) []string {
	base := strings.TrimRight(c.Server, "/")
	var out []string
	for _, t := range titles {
		k := folio.URLEncode(t.PrefixedDBKey())
		out = append(out, base+folio.ArticlePath+k,
			base+folio.ScriptPath+"?title="+k,
			base+folio.ScriptPath+"?title="+k+"&action=history")
	}
	return out
}

// Purge sends PURGE for every URL to every server, in parallel, and
// returns the errors joined.
func (c *CDN) Purge(ctx context.Context, urls []string) error {
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for _, srv := range c.Servers {
		wg.Go(func() {
			for _, u := range urls {
				if u == "" {
					continue
				}
				if err := purgeOne(ctx, client, srv, u); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// purgeOne sends "PURGE path" to server with the URL's host.
func purgeOne(ctx context.Context, client *http.Client, server, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("purge %s: %w", rawURL, err)
	}
	req, err := http.NewRequestWithContext(ctx, "PURGE", strings.TrimRight(server, "/")+u.RequestURI(), nil)
	if err != nil {
		return fmt.Errorf("purge %s: %w", rawURL, err)
	}
	if u.Host != "" {
		req.Host = u.Host
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("purge %s at %s: %w", rawURL, server, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 400 && resp.StatusCode != http.StatusNotFound {
		return fmt.Errorf("purge %s at %s: %s", rawURL, server, resp.Status)
	}
	return nil
}

// reboundJob returns the delayed second purge of urls, or nil.
func (c *CDN) reboundJob(urls []string) *folio.Job {
	d := c.ReboundDelay
	if d == 0 {
		d = DefaultReboundDelay
	}
	if d < 0 || len(urls) == 0 || len(c.Servers) == 0 {
		return nil
	}
	return &folio.Job{Type: JobCDNPurge, RunAfter: time.Now().Add(d),
		Params: map[string]string{"urls": strings.Join(urls, "\n")}}
}
