package render_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla/bugzillatest"
)

// otherClient is a bugzilla.Client without CacheTTL.
type otherClient struct{ bugzilla.Client }

// TestBugzillaCacheExpiry checks that a page with <bugzilla> carries the
// client's answer TTL as its cache expiry, and a page without none.
func TestBugzillaCacheExpiry(t *testing.T) {
	bz := bugzillatest.NewServer(t, bugzillatest.SampleBugs())
	tests := []struct {
		name   string
		client bugzilla.Client
		text   string
		want   time.Duration
	}{
		{"client TTL", &render.BugzillaClient{BaseURL: bz.URL, TTL: 90 * time.Second}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, 90 * time.Second},
		{"default TTL", &render.BugzillaClient{BaseURL: bz.URL}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, render.DefaultBugzillaTTL},
		{"client without a TTL", otherClient{&render.BugzillaClient{BaseURL: bz.URL, TTL: time.Second}}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, render.DefaultBugzillaTTL},
		{"no tag", &render.BugzillaClient{BaseURL: bz.URL, TTL: time.Minute}, `plain [[text]]`, 0},
		{"not configured", nil, `<bugzilla>{"product":"Wiki"}</bugzilla>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRenderer(t, nil)
			r.Bugzilla = tt.client
			out, err := r.Render(context.Background(), folio.Title{Namespace: folio.NSMain, DBKey: "Bugs"}, tt.text, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if out.CacheExpiry != tt.want {
				t.Errorf("CacheExpiry = %v, want %v", out.CacheExpiry, tt.want)
			}
		})
	}
}
