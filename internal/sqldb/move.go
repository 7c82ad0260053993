package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
)

var _ folio.MoveStore = (*DB)(nil)

// MovePage renames a page in one transaction: the page row takes the new
// title and keeps its id, a null revision records the move in its history,
// an optional redirect is left at the old title, and move/move or
// move/move_redir is logged (with its recent change).
func (db *DB) MovePage(ctx context.Context, req folio.MoveRequest) (*folio.MoveResult, error) {
	if req.ToDBKey == "" {
		return nil, folio.Errorf(folio.EInvalidTitle, "The new title is empty.")
	}
	var res *folio.MoveResult
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		res, err = movePage(ctx, tx, req)
		return err
	})
	return res, err
}

func movePage(ctx context.Context, tx *Tx, req folio.MoveRequest) (*folio.MoveResult, error) {
	p, err := findPage(ctx, tx, `page_id = ?`, req.PageID)
	if notFound(err) {
		return nil, folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", req.PageID)
	} else if err != nil {
		return nil, err
	}
	if p.Namespace == req.ToNamespace && p.DBKey == req.ToDBKey {
		return nil, folio.Errorf(folio.ESelfMove, "The page cannot be moved to its own title.")
	}
	res := &folio.MoveResult{}
	if res.MovedOverRedirect, err = clearMoveTarget(ctx, tx, p, req); err != nil {
		return nil, err
	}
	actor, err := ensureActor(ctx, tx, req.Actor)
	if err != nil {
		return nil, err
	}
	if err := renamePage(ctx, tx, p, req); err != nil {
		return nil, err
	}
	if res.Revision, err = insertNullRevision(ctx, tx, p, actor, req.Summary); err != nil {
		return nil, err
	}
	if req.LeaveRedirect {
		if res.RedirectPageID, err = createMoveRedirect(ctx, tx, p, actor, req); err != nil {
			return nil, err
		}
	}
	if res.Page, err = findPage(ctx, tx, `page_id = ?`, p.ID); err != nil {
		return nil, fmt.Errorf("reload moved page %d: %w", p.ID, err)
	}
	res.LogEntry = moveLogEntry(p, req, actor, res.MovedOverRedirect)
	return res, createLogEntry(ctx, tx, res.LogEntry)
}

// clearMoveTarget checks that the target title is free. A redirect with one
// revision that points back to p is removed, as MediaWiki allows, and it
// reports that; with req.DeleteTarget any other page there is deleted
// (and logged as a deletion).
func clearMoveTarget(ctx context.Context, tx *Tx, p *folio.Page, req folio.MoveRequest) (bool, error) {
	target, err := findPageByTitle(ctx, tx, req.ToNamespace, req.ToDBKey)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		return false, nil
	} else if err != nil {
		return false, err
	}
	back, err := isRedirectBack(ctx, tx, p, target)
	switch {
	case err != nil:
		return false, err
	case back:
		return true, removeRedirectPage(ctx, tx, target)
	case req.DeleteTarget:
		_, err := deletePage(ctx, tx, folio.DeleteRequest{PageID: target.ID, Actor: req.Actor, Comment: req.DeleteComment})
		return false, err
	}
	return false, folio.Errorf(folio.EArticleExists, "A page already exists at the new title, or the title is not valid.")
}

