package main

import (
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/folio-wiki/folio/internal/throttle"
	"github.com/folio-wiki/folio/internal/wiki"
)

func TestParseTrustedProxies(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"", nil, false},
		{"10.0.0.0/8", []string{"10.0.0.0/8"}, false},
		{" 192.0.2.7 , 2001:db8::/32,10.1.2.3/8", []string{"192.0.2.7/32", "2001:db8::/32", "10.0.0.0/8"}, false},
		{"::ffff:192.0.2.7", []string{"192.0.2.7/32"}, false},
		{"proxy.example.org", nil, true},
		{"10.0.0.0/33", nil, true},
	}
	for _, tt := range tests {
		got, err := parseTrustedProxies(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseTrustedProxies(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		var gs []string
		for _, p := range got {
			gs = append(gs, p.String())
		}
		if !slices.Equal(gs, tt.want) {
			t.Errorf("parseTrustedProxies(%q) = %v, want %v", tt.in, gs, tt.want)
		}
	}
	c := DefaultConfig()
	c.TrustedProxies = "not-an-address"
	if err := c.Validate(); err == nil {
		t.Errorf("Validate() with a bad trusted_proxies = nil, want an error")
	}
}

// TestAccountThrottleDefaults checks that every account throttle starts
// with MediaWiki's defaults and takes the configured rules instead.
func TestAccountThrottleDefaults(t *testing.T) {
	c := DefaultConfig()
	c.Data = t.TempDir()
	w := wiki.New(nil, nil)
	a := &app{Config: c, Wiki: w}
	if _, err := configureAccounts(&c, w, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	want := map[string][]throttle.Rule{
		"login":          throttle.LoginRules,
		"passwordreset":  throttle.PasswordResetRules,
		"accountrequest": throttle.AccountRequestRules,
		"createaccount":  throttle.CreateAccountRules,
	}
	for name, l := range accountThrottles(a) {
		if l == nil || !slices.Equal(l.Rules, want[name]) {
			t.Errorf("throttle %s = %+v, want rules %v", name, l, want[name])
		}
	}
	c.Accounts.AccountCreationThrottle = []ThrottleRule{{Count: 2, Seconds: 60}}
	if _, err := configureAccounts(&c, w, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if got := w.Accounts.CreateAccountThrottle.Rules; !slices.Equal(got, []throttle.Rule{{Count: 2, Window: 60e9}}) {
		t.Errorf("configured account_creation_throttle = %v, want 2 per 60 s", got)
	}
}
