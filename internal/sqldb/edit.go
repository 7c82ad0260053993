package sqldb

import (
	"context"
	"errors"
	"fmt"

	"github.com/folio-wiki/folio"
)

// SaveRevision saves an edit in one transaction: content, revision, page,
// recent change, edit count, link tables, redirect and site statistics.
//
// An edit of an existing page first claims the page row with a conditional
// UPDATE on page_latest, so that concurrent savers of one page queue on that
// row lock and all but the first get EEditConflict.
func (db *DB) SaveRevision(ctx context.Context, e *folio.Edit) (*folio.EditResult, error) {
	if e.DBKey == "" {
		return nil, folio.Errorf(folio.EInvalidTitle, "The page title is empty.")
	}
	var res *folio.EditResult
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		if e.BaseRevID == 0 {
			res, err = createPage(ctx, tx, e)
		} else {
			res, err = editPage(ctx, tx, e)
		}
		return err
	})
	if errors.Is(err, errNoChange) {
		return res, nil
	}
	return res, err
}

// errNoChange rolls back a null edit; SaveRevision reports it as NoChange.
var errNoChange = errors.New("no change")

// newRevision builds the revision an edit saves.
func newRevision(tx *Tx, e *folio.Edit, actor folio.Actor, pageID, parent int64) *folio.Revision {
	model := e.Model
	if model == "" {
		model = folio.ModelWikitext
	}
	return &folio.Revision{
		PageID: pageID, ParentID: parent, Timestamp: tx.Now, Actor: actor, Comment: e.Comment,
		Minor: e.Minor, Len: len(e.Text), SHA1: folio.SHA1Base36(e.Text), Model: model,
		Text: e.Text, Namespace: e.Namespace, DBKey: e.DBKey,
	}
}

// createPage saves the first revision of a page that must not exist.
func createPage(ctx context.Context, tx *Tx, e *folio.Edit) (*folio.EditResult, error) {
	exists := folio.Errorf(folio.EArticleExists, "The page %d:%s already exists.", e.Namespace, e.DBKey)
	if _, err := findPageByTitle(ctx, tx, e.Namespace, e.DBKey); err == nil {
		return nil, exists
	} else if folio.ErrorCode(err) != folio.EMissingTitle {
		return nil, err
	}
	actor, err := ensureActor(ctx, tx, e.Actor)
	if err != nil {
		return nil, err
	}
	r := newRevision(tx, e, actor, 0, 0)
	r.PageID, err = tx.insertID(ctx, `INSERT INTO page (page_namespace, page_title, page_is_redirect,
		page_is_new, page_touched, page_latest, page_len, page_content_model)
		VALUES (?, ?, ?, 1, ?, 0, ?, ?)`, "page_id", e.Namespace, e.DBKey, b2i(e.Redirect != nil),
		ts(tx.Now), r.Len, r.Model)
	if tx.isUnique(err) {
		return nil, exists
	} else if err != nil {
		return nil, fmt.Errorf("insert page: %w", err)
	}
	res := &folio.EditResult{New: true}
	if err := saveRevision(ctx, tx, e, r, res); err != nil {
		return nil, err
	}
	delta := statsDelta{pages: 1, edits: 1, articles: isArticle(e.Namespace, e.Redirect != nil)}
	return res, updateStats(ctx, tx, delta)
}

// editPage saves a new revision of an existing page based on e.BaseRevID.
func editPage(ctx context.Context, tx *Tx, e *folio.Edit) (*folio.EditResult, error) {
	p, err := findPageByTitle(ctx, tx, e.Namespace, e.DBKey)
	if err != nil {
		return nil, err
	}
	if err := claimPage(ctx, tx, p, e.BaseRevID); err != nil {
		return nil, err
	}
	cur, err := findRevision(ctx, tx, p.Latest)
	if err != nil {
		return nil, err
	}
	res := &folio.EditResult{OldRevID: cur.ID, OldLen: cur.Len}
	if cur.SHA1 == folio.SHA1Base36(e.Text) && cur.Text == e.Text {
		res.Page, res.Revision, res.NoChange = p, cur, true
		return res, errNoChange
	}
	actor, err := ensureActor(ctx, tx, e.Actor)
	if err != nil {
		return nil, err
	}
	r := newRevision(tx, e, actor, p.ID, cur.ID)
	if err := saveRevision(ctx, tx, e, r, res); err != nil {
		return nil, err
	}
	delta := statsDelta{edits: 1,
		articles: isArticle(p.Namespace, e.Redirect != nil) - isArticle(p.Namespace, p.IsRedirect)}
	return res, updateStats(ctx, tx, delta)
}