// isRedirectBack reports whether target is a redirect to p with a single
// revision, which a move may replace without deleting anything of value.
func isRedirectBack(ctx context.Context, tx *Tx, p, target *folio.Page) (bool, error) {
	if !target.IsRedirect {
		return false, nil
	}
	var revs int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM revision WHERE rev_page = ?`, target.ID).Scan(&revs); err != nil {
		return false, fmt.Errorf("count revisions of page %d: %w", target.ID, err)
	}
	var rdNS int
	var rdTitle string
	err := tx.queryRow(ctx, `SELECT rd_namespace, rd_title FROM redirect WHERE rd_from = ?`, target.ID).Scan(&rdNS, &rdTitle)
	if notFound(err) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("find redirect of page %d: %w", target.ID, err)
	}
	return revs == 1 && rdNS == p.Namespace && rdTitle == p.DBKey, nil
}

// removeRedirectPage deletes a redirect page that a move replaces: its
// revision goes to the archive, and no delete log entry is written (the
// move_redir entry tells what happened).
func removeRedirectPage(ctx context.Context, tx *Tx, p *folio.Page) error {
	if _, err := tx.exec(ctx, `INSERT INTO archive (ar_namespace, ar_title, ar_comment, ar_actor,
		ar_timestamp, ar_minor_edit, ar_rev_id, ar_deleted, ar_len, ar_page_id, ar_parent_id, ar_sha1)
		SELECT ?, ?, rev_comment, rev_actor, rev_timestamp, rev_minor_edit, rev_id, rev_deleted,
		rev_len, rev_page, rev_parent_id, rev_sha1 FROM revision WHERE rev_page = ?`,
		p.Namespace, p.DBKey, p.ID); err != nil {
		return fmt.Errorf("archive redirect: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM revision WHERE rev_page = ?`,
		`DELETE FROM page_restrictions WHERE pr_page = ?`,
		`DELETE FROM redirect WHERE rd_from = ?`,
		`DELETE FROM recentchanges WHERE rc_cur_id = ? AND rc_type <> 3`,
		`DELETE FROM page WHERE page_id = ?`,
	} {
		if _, err := tx.exec(ctx, q, p.ID); err != nil {
			return fmt.Errorf("remove redirect page %d: %w", p.ID, err)
		}
	}
	if err := deleteLinks(ctx, tx, p.ID); err != nil {
		return err
	}
	if err := reindexPage(ctx, tx, p.ID); err != nil {
		return err
	}
	return updateStats(ctx, tx, statsDelta{pages: -1})
}

// renamePage gives p its new title and updates what depends on the
// namespace: the source namespace of its links and the article count.
func renamePage(ctx context.Context, tx *Tx, p *folio.Page, req folio.MoveRequest) error {
	_, err := tx.exec(ctx, `UPDATE page SET page_namespace = ?, page_title = ?, page_touched = ?
		WHERE page_id = ?`, req.ToNamespace, req.ToDBKey, ts(tx.Now), p.ID)
	if tx.isUnique(err) {
		return folio.Errorf(folio.EArticleExists, "A page already exists at the new title.")
	} else if err != nil {
		return fmt.Errorf("rename page %d: %w", p.ID, err)
	}
	if err := reindexPage(ctx, tx, p.ID); err != nil {
		return err
	}
	if req.ToNamespace == p.Namespace {
		return nil
	}
	for _, q := range []string{
		`UPDATE pagelinks SET pl_from_namespace = ? WHERE pl_from = ?`,
		`UPDATE templatelinks SET tl_from_namespace = ? WHERE tl_from = ?`,
		`UPDATE imagelinks SET il_from_namespace = ? WHERE il_from = ?`,
	} {
		if _, err := tx.exec(ctx, q, req.ToNamespace, p.ID); err != nil {
			return fmt.Errorf("update link namespaces of page %d: %w", p.ID, err)
		}
	}
	if _, err := tx.exec(ctx, `UPDATE categorylinks SET cl_type = ? WHERE cl_from = ?`,
		categoryLinkType(req.ToNamespace), p.ID); err != nil {
		return fmt.Errorf("update category link types of page %d: %w", p.ID, err)
	}
	delta := isArticle(req.ToNamespace, p.IsRedirect) - isArticle(p.Namespace, p.IsRedirect)
	return updateStats(ctx, tx, statsDelta{articles: delta})
}

// categoryLinkType is cl_type for a page in ns.
func categoryLinkType(ns int) string {
	switch ns {
	case folio.NSCategory:
		return "subcat"
	case folio.NSFile:
		return "file"
	}
	return "page"
}

