package wiki

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/diff"
)

// UndoText returns the page text with the changes between revisions
// undoAfter and undo taken out of the current text, for the editor to review
// and save. It fails with EUndoFailure when later edits overlap.
func (s *Service) UndoText(ctx context.Context, p *folio.Page, undo, undoAfter int64) (string, error) {
	undoRev, err := s.Store.FindRevisionByID(ctx, undo)
	if err != nil {
		return "", err
	}
	if undoAfter == 0 {
		undoAfter = undoRev.ParentID
	}
	if undoRev.PageID != p.ID {
		return "", folio.Errorf(folio.EUndoFailure, "Revision %d does not belong to this page.", undo)
	}
	afterText := ""
	if undoAfter != 0 {
		after, err := s.Store.FindRevisionByID(ctx, undoAfter)
		if err != nil {
			return "", err
		}
		if after.PageID != p.ID {
			return "", folio.Errorf(folio.EUndoFailure, "Revision %d does not belong to this page.", undoAfter)
		}
		afterText = after.Text
	}
	cur, err := s.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		return "", err
	}
	if cur.ID == undoRev.ID {
		return afterText, nil
	}
	text, ok := diff.Merge3(undoRev.Text, cur.Text, afterText)
	if !ok {
		return "", folio.Errorf(folio.EUndoFailure, "The edit could not be undone because later edits changed the same lines.")
	}
	return text, nil
}

// Rollback reverts the latest consecutive edits by the page's last editor to
// the last revision by someone else, as MediaWiki's rollback link does.
func (s *Service) Rollback(ctx context.Context, u *folio.User, ip string, p *folio.Page, fromUser string) (*folio.EditResult, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	if err := s.CheckPermission(ctx, u, "rollback", t, p); err != nil {
		return nil, err
	}
	if err := s.CheckPermission(ctx, u, "edit", t, p); err != nil {
		return nil, err
	}
	target, err := s.rollbackTarget(ctx, p, fromUser)
	if err != nil {
		return nil, err
	}
	summary := fmt.Sprintf("Reverted edits by %s to the last revision by %s", fromUser, target.Actor.Name)
	res, err := s.Store.SaveRevision(ctx, &folio.Edit{
		Namespace: p.Namespace, DBKey: p.DBKey, Text: target.Text, Model: target.Model,
		Comment: summary, Minor: true, Actor: s.Actor(u, ip), BaseRevID: p.Latest,
		Links: s.links(ctx, t, target.Text), Redirect: s.redirect(ctx, t, target.Text),
	})
	if err == nil {
		s.editChanged(ctx, res)
		s.notifyWatchers(ctx, u, res)
	}
	return res, err
}

func (s *Service) rollbackTarget(ctx context.Context, p *folio.Page, fromUser string) (*folio.Revision, error) {
	pid := p.ID
	var before int64
	for {
		revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pid, Before: before, Limit: 100})
		if err != nil {
			return nil, err
		}
		if len(revs) == 0 {
			return nil, folio.Errorf(folio.EOnlyAuthor, "%s is the only author of this page.", fromUser)
		}
		if before == 0 && revs[0].Actor.Name != fromUser {
			return nil, folio.Errorf(folio.EAlreadyRolled, "The last edit was made by %s, not %s: someone else has edited or rolled back the page already.", revs[0].Actor.Name, fromUser)
		}
		for _, r := range revs {
			if r.Actor.Name != fromUser {
				return s.Store.FindRevisionByID(ctx, r.ID)
			}
		}
		before = revs[len(revs)-1].ID
	}
}

func (s *Service) links(ctx context.Context, t folio.Title, text string) *folio.LinkSet {
	if s.Linker == nil {
		return nil
	}
	ls, _, err := s.Linker.Links(ctx, t, text)
	if err != nil {
		s.Logger.Warn("derive links", "title", t.PrefixedText(), "err", err)
		return nil
	}
	return ls
}

func (s *Service) redirect(ctx context.Context, t folio.Title, text string) *folio.LinkTarget {
	if s.Linker == nil {
		return nil
	}
	_, rd, err := s.Linker.Links(ctx, t, text)
	if err != nil {
		return nil
	}
	return rd
}