// claimPage locks the page row if its latest revision is still base.
func claimPage(ctx context.Context, tx *Tx, p *folio.Page, base int64) error {
	conflict := folio.Errorf(folio.EEditConflict,
		"The page %d:%s was changed after revision %d.", p.Namespace, p.DBKey, base)
	if p.Latest != base {
		return conflict
	}
	res, err := tx.exec(ctx, `UPDATE page SET page_touched = ? WHERE page_id = ? AND page_latest = ?`,
		ts(tx.Now), p.ID, base)
	if err != nil {
		return fmt.Errorf("lock page %d: %w", p.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("lock page %d: %w", p.ID, err)
	} else if n == 0 {
		return conflict
	}
	return nil
}

// saveRevision writes r and everything that follows from it, and fills res.
func saveRevision(ctx context.Context, tx *Tx, e *folio.Edit, r *folio.Revision, res *folio.EditResult) error {
	if err := insertRevision(ctx, tx, r); err != nil {
		return err
	}
	redirect := e.Redirect != nil
	if _, err := tx.exec(ctx, `UPDATE page SET page_latest = ?, page_len = ?, page_is_new = ?,
		page_is_redirect = ?, page_content_model = ?, page_touched = ? WHERE page_id = ?`,
		r.ID, r.Len, b2i(res.New), b2i(redirect), r.Model, ts(tx.Now), r.PageID); err != nil {
		return fmt.Errorf("update page %d: %w", r.PageID, err)
	}
	if err := recordEdit(ctx, tx, e, r, res); err != nil {
		return err
	}
	if err := reindexPage(ctx, tx, r.PageID); err != nil {
		return err
	}
	if e.Links != nil {
		if err := replaceLinks(ctx, tx, r.PageID, e.Namespace, e.Links); err != nil {
			return err
		}
	}
	if err := setRedirect(ctx, tx, r.PageID, e.Redirect); err != nil {
		return err
	}
	p, err := findPage(ctx, tx, `page_id = ?`, r.PageID)
	if err != nil {
		return fmt.Errorf("reload page %d: %w", r.PageID, err)
	}
	res.Page, res.Revision = p, r
	return nil
}

// recordEdit adds the recent change and counts the edit for its user.
func recordEdit(ctx context.Context, tx *Tx, e *folio.Edit, r *folio.Revision, res *folio.EditResult) error {
	typ := folio.RCEdit
	if res.New {
		typ = folio.RCNew
	}
	if !e.SuppressRC {
		rcID, err := insertRC(ctx, tx, &folio.RecentChange{
			Timestamp: tx.Now, Type: typ, Namespace: e.Namespace, DBKey: e.DBKey, PageID: r.PageID,
			Actor: r.Actor, Comment: e.Comment, Minor: e.Minor && !res.New, Bot: e.Bot, New: res.New,
			ThisOldID: r.ID, LastOldID: r.ParentID, OldLen: res.OldLen, NewLen: r.Len,
		}, "")
		if err != nil {
			return err
		}
		if err := autoPatrol(ctx, tx, e, rcID); err != nil {
			return err
		}
	}
	if r.Actor.UserID == 0 {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE "user" SET user_editcount = user_editcount + 1
		WHERE user_id = ?`, r.Actor.UserID); err != nil {
		return fmt.Errorf("count edit: %w", err)
	}
	return nil
}
