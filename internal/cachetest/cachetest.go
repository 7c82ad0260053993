// Package cachetest is the conformance suite every folio.Cache and
// folio.PubSub implementation passes: inmem always, Redis and memcached
// when their servers are configured.
package cachetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// Run runs the cache suite. open returns an empty cache private to the
// test (a fresh key prefix) and registers its cleanup.
func Run(t *testing.T, open func(t *testing.T) folio.Cache) {
	tests := []struct {
		name string
		fn   func(t *testing.T, c folio.Cache)
	}{
		{"GetMissing", testGetMissing},
		{"SetGet", testSetGet},
		{"Overwrite", testOverwrite},
		{"Delete", testDelete},
		{"Expiry", testExpiry},
		{"Concurrent", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

func testGetMissing(t *testing.T, c folio.Cache) {
	if v, err := c.Get(t.Context(), "absent"); !errors.Is(err, folio.ErrCacheMiss) {
		t.Fatalf("Get(absent) = %q, %v; want ErrCacheMiss", v, err)
	}
}

func testSetGet(t *testing.T, c folio.Cache) {
	ctx := t.Context()
	tests := []struct {
		name, key string
		value     []byte
	}{
		{"plain", "page:Main_Page", []byte("<p>Hello</p>")},
		{"empty value", "empty", []byte{}},
		{"binary", "bin", []byte{0, 1, 2, 255, '\n', '\r', 0}},
		{"spaces and unicode in key", "Seite:Über uns\twith tab", []byte("ü")},
		{"long key", strings.Repeat("k", 400), []byte("long")},
		{"large value", "large", bytes.Repeat([]byte("0123456789"), 50_000)},
	}
	for _, tt := range tests {
		if err := c.Set(ctx, tt.key, tt.value, time.Minute); err != nil {
			t.Fatalf("%s: Set: %v", tt.name, err)
		}
	}
	for _, tt := range tests {
		got, err := c.Get(ctx, tt.key)
		if err != nil {
			t.Errorf("%s: Get: %v", tt.name, err)
		} else if !bytes.Equal(got, tt.value) {
			t.Errorf("%s: Get = %d bytes, want %d bytes", tt.name, len(got), len(tt.value))
		}
	}
}

func testOverwrite(t *testing.T, c folio.Cache) {
	ctx := t.Context()
	for i, v := range []string{"one", "two", "three"} {
		if err := c.Set(ctx, "k", []byte(v), 0); err != nil {
			t.Fatalf("Set #%d: %v", i, err)
		}
	}
	if got, err := c.Get(ctx, "k"); err != nil || string(got) != "three" {
		t.Fatalf("Get(k) = %q, %v; want %q", got, err, "three")
	}
}

func testDelete(t *testing.T, c folio.Cache) {
	ctx := t.Context()
	for _, k := range []string{"a", "b", "c"} {
		if err := c.Set(ctx, k, []byte(k), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Delete(ctx, "a", "b", "never-set"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := c.Delete(ctx); err != nil {
		t.Fatalf("Delete(): %v", err)
	}
	for _, tt := range []struct {
		key  string
		want bool
	}{{"a", false}, {"b", false}, {"c", true}} {
		_, err := c.Get(ctx, tt.key)
		if got := err == nil; got != tt.want {
			t.Errorf("after Delete, Get(%q) err = %v; want present=%v", tt.key, err, tt.want)
		}
	}
}

// testExpiry uses whole seconds: memcached counts TTLs in seconds.
func testExpiry(t *testing.T, c folio.Cache) {
	ctx := t.Context()
	if err := c.Set(ctx, "short", []byte("x"), time.Second); err != nil {
		t.Fatal(err)
	}
	if err := c.Set(ctx, "long", []byte("y"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "short"); err != nil {
		t.Fatalf("Get(short) at once: %v", err)
	}
	time.Sleep(2100 * time.Millisecond)
	if _, err := c.Get(ctx, "short"); !errors.Is(err, folio.ErrCacheMiss) {
		t.Errorf("Get(short) after its TTL: err = %v, want ErrCacheMiss", err)
	}
	if _, err := c.Get(ctx, "long"); err != nil {
		t.Errorf("Get(long): %v", err)
	}
}

func testConcurrent(t *testing.T, c folio.Cache) {
	ctx := t.Context()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				key := fmt.Sprintf("c%d", i%10)
				val := fmt.Appendf(nil, "%d-%d", w, i)
				if err := c.Set(ctx, key, val, time.Minute); err != nil {
					errs <- err
					return
				}
				if _, err := c.Get(ctx, key); err != nil && !errors.Is(err, folio.ErrCacheMiss) {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// RunPubSub runs the broadcast suite. open returns two handles that share
// a broadcast domain (two "web heads"), private to the test.
func RunPubSub(t *testing.T, open func(t *testing.T) (a, b folio.PubSub)) {
	a, b := open(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	subA, err := a.Subscribe(ctx, "purge")
	if err != nil {
		t.Fatalf("Subscribe a: %v", err)
	}
	subB, err := b.Subscribe(ctx, "purge")
	if err != nil {
		t.Fatalf("Subscribe b: %v", err)
	}
	other, err := b.Subscribe(ctx, "other")
	if err != nil {
		t.Fatalf("Subscribe other: %v", err)
	}
	msgs := []string{"page:Main_Page", "page:Template:Infobox", "binary\x00\xff"}
	for _, m := range msgs {
		if n, err := a.Publish(ctx, "purge", []byte(m)); err != nil || n != 2 {
			t.Fatalf("Publish = %d, %v; want 2 subscribers", n, err)
		}
	}
	for name, sub := range map[string]<-chan []byte{"a": subA, "b": subB} {
		for _, want := range msgs {
			if got := receive(t, sub); got != want {
				t.Errorf("subscriber %s got %q, want %q", name, got, want)
			}
		}
	}
	select {
	case m := <-other:
		t.Errorf("subscriber of another channel got %q", m)
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	waitClosed(t, subA)
	waitClosed(t, subB)
}

func receive(t *testing.T, ch <-chan []byte) string {
	t.Helper()
	select {
	case m, ok := <-ch:
		if !ok {
			t.Fatal("subscription closed early")
		}
		return string(m)
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5s")
	}
	return ""
}

func waitClosed(t *testing.T, ch <-chan []byte) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("subscription not closed within 5s of cancelling its context")
		}
	}
}
