//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"context"
	"testing"
)

// TestListenShared binds two listeners to one port, as the old and the new
// process do during a rolling restart.
func TestListenShared(t *testing.T) {
	ctx := context.Background()
	a, err := listenShared(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := listenShared(ctx, a.Addr().String())
	if err != nil {
		t.Fatalf("second listener on %s: %v", a.Addr(), err)
	}
	b.Close()
}
