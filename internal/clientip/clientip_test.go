package clientip_test

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/folio-wiki/folio/internal/clientip"
)

func TestFrom(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name, peer, xff, want string
	}{
		{"direct client", "192.0.2.7:5000", "", "192.0.2.7"},
		{"untrusted peer's header ignored", "192.0.2.7:5000", "203.0.113.9", "192.0.2.7"},
		{"through a trusted proxy", "10.1.2.3:80", "203.0.113.9", "203.0.113.9"},
		{"spoofed hop left of the real client", "10.1.2.3:80", "198.51.100.1, 203.0.113.9", "203.0.113.9"},
		{"chain of trusted proxies", "10.1.2.3:80", "203.0.113.9, 10.9.9.9", "203.0.113.9"},
		{"malformed hop stops the walk", "10.1.2.3:80", "203.0.113.9, junk", "10.1.2.3"},
		{"IPv6 proxy", "[::1]:80", "2001:db8::5", "2001:db8::5"},
		{"peer without port", "192.0.2.8", "", "192.0.2.8"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.peer
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := clientip.From(r, proxies); got != tt.want {
			t.Errorf("%s: From() = %q, want %q", tt.name, got, tt.want)
		}
	}
}
