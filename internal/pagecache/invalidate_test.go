package pagecache_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// fakeLinks is a link table: kind → target DBKey → source pages.
type fakeLinks map[string]map[string][]*folio.Page

func (l fakeLinks) FindBacklinks(_ context.Context, f folio.BacklinkFilter) ([]*folio.Page, error) {
	var out []*folio.Page
	for _, p := range l[f.Kind][f.Target.DBKey] {
		if p.ID > f.FromPageID && len(out) < f.Limit {
			out = append(out, p)
		}
	}
	return out, nil
}

func pages(first int64, names ...string) []*folio.Page {
	var out []*folio.Page
	for i, n := range names {
		out = append(out, &folio.Page{ID: first + int64(i), DBKey: n})
	}
	return out
}

// cachedTitles fills the page cache for names and returns a function that
// lists which of them are still cached.
func cachedTitles(t *testing.T, pc *pagecache.PageCache, names []string) func() []string {
	h := pc.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.URL.Path) }))
	for _, n := range names {
		do(h, "GET", "/wiki/"+n)
	}
	return func() []string {
		var left []string
		for _, n := range names {
			if do(h, "GET", "/wiki/"+n).Header().Get("X-Cache") == "HIT" {
				left = append(left, n)
			}
		}
		return left
	}
}

func TestPageChangedFanOut(t *testing.T) {
	links := fakeLinks{
		"template": {"Tpl": pages(1, "A", "B", "Mid"), "Mid": pages(10, "Deep"), "Deep": pages(20, "Deeper")},
		"link":     {"Tpl": pages(30, "Linker")},
		"redirect": {"Tpl": pages(40, "Alias")},
	}
	all := []string{"Tpl", "A", "B", "Mid", "Deep", "Deeper", "Linker", "Alias", "Unrelated"}
	tests := []struct {
		name     string
		change   pagecache.Change
		depth    int
		wantLeft []string
	}{
		{"edit, two levels", pagecache.Edited, 2, []string{"Deeper", "Linker", "Unrelated"}},
		{"edit, three levels", pagecache.Edited, 3, []string{"Linker", "Unrelated"}},
		{"creation turns links blue", pagecache.Created, 2, []string{"Deeper", "Unrelated"}},
		{"protection: the page only", pagecache.Protected, 2, []string{"A", "B", "Mid", "Deep", "Deeper", "Linker", "Alias", "Unrelated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := folio.NewNamespaces("Testwiki")
			pc := &pagecache.PageCache{Cache: inmem.NewCache(1 << 20), Namespaces: ns}
			left := cachedTitles(t, pc, all)
			// BatchSize 2 makes the three transclusions of Tpl take two jobs.
			inv := &pagecache.Invalidator{Pages: pc, Links: links, Namespaces: ns, Depth: tt.depth, BatchSize: 2}
			if err := inv.PageChanged(context.Background(), ns.MakeTitle(folio.NSMain, "Tpl"), tt.change); err != nil {
				t.Fatal(err)
			}
			if got := left(); !slices.Equal(got, tt.wantLeft) {
				t.Errorf("still cached: %v, want %v", got, tt.wantLeft)
			}
		})
	}
}

// queue records pushed jobs.
type queue struct {
	mu   sync.Mutex
	jobs []*folio.Job
}

func (q *queue) PushJobs(_ context.Context, jobs ...*folio.Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, jobs...)
	return nil
}

func TestCDNPurge(t *testing.T) {
	var mu sync.Mutex
	var got []string
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.Host+" "+r.URL.RequestURI())
		mu.Unlock()
	}))
	defer cdn.Close()
	ns := folio.NewNamespaces("Testwiki")
	q := &queue{}
	inv := &pagecache.Invalidator{Links: fakeLinks{}, Namespaces: ns, Jobs: q,
		CDN: &pagecache.CDN{Servers: []string{cdn.URL}, Server: "https://wiki.example.org", ReboundDelay: time.Minute}}
	if err := inv.PageChanged(context.Background(), ns.MakeTitle(folio.NSHelp, "Café_au_lait"), pagecache.Purged); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"PURGE wiki.example.org /wiki/Help:Caf%C3%A9_au_lait",
		"PURGE wiki.example.org /index.php?title=Help:Caf%C3%A9_au_lait",
		"PURGE wiki.example.org /index.php?title=Help:Caf%C3%A9_au_lait&action=history",
	}
	if !slices.Equal(got, want) {
		t.Errorf("CDN got %q, want %q", got, want)
	}
	if len(q.jobs) != 1 || q.jobs[0].Type != pagecache.JobCDNPurge || time.Until(q.jobs[0].RunAfter) < 50*time.Second {
		t.Fatalf("queued %+v, want one cdnPurge a minute later", q.jobs)
	}
	got = nil
	if err := inv.RunJob(context.Background(), q.jobs[0]); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("second purge sent %q, want %q", got, want)
	}
}

func TestCDNPurgeReportsFailure(t *testing.T) {
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "denied", http.StatusForbidden)
	}))
	defer cdn.Close()
	c := &pagecache.CDN{Servers: []string{cdn.URL}, Server: "http://wiki"}
	if err := c.Purge(context.Background(), []string{"http://wiki/wiki/X"}); err == nil {
		t.Error("Purge with a 403 answer returned nil")
	}
}

// TestBroadcast runs two web heads with their own in-process caches
// sharing a broadcast: a purge on one empties the other.
func TestBroadcast(t *testing.T) {
	ns := folio.NewNamespaces("Testwiki")
	bus := &inmem.PubSub{}
	var heads [2]*pagecache.Invalidator
	var left [2]func() []string
	for i := range heads {
		pc := &pagecache.PageCache{Cache: inmem.NewCache(1 << 20), Namespaces: ns}
		left[i] = cachedTitles(t, pc, []string{"Shared", "Other"})
		heads[i] = &pagecache.Invalidator{Pages: pc, Links: fakeLinks{}, Namespaces: ns, PubSub: bus}
		if err := heads[i].Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer heads[i].Close()
	}
	if err := heads[0].PageChanged(context.Background(), ns.MakeTitle(folio.NSMain, "Shared"), pagecache.Edited); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !slices.Equal(left[1](), []string{"Other"}) {
		if time.Now().After(deadline) {
			t.Fatalf("other head still caches %v, want [Other]", left[1]())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := left[0](); !slices.Equal(got, []string{"Other"}) {
		t.Errorf("editing head still caches %v, want [Other]", got)
	}
}

func TestUnknownJob(t *testing.T) {
	inv := &pagecache.Invalidator{Links: fakeLinks{}, Namespaces: folio.NewNamespaces("Testwiki")}
	if err := inv.RunJob(context.Background(), &folio.Job{Type: "nope"}); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("RunJob(unknown) = %v, want an error", err)
	}
}
