package inmem_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/cachetest"
	"github.com/folio-wiki/folio/internal/inmem"
)

func TestCache(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) folio.Cache { return inmem.NewCache(64 << 20) })
}

func TestPubSub(t *testing.T) {
	cachetest.RunPubSub(t, func(t *testing.T) (folio.PubSub, folio.PubSub) {
		p := &inmem.PubSub{}
		return p, p
	})
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	c := inmem.NewCache(16 * 1024) // 1 KiB per shard
	for i := range 200 {
		if err := c.Set(ctx, fmt.Sprintf("k%d", i), make([]byte, 100), 0); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Size(); got > 16*1024 {
		t.Errorf("Size() = %d, want ≤ %d", got, 16*1024)
	}
	if _, err := c.Get(ctx, "k199"); err != nil {
		t.Errorf("newest entry evicted: %v", err)
	}
	if _, err := c.Get(ctx, "k0"); !errors.Is(err, folio.ErrCacheMiss) {
		t.Errorf("oldest entry kept: err = %v", err)
	}
}

func TestCacheTTL(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1_000_000, 0)
	c := inmem.NewCache(1 << 20)
	c.Now = func() time.Time { return now }
	tests := []struct {
		name    string
		ttl     time.Duration
		advance time.Duration
		want    error
	}{
		{"before expiry", time.Minute, 59 * time.Second, nil},
		{"at expiry", time.Minute, time.Minute, folio.ErrCacheMiss},
		{"no ttl", 0, 1000 * time.Hour, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now = time.Unix(1_000_000, 0)
			if err := c.Set(ctx, tt.name, []byte("v"), tt.ttl); err != nil {
				t.Fatal(err)
			}
			now = now.Add(tt.advance)
			if _, err := c.Get(ctx, tt.name); !errors.Is(err, tt.want) {
				t.Errorf("Get after %v = %v, want %v", tt.advance, err, tt.want)
			}
		})
	}
}

func TestCacheSkipsOversizedValue(t *testing.T) {
	ctx := context.Background()
	c := inmem.NewCache(16 * 1024)
	if err := c.Set(ctx, "big", make([]byte, 4096), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "big"); !errors.Is(err, folio.ErrCacheMiss) {
		t.Errorf("Get(big) err = %v, want a miss for a value over the shard bound", err)
	}
}

func BenchmarkCacheGet(b *testing.B) {
	ctx := context.Background()
	c := inmem.NewCache(64 << 20)
	_ = c.Set(ctx, "page:Main_Page", make([]byte, 30_000), time.Hour)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Get(ctx, "page:Main_Page"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
