package etherpad_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext/ext/etherpad"
)

func TestExportURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"https://pad.example.org/p/notes", "https://pad.example.org/p/notes/export/html", ""},
		{" http://pad.example.org/p/notes/?x=1#l ", "http://pad.example.org/p/notes/export/html", ""},
		{"https://pad.example.org/p/notes/export/html", "https://pad.example.org/p/notes/export/html", ""},
		{"https://pad.example.org/p/a%20b", "https://pad.example.org/p/a%20b/export/html", ""},
		{"file:///etc/passwd", "", "http:// or https://"},
		{"javascript:alert(1)", "", "http:// or https://"},
		{"gopher://x/p/a", "", "http:// or https://"},
		{"https://user:pw@pad.example.org/p/a", "", "no user name"},
		{"https://pad.example.org", "", "names no pad"},
		{"https://%zz", "", "not a valid URL"},
	}
	for _, tt := range tests {
		got, err := etherpad.ExportURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ExportURL(%q) = %q, %v; want error with %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ExportURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestFetch fetches the recorded export from a fake Etherpad over HTTP.
func TestFetch(t *testing.T) {
	export, err := os.ReadFile("testdata/meeting.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p/{pad}/export/html", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("pad") != "team-meeting" {
			http.Error(w, "pad not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(export)
	})
	mux.HandleFunc("GET /p/slow/export/html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("GET /p/huge/export/html", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 2<<20)))
	})
	mux.Handle("GET /p/moved/export/html", http.RedirectHandler("file:///etc/passwd", http.StatusFound))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f := &etherpad.Fetcher{Timeout: 10 * time.Second, MaxBytes: 1 << 20}
	got, err := f.Fetch(context.Background(), srv.URL+"/p/team-meeting")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "== Team meeting ==\n") || !strings.Contains(got, "\n* '''Ann''' (chair)\n") {
		t.Errorf("Fetch = %q", got)
	}
	for _, tt := range []struct{ pad, want string }{
		{"/p/missing", "HTTP status 404"},

		{"/p/huge", "larger than 1024 KiB"},
		{"/p/moved", "could not be reached"},
	} {
		if _, err := f.Fetch(context.Background(), srv.URL+tt.pad); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Fetch(%s) error = %v, want %q", tt.pad, err, tt.want)
		}
	}
	quick := &etherpad.Fetcher{Timeout: 300 * time.Millisecond}
	if _, err := quick.Fetch(context.Background(), srv.URL+"/p/slow"); err == nil || !strings.Contains(err.Error(), "did not answer within 300ms") {
		t.Errorf("Fetch(/p/slow) error = %v, want a timeout", err)
	}
}
