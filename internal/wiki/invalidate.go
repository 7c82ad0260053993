package wiki

import (
	"context"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// Invalidator is told about every committed change so that cached pages
// that show it are purged (the page itself, and through jobs the pages
// linking to, redirecting to or transcluding it).
type Invalidator interface {
	PageChanged(ctx context.Context, t folio.Title, c pagecache.Change) error
}

// changed reports a committed change to the Invalidator, if there is one.
// It runs even if the request is cancelled: the change is already saved.
func (s *Service) changed(ctx context.Context, ns int, dbkey string, c pagecache.Change) {
	if s.Invalidator == nil {
		return
	}
	t := s.Namespaces.MakeTitle(ns, dbkey)
	if err := s.Invalidator.PageChanged(context.WithoutCancel(ctx), t, c); err != nil {
		s.Logger.Error("invalidate caches", "title", t.PrefixedText(), "err", err)
	}
}

// editChange tells an invalidator what a save did.
func (s *Service) editChanged(ctx context.Context, res *folio.EditResult) {
	if res == nil || res.NoChange || res.Page == nil {
		return
	}
	c := pagecache.Edited
	if res.New {
		c = pagecache.Created
	}
	s.changed(ctx, res.Page.Namespace, res.Page.DBKey, c)
}

// Purge asks for page t to be rendered again (action=purge).
func (s *Service) Purge(ctx context.Context, u *folio.User, t folio.Title) error {
	if !s.Allowed(u, "purge") && u != nil {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to purge pages.")
	}
	s.changed(ctx, t.Namespace, t.DBKey, pagecache.Purged)
	return nil
}
