package api

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

func TestClientIP(t *testing.T) {
	s := &Server{Wiki: wiki.New(nil, folio.NewNamespaces("Test")),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"no proxy", "192.0.2.1:5555", "", "192.0.2.1"},
		{"untrusted peer ignores the header", "192.0.2.1:5555", "198.51.100.7", "192.0.2.1"},
		{"trusted proxy", "10.1.1.1:80", "198.51.100.7", "198.51.100.7"},
		{"chain of trusted proxies", "10.1.1.1:80", "198.51.100.7, 10.2.2.2", "198.51.100.7"},
		{"client spoofs an earlier hop", "10.1.1.1:80", "203.0.113.9, 198.51.100.7", "198.51.100.7"},
		{"malformed hop stops the walk", "10.1.1.1:80", "198.51.100.7, junk, 10.2.2.2", "10.2.2.2"},
		{"all trusted", "10.1.1.1:80", "10.3.3.3", "10.3.3.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api.php", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := s.clientIP(r); got != tt.want {
				t.Errorf("clientIP(%s, X-Forwarded-For %q) = %q, want %q", tt.remote, tt.xff, got, tt.want)
			}
		})
	}
}

// FuzzClientIP feeds arbitrary X-Forwarded-For headers: no panic, and the
// answer is never empty.
func FuzzClientIP(f *testing.F) {
	for _, seed := range []string{"", "198.51.100.7", "a, b, c", "::1, 10.0.0.1", ",,,", "[::1]:80", "1.2.3.4%eth0"} {
		f.Add(seed)
	}
	s := &Server{Wiki: wiki.New(nil, folio.NewNamespaces("Test")),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
	f.Fuzz(func(t *testing.T, xff string) {
		r := httptest.NewRequest("POST", "/api.php", nil)
		r.RemoteAddr = "10.9.9.9:1234"
		r.Header.Set("X-Forwarded-For", xff)
		if got := s.clientIP(r); got == "" {
			t.Errorf("clientIP(X-Forwarded-For %q) = empty", xff)
		}
	})
}
