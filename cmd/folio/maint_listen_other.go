//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import (
	"context"
	"net"
)

// listenShared listens on addr; this platform has no SO_REUSEPORT, so a
// rolling restart needs a load balancer in front.
func listenShared(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(ctx, "tcp", addr)
}
