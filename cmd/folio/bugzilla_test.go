package main

import (
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/render"
)

func TestConfigureBugzilla(t *testing.T) {
	tests := []struct {
		name, url, ttl, key string
		wantErr             string
		wantTTL             time.Duration
	}{
		{name: "off"},
		{name: "defaults", url: "https://bugs.example.org/", wantTTL: render.DefaultBugzillaTTL},
		{name: "ttl and key", url: "http://127.0.0.1:8000", ttl: "90s", key: "k", wantTTL: 90 * time.Second},
		{name: "no caching", url: "http://bugs.example.org", ttl: "0s", wantTTL: time.Nanosecond},
		{name: "bad scheme", url: "ftp://bugs.example.org", wantErr: "bugzilla_url must be"},
		{name: "credentials", url: "https://u:p@bugs.example.org", wantErr: "without credentials"},
		{name: "bad ttl", url: "https://bugs.example.org", ttl: "soon", wantErr: "bugzilla_cache_ttl"},
		{name: "negative ttl", url: "https://bugs.example.org", ttl: "-1m", wantErr: "bugzilla_cache_ttl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.BugzillaURL, c.BugzillaCacheTTL, c.Secrets.BugzillaAPIKey = tt.url, tt.ttl, tt.key
			r := &render.Renderer{}
			err := configureBugzilla(&c, r)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("configureBugzilla = %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.url == "" {
				if r.Bugzilla != nil {
					t.Errorf("Bugzilla set without bugzilla_url")
				}
				return
			}
			bc, ok := r.Bugzilla.(*render.BugzillaClient)
			if !ok || bc.TTL != tt.wantTTL || bc.APIKey != tt.key || strings.HasSuffix(bc.BaseURL, "/") {
				t.Errorf("client %+v, want TTL %s and key %q", bc, tt.wantTTL, tt.key)
			}
		})
	}
}
