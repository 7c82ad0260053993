package bugzilla_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// TestCacheExpiry checks that a page running a search (even a failing
// one) may be cached no longer than the answers, and that other pages and
// tags that run nothing keep no limit.
func TestCacheExpiry(t *testing.T) {
	ok := &fakeClient{bugs: testBugs()}
	failing := &fakeClient{err: errors.New("down")}
	tests := []struct {
		name   string
		client bugzilla.Client
		opts   []bugzilla.Option
		src    string
		want   time.Duration
	}{
		{"search", ok, []bugzilla.Option{bugzilla.WithCacheExpiry(5 * time.Minute)}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, 5 * time.Minute},
		{"failed search", failing, []bugzilla.Option{bugzilla.WithCacheExpiry(time.Minute)}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, time.Minute},
		{"no tag", ok, []bugzilla.Option{bugzilla.WithCacheExpiry(5 * time.Minute)}, `no bugs here`, 0},
		{"bad query runs nothing", ok, []bugzilla.Option{bugzilla.WithCacheExpiry(5 * time.Minute)}, `<bugzilla>[1]</bugzilla>`, 0},
		{"not configured", nil, []bugzilla.Option{bugzilla.WithCacheExpiry(5 * time.Minute)}, `<bugzilla>{"product":"Wiki"}</bugzilla>`, 0},
		{"no option", ok, nil, `<bugzilla>{"product":"Wiki"}</bugzilla>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if tt.client != nil {
				opts = append(opts, bugzilla.WithClient(tt.client))
			}
			p := wikitext.New(wikitext.WithExtensions(bugzilla.New(opts...)))
			out, err := p.Parse(context.Background(), tt.src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Bugs"}, Host: wikitexttest.NewHost()})
			if err != nil {
				t.Fatal(err)
			}
			if out.CacheExpiry != tt.want {
				t.Errorf("CacheExpiry = %v, want %v", out.CacheExpiry, tt.want)
			}
		})
	}
}