// insertNullRevision records the move in p's history: a minor revision
// that shares the current content (its main slot points at the same
// content row, as MediaWiki's null revisions do) and becomes the latest.
func insertNullRevision(ctx context.Context, tx *Tx, p *folio.Page, actor folio.Actor, summary string) (*folio.Revision, error) {
	cur, err := findRevision(ctx, tx, p.Latest)
	if err != nil {
		return nil, err
	}
	r := &folio.Revision{
		PageID: p.ID, ParentID: cur.ID, Timestamp: tx.Now, Actor: actor, Comment: summary,
		Minor: true, Len: cur.Len, SHA1: cur.SHA1, Model: cur.Model, Text: cur.Text,
		Namespace: p.Namespace, DBKey: p.DBKey,
	}
	var contentID, origin int64
	if err := tx.queryRow(ctx, `SELECT slot_content_id, slot_origin FROM slots
		WHERE slot_revision_id = ? AND slot_role_id = ?`, cur.ID, mainSlot).Scan(&contentID, &origin); err != nil {
		return nil, fmt.Errorf("find content of revision %d: %w", cur.ID, err)
	}
	r.ID, err = tx.insertID(ctx, `INSERT INTO revision (rev_page, rev_comment, rev_actor,
		rev_timestamp, rev_minor_edit, rev_len, rev_parent_id, rev_sha1)
		VALUES (?, ?, ?, ?, 1, ?, ?, ?)`, "rev_id", r.PageID, r.Comment, actor.ID,
		ts(r.Timestamp), r.Len, r.ParentID, r.SHA1)
	if err != nil {
		return nil, fmt.Errorf("insert null revision: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO slots (slot_revision_id, slot_role_id, slot_content_id,
		slot_origin) VALUES (?, ?, ?, ?)`, r.ID, mainSlot, contentID, origin); err != nil {
		return nil, fmt.Errorf("insert slot of null revision: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE page SET page_latest = ?, page_is_new = 0, page_touched = ?
		WHERE page_id = ?`, r.ID, ts(tx.Now), p.ID); err != nil {
		return nil, fmt.Errorf("update page %d: %w", p.ID, err)
	}
	// Like every revision, the null revision counts as an edit.
	return r, updateStats(ctx, tx, statsDelta{edits: 1})
}

// createMoveRedirect creates the redirect left at p's old title (p still
// holds the old title) and returns its page id.
func createMoveRedirect(ctx context.Context, tx *Tx, p *folio.Page, actor folio.Actor, req folio.MoveRequest) (int64, error) {
	r := &folio.Revision{
		Timestamp: tx.Now, Actor: actor, Comment: req.Summary, Len: len(req.RedirectText),
		SHA1: folio.SHA1Base36(req.RedirectText), Model: folio.ModelWikitext, Text: req.RedirectText,
	}
	var err error
	r.PageID, err = tx.insertID(ctx, `INSERT INTO page (page_namespace, page_title, page_is_redirect,
		page_is_new, page_touched, page_latest, page_len, page_content_model)
		VALUES (?, ?, 1, 1, ?, 0, ?, ?)`, "page_id", p.Namespace, p.DBKey, ts(tx.Now), r.Len, r.Model)
	if err != nil {
		return 0, fmt.Errorf("insert redirect page: %w", err)
	}
	if err := insertRevision(ctx, tx, r); err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, `UPDATE page SET page_latest = ? WHERE page_id = ?`, r.ID, r.PageID); err != nil {
		return 0, fmt.Errorf("update redirect page: %w", err)
	}
	target := folio.LinkTarget{Namespace: req.ToNamespace, DBKey: req.ToDBKey}
	links := req.RedirectLinks
	if links == nil {
		links = &folio.LinkSet{Links: []folio.LinkTarget{target}}
	}
	if err := replaceLinks(ctx, tx, r.PageID, p.Namespace, links); err != nil {
		return 0, err
	}
	if err := setRedirect(ctx, tx, r.PageID, &target); err != nil {
		return 0, err
	}
	if err := reindexPage(ctx, tx, r.PageID); err != nil {
		return 0, err
	}
	return r.PageID, updateStats(ctx, tx, statsDelta{pages: 1, edits: 1})
}

// moveLogEntry is the move/move or move/move_redir entry; p holds the old
// title.
func moveLogEntry(p *folio.Page, req folio.MoveRequest, actor folio.Actor, overRedirect bool) *folio.LogEntry {
	action := "move"
	if overRedirect {
		action = "move_redir"
	}
	params := map[string]string{
		"target_ns":    strconv.Itoa(req.ToNamespace),
		"target_title": req.ToDBKey,
	}
	if req.ToText != "" {
		// MediaWiki's API shows target_title as prefixed text.
		params["target"], params["target_title"] = req.ToText, req.ToText
	}
	if !req.LeaveRedirect {
		params["suppressredirect"] = "1"
	}
	return &folio.LogEntry{
		Type: "move", Action: action, Actor: actor, Namespace: p.Namespace, DBKey: p.DBKey,
		PageID: p.ID, Comment: req.Comment, Params: params,
	}
}
