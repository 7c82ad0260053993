// Package compat keeps MDN's browser-compatibility data
// (@mdn/browser-compat-data) in the database and serves it to the
// {{#compat:…}} parser function and Special:Compatables.
//
// Purging pages when data changes reuses the machinery of template edits:
// a page showing feature P records a templatelinks row to the pseudo page
// Special:Compatables/P (the feature's own standalone view), and an import
// that changes P reports that title as edited to the Invalidator. The
// Invalidator then purges the special page's cached copies and queues the
// same htmlCacheUpdate jobs a template edit queues, which purge every
// transcluding page from the page cache, the parser cache, other web heads
// and the CDN. No new table or job type is needed, Special:WhatLinksHere
// lists the pages using a feature, and refreshing links (maint
// rebuild-links) rebuilds the dependencies.
package compat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/ext/compat"
)

// SpecialPage is the canonical name of the standalone view, the
// MediaWiki-era WebPlatform Docs spelling.
const SpecialPage = "Compatables"

// DefaultTTL is how long a rendered table stays in the cache. Its key
// holds the data's digest, so new data never meets an old table.
const DefaultTTL = 7 * 24 * time.Hour

// Invalidator purges the pages a change makes stale;
// *pagecache.Invalidator is one.
type Invalidator interface {
	PageChanged(ctx context.Context, t folio.Title, c pagecache.Change) error
}

// Service answers compatibility lookups and imports. Set the fields before
// use; Cache and Invalidator are optional.
type Service struct {
	Store      folio.CompatStore
	Namespaces *folio.Namespaces
	// Cache keeps rendered tables (memcached, Redis or in process).
	Cache folio.Cache
	TTL   time.Duration
	// Invalidator purges the pages showing a feature whose data changed.
	Invalidator Invalidator
	// Links, when set, is asked first whether any page shows a changed
	// feature, so that a first import of thousands of features queues
	// no purges for features nobody uses.
	Links  pagecache.Backlinks
	Logger *slog.Logger
}

var (
	_ compat.Source     = (*Service)(nil)
	_ compat.TableCache = (*Service)(nil)
)

// Dependency is the pseudo page that pages showing the feature stored
// under path transclude: Special:Compatables/path.
func Dependency(path string) env.Title {
	return env.Title{Namespace: folio.NSSpecial, DBKey: SpecialPage + "/" + path}
}

// CompatFeature implements compat.Source: it returns the feature stored
// under path or under its nearest ancestor. When there is none, the
// returned feature still names the dependency on path, so that a page
// asking for it is purged once it is imported.
func (s *Service) CompatFeature(ctx context.Context, path string) (compat.Feature, bool, error) {
	for p := path; p != ""; {
		f, err := s.Store.FindCompatFeature(ctx, p)
		if err == nil {
			return compat.Feature{Path: f.Path, JSON: f.JSON, SHA: f.SHA256, Dependency: Dependency(f.Path)}, true, nil
		}
		if folio.ErrorCode(err) != folio.EMissingTitle {
			return compat.Feature{}, false, err
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return compat.Feature{Dependency: Dependency(path)}, false, nil
}

// CachedCompatTable implements compat.TableCache.
func (s *Service) CachedCompatTable(ctx context.Context, key string) (string, bool) {
	if s.Cache == nil {
		return "", false
	}
	b, err := s.Cache.Get(ctx, key)
	if err != nil {
		if !errors.Is(err, folio.ErrCacheMiss) {
			s.logger().Warn("compat table cache", "err", err)
		}
		return "", false
	}
	return string(b), true
}

// CacheCompatTable implements compat.TableCache.
func (s *Service) CacheCompatTable(ctx context.Context, key, html string) {
	if s.Cache == nil {
		return
	}
	ttl := s.TTL
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	if err := s.Cache.Set(ctx, key, []byte(html), ttl); err != nil {
		s.logger().Warn("compat table cache", "err", err)
	}
}

// Table returns the rendered table of path, from the cache when it holds
// one. Errors are *compat.Error.
func (s *Service) Table(ctx context.Context, path string) (string, error) {
	h, _, err := compat.Table(ctx, s, s, path)
	return h, err
}

// Features lists up to limit stored feature paths starting with prefix.
func (s *Service) Features(ctx context.Context, prefix string, limit int) ([]string, error) {
	return s.Store.FindCompatPaths(ctx, prefix, limit)
}

// PurgeTable drops the cached table of path and the cached copies of its
// standalone view, so that both render again.
func (s *Service) PurgeTable(ctx context.Context, path string) error {
	f, found, err := s.CompatFeature(ctx, path)
	if err != nil {
		return fmt.Errorf("purge compat table %s: %w", path, err)
	}
	if found && s.Cache != nil {
		if err := s.Cache.Delete(ctx, compat.CacheKey(path, f.SHA)); err != nil {
			return fmt.Errorf("purge compat table %s: %w", path, err)
		}
	}
	if s.Invalidator != nil {
		t := s.Namespaces.MakeTitle(folio.NSSpecial, SpecialPage+"/"+path)
		return s.Invalidator.PageChanged(ctx, t, pagecache.Purged)
	}
	return nil
}

// Import stores features, writing only those that changed, and has every
// page showing a changed feature purged.
func (s *Service) Import(ctx context.Context, features []*folio.CompatFeature) (*folio.CompatImportResult, error) {
	res, err := s.Store.SaveCompatFeatures(ctx, features)
	if err != nil {
		return nil, err
	}
	if s.Invalidator == nil {
		return res, nil
	}
	var errs []error
	for _, p := range res.ChangedPaths {
		t := s.Namespaces.MakeTitle(folio.NSSpecial, SpecialPage+"/"+p)
		if used, err := s.used(ctx, t); err != nil || !used {
			errs = append(errs, err)
			continue
		}
		res.Purged++
		errs = append(errs, s.Invalidator.PageChanged(context.WithoutCancel(ctx), t, pagecache.Edited))
	}
	if err := errors.Join(errs...); err != nil {
		return res, fmt.Errorf("purge pages showing changed features: %w", err)
	}
	return res, nil
}

// used reports whether a page transcludes t, the pseudo page of a
// feature; true when there is no Links to ask.
func (s *Service) used(ctx context.Context, t folio.Title) (bool, error) {
	if s.Links == nil {
		return true, nil
	}
	pages, err := s.Links.FindBacklinks(ctx, folio.BacklinkFilter{
		Target: folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}, Kind: "template", Limit: 1})
	if err != nil {
		return false, fmt.Errorf("find pages showing %s: %w", t.PrefixedText(), err)
	}
	return len(pages) > 0, nil
}

func (s *Service) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// digest is the hex SHA-256 of b.
func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
