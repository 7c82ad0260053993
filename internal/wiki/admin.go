package wiki

import (
	"context"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// Delete deletes page p; its revisions move to the archive.
func (s *Service) Delete(ctx context.Context, u *folio.User, ip string, p *folio.Page, reason string) (*folio.LogEntry, error) {
	if err := s.adminCheck(ctx, u, "delete", p.Namespace, p.DBKey, p); err != nil {
		return nil, err
	}
	cats := s.categoriesOf(ctx, p.ID)
	le, err := s.Store.DeletePage(ctx, folio.DeleteRequest{PageID: p.ID, Actor: s.Actor(u, ip), Comment: truncateComment(reason)})
	if err == nil {
		s.changed(ctx, p.Namespace, p.DBKey, pagecache.Deleted)
		s.categoriesChanged(ctx, cats, 0)
	}
	return le, err
}

// Undelete restores the archived revisions of t (all when revIDs is empty).
func (s *Service) Undelete(ctx context.Context, u *folio.User, ip string, t folio.Title, revIDs []int64, reason string) (*folio.LogEntry, error) {
	if err := s.adminCheck(ctx, u, "undelete", t.Namespace, t.DBKey, nil); err != nil {
		return nil, err
	}
	le, err := s.Store.UndeletePage(ctx, folio.UndeleteRequest{
		Namespace: t.Namespace, DBKey: t.DBKey, RevIDs: revIDs, Actor: s.Actor(u, ip), Comment: truncateComment(reason),
	})
	if err == nil {
		s.changed(ctx, t.Namespace, t.DBKey, pagecache.Created)
	}
	return le, err
}

// Protect replaces the protections of page p.
func (s *Service) Protect(ctx context.Context, u *folio.User, ip string, p *folio.Page, prs []folio.Protection, reason string) (*folio.LogEntry, error) {
	if err := s.adminCheck(ctx, u, "protect", p.Namespace, p.DBKey, p); err != nil {
		return nil, err
	}
	for _, pr := range prs {
		if pr.Type != "edit" && pr.Type != "move" {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown protection type %q.", pr.Type)
		}
		if pr.Level != "autoconfirmed" && pr.Level != "sysop" {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown protection level %q.", pr.Level)
		}
	}
	le, err := s.Store.ProtectPage(ctx, folio.ProtectRequest{PageID: p.ID, Protections: prs, Actor: s.Actor(u, ip), Comment: truncateComment(reason)})
	if err == nil {
		s.changed(ctx, p.Namespace, p.DBKey, pagecache.Protected)
	}
	return le, err
}

func (s *Service) adminCheck(ctx context.Context, u *folio.User, action string, ns int, dbkey string, p *folio.Page) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	return s.CheckPermission(ctx, u, action, s.Namespaces.MakeTitle(ns, dbkey), p)
}
