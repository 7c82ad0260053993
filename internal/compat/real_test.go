package compat_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/compat"
)

// TestRealData loads and imports a real @mdn/browser-compat-data (the npm
// package folder, its data.json or a source checkout) named by
// FOLIO_TEST_BCD, renders a few well-known tables, and imports it again to
// check that nothing is rewritten.
func TestRealData(t *testing.T) {
	dir := os.Getenv("FOLIO_TEST_BCD")
	if dir == "" {
		t.Skip("set FOLIO_TEST_BCD to an unpacked @mdn/browser-compat-data package to run this test")
	}
	ctx := context.Background()
	start := time.Now()
	fs, err := compat.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	loaded := time.Since(start)
	s, _ := newService(t)
	start = time.Now()
	res, err := s.Import(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	imported := time.Since(start)
	start = time.Now()
	again, err := s.Import(ctx, fs)
	if err != nil || again.Unchanged != len(fs) {
		t.Errorf("second import = %+v, %v", again, err)
	}
	t.Logf("%d features: load %v, import %v (%d added), re-import %v", len(fs), loaded, imported, res.Added, time.Since(start))
	for _, p := range []string{"css.properties.border-radius", "html.elements.dialog", "javascript.builtins.Array.at",
		"api.fetch", "css.properties.border-radius.percentages"} {
		start := time.Now()
		h, err := s.Table(ctx, p)
		if err != nil || !strings.Contains(h, "<table") {
			t.Errorf("Table(%s) = %.200s, %v", p, h, err)
			continue
		}
		t.Logf("%s: %d bytes of HTML in %v", p, len(h), time.Since(start))
	}
}
