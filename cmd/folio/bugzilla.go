package main

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/folio-wiki/folio/internal/render"
)

// configureBugzilla gives the renderer a Bugzilla client when bugzilla_url
// (FOLIO_BUGZILLA_URL) is set; the API key comes from the secrets file
// (bugzilla_api_key) and answers are kept for bugzilla_cache_ttl
// (FOLIO_BUGZILLA_CACHE_TTL, default 5m).
func configureBugzilla(c *Config, r *render.Renderer) error {
	if c.BugzillaURL == "" {
		return nil
	}
	u, err := url.Parse(c.BugzillaURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return fmt.Errorf("invalid configuration: bugzilla_url must be an http:// or https:// address without credentials, such as https://bugzilla.example.org")
	}
	ttl := render.DefaultBugzillaTTL
	if c.BugzillaCacheTTL != "" {
		ttl, err = time.ParseDuration(c.BugzillaCacheTTL)
		if err != nil || ttl < 0 {
			return fmt.Errorf("invalid configuration: bugzilla_cache_ttl %q is not a duration such as 5m", c.BugzillaCacheTTL)
		}
	}
	if ttl == 0 {
		ttl = time.Nanosecond // cache nothing
	}
	r.Bugzilla = &render.BugzillaClient{BaseURL: strings.TrimRight(c.BugzillaURL, "/"), APIKey: c.Secrets.BugzillaAPIKey, TTL: ttl}
	return nil
}
