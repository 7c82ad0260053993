package pagecache

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// Renderer renders page text; *render.Renderer is one.
type Renderer interface {
	Render(ctx context.Context, t folio.Title, text string, opt render.Options) (*render.Output, error)
}

// ParserCache keeps rendered pages (MediaWiki's ParserCache). An entry is
// keyed by title and output options and records the revision it renders,
// so a new revision never meets an old rendering. Previews and renders
// without a revision id are not cached.
type ParserCache struct {
	Renderer Renderer
	Cache    folio.Cache
	TTL      time.Duration // DefaultTTL when zero
	Logger   *slog.Logger
	// Now is the clock that ages entries with a CacheExpiry; time.Now
	// when nil.
	Now func() time.Time

	gen    atomic.Uint64
	hits   atomic.Int64
	misses atomic.Int64
}

var _ Renderer = (*ParserCache)(nil)

// parsed is a stored rendering.
type parsed struct {
	RevID  int64          `json:"rev"`
	Output *render.Output `json:"out"`
	// Stored is when the rendering was stored (Unix nanoseconds), kept
	// for renderings with a CacheExpiry only.
	Stored int64 `json:"at,omitempty"`
}

// Render returns the rendering of text, the content of revision opt.RevID
// of t, from the cache or from the Renderer.
func (pc *ParserCache) Render(ctx context.Context, t folio.Title, text string, opt render.Options) (*render.Output, error) {
	if opt.Preview || opt.RevID == 0 {
		return pc.Renderer.Render(ctx, t, text, opt)
	}
	key := parserKey(t.PrefixedDBKey(), opt.NoEditSections)
	if b, err := pc.Cache.Get(ctx, key); err == nil {
		var p parsed
		if json.Unmarshal(b, &p) == nil && p.RevID == opt.RevID && p.Output != nil {
			pc.hits.Add(1)
			p.Output.CacheExpiry = remainingExpiry(p.Output.CacheExpiry, p.Stored, pc.now())
			return p.Output, nil
		}
	} else if !errors.Is(err, folio.ErrCacheMiss) {
		pc.logger().Warn("parser cache read", "key", key, "err", err)
	}
	pc.misses.Add(1)
	gen := pc.gen.Load()
	out, err := pc.Renderer.Render(ctx, t, text, opt)
	if err != nil {
		return nil, err
	}
	ttl, ok := storeTTL(pc.ttl(), out.CacheExpiry)
	if !ok {
		return out, nil
	}
	pe := parsed{RevID: opt.RevID, Output: out}
	if out.CacheExpiry > 0 {
		pe.Stored = pc.now().UnixNano()
	}
	b, err := json.Marshal(pe)
	if err == nil {
		err = storeUnlessPurged(ctx, pc.Cache, &pc.gen, gen, key, b, ttl)
	}
	if err != nil {
		pc.logger().Warn("parser cache store", "key", key, "err", err)
	}
	return out, nil
}

// Stats returns the hit and miss counts since start.
func (pc *ParserCache) Stats() (hits, misses int64) { return pc.hits.Load(), pc.misses.Load() }

// Purge removes the renderings of titles.
func (pc *ParserCache) Purge(ctx context.Context, titles ...folio.Title) error {
	var keys []string
	for _, t := range titles {
		keys = append(keys, parserKeys(t)...)
	}
	return pc.purgeKeys(ctx, keys)
}

func (pc *ParserCache) purgeKeys(ctx context.Context, keys []string) error {
	pc.gen.Add(1)
	return pc.Cache.Delete(ctx, keys...)
}

func (pc *ParserCache) ttl() time.Duration {
	if pc.TTL > 0 {
		return pc.TTL
	}
	return DefaultTTL
}

func (pc *ParserCache) now() time.Time {
	if pc.Now != nil {
		return pc.Now()
	}
	return time.Now()
}

func (pc *ParserCache) logger() *slog.Logger {
	if pc.Logger != nil {
		return pc.Logger
	}
	return slog.Default()
}
