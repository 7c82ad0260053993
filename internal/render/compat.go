package render

import (
	"context"

	"github.com/folio-wiki/folio/wikitext/ext/compat"
)

// CompatSource holds the browser-compatibility data behind
// {{#compat:…}} and keeps its rendered tables; *internal/compat.Service is
// one.
type CompatSource interface {
	compat.Source
	compat.TableCache
}

var (
	_ compat.Source     = (*host)(nil)
	_ compat.TableCache = (*host)(nil)
)

// CompatFeature implements compat.Source over Renderer.Compat; without it
// the wiki has no data and every feature is unknown.
func (h *host) CompatFeature(ctx context.Context, path string) (compat.Feature, bool, error) {
	if h.r.Compat == nil {
		return compat.Feature{}, false, nil
	}
	return h.r.Compat.CompatFeature(ctx, path)
}

// CachedCompatTable implements compat.TableCache.
func (h *host) CachedCompatTable(ctx context.Context, key string) (string, bool) {
	if h.r.Compat == nil {
		return "", false
	}
	return h.r.Compat.CachedCompatTable(ctx, key)
}

// CacheCompatTable implements compat.TableCache.
func (h *host) CacheCompatTable(ctx context.Context, key, html string) {
	if h.r.Compat != nil {
		h.r.Compat.CacheCompatTable(ctx, key, html)
	}
}
