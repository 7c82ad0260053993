// Package clientip finds the address of the client behind a request: the
// peer, or, when the peer is a trusted reverse proxy, the nearest address
// in X-Forwarded-For that is not one (MediaWiki's $wgCdnServers logic).
package clientip

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// From returns the client address of r as text. Entries of X-Forwarded-For
// are read from the right and only while they are trusted proxies, so a
// client cannot choose its address by sending the header itself; a
// malformed entry stops the walk at the last trusted hop.
func From(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(trusted, addr) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		addr = hop.Unmap()
		if !isTrusted(trusted, addr) {
			break
		}
	}
	return addr.String()
}

func isTrusted(trusted []netip.Prefix, a netip.Addr) bool {
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}
