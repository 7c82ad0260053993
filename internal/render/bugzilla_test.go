package render_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla/bugzillatest"
)

func renderBugs(t *testing.T, c bugzilla.Client, text string) string {
	t.Helper()
	r := mustRenderer(t, nil)
	r.Bugzilla = c
	out, err := r.Render(context.Background(), folio.Title{Namespace: folio.NSMain, DBKey: "Bugs"}, text, render.Options{})
	if err != nil {
		t.Fatalf("Render(%q): %v", text, err)
	}
	return out.HTML
}

func TestBugzillaFake(t *testing.T) {
	bz := bugzillatest.NewServer(t, bugzillatest.SampleBugs())
	bz.APIKey = "k3y"
	c := &render.BugzillaClient{BaseURL: bz.URL + "/", APIKey: "k3y"}
	tests := []struct {
		name, text string
		want       []string
		dontWant   []string
	}{
		{"table", `<bugzilla>{"product":"Wiki","status":"NEW"}</bugzilla>`,
			[]string{`<table class="wikitable sortable mw-ext-bugzilla">`, "Search results miss redirects",
				`href="` + bz.URL + `/show_bug.cgi?id=101"`, "2026-03-04 05:06"},
			[]string{"Login form forgets", "Other product bug"}},
		{"escaped summary", `<bugzilla>{"product":"Wiki","status":"NEW"}</bugzilla>`,
			[]string{"Edit toolbar &lt;img src=x onerror=alert(1)&gt; breaks"}, []string{"<img"}},
		{"list", `<bugzilla display="list" columns="id,summary,resolution">{"product":"Wiki","status":["RESOLVED"]}</bugzilla>`,
			[]string{`<ul class="mw-ext-bugzilla-list">`, "Login form forgets the user name", "FIXED"}, []string{"<table"}},
		{"count", `There are <bugzilla display="count">{"product":"Wiki"}</bugzilla> bugs.`,
			[]string{`There are <span class="mw-ext-bugzilla-count">3</span> bugs.`}, nil},
		{"none", `<bugzilla>{"product":"Nothing"}</bugzilla>`, []string{"No bugs match this query."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderBugs(t, c, tt.text)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %s\nwant %s", tt.text, got, w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("Render(%q) = %s\nhas %s", tt.text, got, w)
				}
			}
		})
	}
	for _, k := range bz.Keys() {
		if k != "k3y" {
			t.Errorf("request carried API key %q, want k3y", k)
		}
	}
}

func TestBugzillaCache(t *testing.T) {
	bz := bugzillatest.NewServer(t, bugzillatest.SampleBugs())
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &render.BugzillaClient{BaseURL: bz.URL, TTL: time.Minute, Now: func() time.Time { return now }}
	text := `<bugzilla>{"product":"Wiki"}</bugzilla>`
	renderBugs(t, c, text)
	renderBugs(t, c, text)
	if n := bz.Requests(); n != 1 {
		t.Errorf("two renders within the TTL made %d requests, want 1", n)
	}
	now = now.Add(2 * time.Minute)
	renderBugs(t, c, text)
	if n := bz.Requests(); n != 2 {
		t.Errorf("a render after the TTL made %d requests in all, want 2", n)
	}
}

func TestBugzillaFailures(t *testing.T) {
	// A port that nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	status := func(code int, body string) string {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(s.Close)
		return s.URL
	}
	redirect := httptest.NewServer(http.RedirectHandler("http://192.0.2.1/steal", http.StatusFound))
	t.Cleanup(redirect.Close)
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"bugs":[{"summary":"` + strings.Repeat("x", 5<<20) + `"}]}`))
	}))
	t.Cleanup(huge.Close)
	tests := []struct {
		name string
		c    *render.BugzillaClient
		want string
	}{
		{"unreachable", &render.BugzillaClient{BaseURL: closed}, "the Bugzilla server could not be reached."},
		{"timeout", &render.BugzillaClient{BaseURL: slow.URL, Timeout: 200 * time.Millisecond}, "no answer from the Bugzilla server within 200ms."},
		{"server error", &render.BugzillaClient{BaseURL: status(500, "oops")}, "answered with HTTP status 500."},
		{"bugzilla error", &render.BugzillaClient{BaseURL: status(400, `{"error":true,"message":"Bad <field>"}`)},
			"refused the query: Bad &lt;field&gt;."},
		{"not json", &render.BugzillaClient{BaseURL: status(200, "<html>")}, "not valid JSON."},
		{"redirect", &render.BugzillaClient{BaseURL: redirect.URL, APIKey: "secret"}, "answered with HTTP status 302."},
		{"too large", &render.BugzillaClient{BaseURL: huge.URL}, "larger than 4 MiB"},
		{"bad url", &render.BugzillaClient{BaseURL: "http://[::1"}, "not valid."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got := renderBugs(t, tt.c, "Before\n\n<bugzilla>{\"product\":\"Wiki\"}</bugzilla>\n\nAfter")
			if !strings.Contains(got, `<div class="error mw-ext-bugzilla-error" role="alert">`) || !strings.Contains(got, tt.want) {
				t.Errorf("got %s\nwant an error box with %q", got, tt.want)
			}
			if !strings.Contains(got, "<p>Before\n</p>") || !strings.Contains(got, "After") {
				t.Errorf("the rest of the page is missing: %s", got)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("render took %s", d)
			}
		})
	}
}
