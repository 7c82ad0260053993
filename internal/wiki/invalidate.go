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

// categoriesOf returns the categories page id is in, when an Invalidator
// will want them; nil otherwise or for no page.
func (s *Service) categoriesOf(ctx context.Context, id int64) map[string]bool {
	if s.Invalidator == nil || id == 0 {
		return nil
	}
	ls, err := s.Store.FindLinks(ctx, id)
	if err != nil || ls == nil {
		return nil
	}
	cats := map[string]bool{}
	for _, c := range ls.Categories {
		cats[c.Category] = true
	}
	return cats
}

// categoriesChanged purges the category pages that gained or lost page id
// (before: its categories before the change), since they list it.
func (s *Service) categoriesChanged(ctx context.Context, before map[string]bool, id int64) {
	if s.Invalidator == nil {
		return
	}
	after := s.categoriesOf(ctx, id)
	for c := range before {
		if !after[c] {
			s.changed(ctx, folio.NSCategory, c, pagecache.Purged)
		}
	}
	for c := range after {
		if !before[c] {
			s.changed(ctx, folio.NSCategory, c, pagecache.Purged)
		}
	}
}

// Purge asks for page t to be rendered again (action=purge).
func (s *Service) Purge(ctx context.Context, u *folio.User, t folio.Title) error {
	if !s.Allowed(u, "purge") && u != nil {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to purge pages.")
	}
	s.changed(ctx, t.Namespace, t.DBKey, pagecache.Purged)
	return nil
}
