package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
)

// DeletePage moves a page's revisions to the archive, removes the page with
// its links, redirect, protections and (as MediaWiki does) its non-log
// recent changes, and logs delete/delete.
func (db *DB) DeletePage(ctx context.Context, req folio.DeleteRequest) (*folio.LogEntry, error) {
	var le *folio.LogEntry
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		le, err = deletePage(ctx, tx, req)
		return err
	})
	return le, err
}

func deletePage(ctx context.Context, tx *Tx, req folio.DeleteRequest) (*folio.LogEntry, error) {
	p, err := findPage(ctx, tx, `page_id = ?`, req.PageID)
	if notFound(err) {
		return nil, folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", req.PageID)
	} else if err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `INSERT INTO archive (ar_namespace, ar_title, ar_comment, ar_actor,
		ar_timestamp, ar_minor_edit, ar_rev_id, ar_deleted, ar_len, ar_page_id, ar_parent_id, ar_sha1)
		SELECT ?, ?, rev_comment, rev_actor, rev_timestamp, rev_minor_edit, rev_id, rev_deleted,
		rev_len, rev_page, rev_parent_id, rev_sha1 FROM revision WHERE rev_page = ?`,
		p.Namespace, p.DBKey, p.ID)
	if err != nil {
		return nil, fmt.Errorf("archive revisions: %w", err)
	}
	count, _ := res.RowsAffected()
	for _, q := range []string{
		`DELETE FROM revision WHERE rev_page = ?`,
		`DELETE FROM page_restrictions WHERE pr_page = ?`,
		`DELETE FROM redirect WHERE rd_from = ?`,
		`DELETE FROM recentchanges WHERE rc_cur_id = ? AND rc_type <> 3`,
		`DELETE FROM page WHERE page_id = ?`,
	} {
		if _, err := tx.exec(ctx, q, p.ID); err != nil {
			return nil, fmt.Errorf("delete page %d: %w", p.ID, err)
		}
	}
	if err := deleteLinks(ctx, tx, p.ID); err != nil {
		return nil, err
	}
	if err := reindexPage(ctx, tx, p.ID); err != nil { // the page is gone: drops it
		return nil, err
	}
	delta := statsDelta{pages: -1, articles: -isArticle(p.Namespace, p.IsRedirect)}
	if err := updateStats(ctx, tx, delta); err != nil {
		return nil, err
	}
	le := &folio.LogEntry{Type: "delete", Action: "delete", Actor: req.Actor,
		Namespace: p.Namespace, DBKey: p.DBKey, PageID: p.ID, Comment: req.Comment,
		Params: map[string]string{"count": strconv.FormatInt(count, 10)}}
	return le, createLogEntry(ctx, tx, le)
}

// UndeletePage restores archived revisions of a title and logs
// delete/restore. A deleted page comes back with its old page id; when the
// title exists again, the revisions join its history and the newest
// revision by timestamp becomes the latest. When the newest restored
// revision becomes the latest, req.Links and req.Redirect are applied.
func (db *DB) UndeletePage(ctx context.Context, req folio.UndeleteRequest) (*folio.LogEntry, error) {
	var le *folio.LogEntry
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		le, err = undeletePage(ctx, tx, req)
		return err
	})
	return le, err
}

func undeletePage(ctx context.Context, tx *Tx, req folio.UndeleteRequest) (*folio.LogEntry, error) {
	revs, err := findArchived(ctx, tx, req.Namespace, req.DBKey, false)
	if err != nil {
		return nil, err
	}
	revs = selectRevisions(revs, req.RevIDs)
	if len(revs) == 0 {
		return nil, folio.Errorf(folio.ECantUndelete, "There are no archived revisions of %d:%s to restore.",
			req.Namespace, req.DBKey)
	}
	old, err := restoreTarget(ctx, tx, req, revs[0])
	if err != nil {
		return nil, err
	}
	for _, r := range revs {
		if err := restoreRevision(ctx, tx, r.ID, old.ID); err != nil {
			return nil, err
		}
	}
	p, err := refreshLatest(ctx, tx, old.ID)
	if err != nil {
		return nil, err
	}
	if p.Latest == revs[0].ID {
		if err := applyRestoredLinks(ctx, tx, p, req); err != nil {
			return nil, err
		}
	}
	delta := statsDelta{articles: isArticle(p.Namespace, p.IsRedirect)}
	if old.Latest == 0 {
		delta.pages = 1
	} else {
		delta.articles -= isArticle(old.Namespace, old.IsRedirect)
	}
	if err := updateStats(ctx, tx, delta); err != nil {
		return nil, err
	}
	le := &folio.LogEntry{Type: "delete", Action: "restore", Actor: req.Actor,
		Namespace: req.Namespace, DBKey: req.DBKey, PageID: p.ID, Comment: req.Comment,
		Params: map[string]string{"count": strconv.Itoa(len(revs))}}
	return le, createLogEntry(ctx, tx, le)
}

// applyRestoredLinks writes the links and redirect of the request when the
// newest restored revision became the latest, and updates p.
func applyRestoredLinks(ctx context.Context, tx *Tx, p *folio.Page, req folio.UndeleteRequest) error {
	if req.Links != nil {
		if err := replaceLinks(ctx, tx, p.ID, p.Namespace, req.Links); err != nil {
			return err
		}
	}
	if err := setRedirect(ctx, tx, p.ID, req.Redirect); err != nil {
		return err
	}
	p.IsRedirect = req.Redirect != nil
	if _, err := tx.exec(ctx, `UPDATE page SET page_is_redirect = ? WHERE page_id = ?`,
		b2i(p.IsRedirect), p.ID); err != nil {
		return fmt.Errorf("update page %d: %w", p.ID, err)
	}
	return nil
}

// selectRevisions keeps the revisions whose ids are in ids; empty ids keeps all.
func selectRevisions(revs []*folio.Revision, ids []int64) []*folio.Revision {
	if len(ids) == 0 {
		return revs
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []*folio.Revision
	for _, r := range revs {
		if want[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// restoreTarget returns the page to restore into as it was before: the
// existing page of the title, or a new page (Latest 0) that reuses the
// archived page id of newest when that id is free.
func restoreTarget(ctx context.Context, tx *Tx, req folio.UndeleteRequest, newest *folio.Revision) (*folio.Page, error) {
	p, err := findPageByTitle(ctx, tx, req.Namespace, req.DBKey)
	if err == nil {
		return p, nil
	} else if folio.ErrorCode(err) != folio.EMissingTitle {
		return nil, err
	}
	var taken int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM page WHERE page_id = ?`,
		newest.PageID).Scan(&taken); err != nil {
		return nil, fmt.Errorf("check page id: %w", err)
	}
	cols := `page_namespace, page_title, page_is_redirect, page_is_new, page_touched, page_latest,
		page_len, page_content_model`
	args := []any{req.Namespace, req.DBKey, 0, 0, ts(tx.Now), 0, 0, newest.Model}
	if taken == 0 && newest.PageID > 0 {
		cols, args = "page_id, "+cols, append([]any{newest.PageID}, args...)
	}
	id, err := tx.insertID(ctx, `INSERT INTO page (`+cols+`) VALUES (`+placeholders(len(args))+`)`,
		"page_id", args...)
	if err != nil {
		return nil, fmt.Errorf("recreate page: %w", err)
	}
	return &folio.Page{ID: id, Namespace: req.Namespace, DBKey: req.DBKey}, nil
}

// restoreRevision moves one archived revision back into revision.
func restoreRevision(ctx context.Context, tx *Tx, revID, pageID int64) error {
	if _, err := tx.exec(ctx, `INSERT INTO revision (rev_id, rev_page, rev_comment, rev_actor,
		rev_timestamp, rev_minor_edit, rev_deleted, rev_len, rev_parent_id, rev_sha1)
		SELECT ar_rev_id, ?, ar_comment, ar_actor, ar_timestamp, ar_minor_edit, ar_deleted,
		COALESCE(ar_len, 0), COALESCE(ar_parent_id, 0), ar_sha1 FROM archive WHERE ar_rev_id = ?`,
		pageID, revID); err != nil {
		return fmt.Errorf("restore revision %d: %w", revID, err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM archive WHERE ar_rev_id = ?`, revID); err != nil {
		return fmt.Errorf("restore revision %d: %w", revID, err)
	}
	return nil
}

// refreshLatest points a page at its newest revision.
func refreshLatest(ctx context.Context, tx *Tx, pageID int64) (*folio.Page, error) {
	var latest, size, count int64
	var model string
	err := tx.queryRow(ctx, `SELECT rev_id, rev_len, content_model FROM revision
		JOIN slots ON slot_revision_id = rev_id AND slot_role_id = 1
		JOIN content ON content_id = slot_content_id
		WHERE rev_page = ? ORDER BY rev_timestamp DESC, rev_id DESC LIMIT 1`, pageID).
		Scan(&latest, &size, &model)
	if err != nil {
		return nil, fmt.Errorf("find latest revision of page %d: %w", pageID, err)
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM revision WHERE rev_page = ?`,
		pageID).Scan(&count); err != nil {
		return nil, fmt.Errorf("count revisions of page %d: %w", pageID, err)
	}
	if _, err := tx.exec(ctx, `UPDATE page SET page_latest = ?, page_len = ?, page_is_new = ?,
		page_content_model = ?, page_touched = ? WHERE page_id = ?`,
		latest, size, b2i(count == 1), model, ts(tx.Now), pageID); err != nil {
		return nil, fmt.Errorf("update page %d: %w", pageID, err)
	}
	if err := reindexPage(ctx, tx, pageID); err != nil {
		return nil, err
	}
	return findPage(ctx, tx, `page_id = ?`, pageID)
}

// FindArchivedRevisions lists the deleted revisions of a title with their
// text, newest first.
func (db *DB) FindArchivedRevisions(ctx context.Context, ns int, dbkey string) ([]*folio.Revision, error) {
	var out []*folio.Revision
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = findArchived(ctx, tx, ns, dbkey, true)
		return err
	})
	return out, err
}

// findArchived reads archived revisions of a title, newest first.
func findArchived(ctx context.Context, tx *Tx, ns int, dbkey string, withText bool) ([]*folio.Revision, error) {
	text := `''`
	if withText {
		text = `content_text`
	}
	rows, err := tx.query(ctx, `SELECT ar_rev_id, COALESCE(ar_page_id, 0), COALESCE(ar_parent_id, 0),
		ar_timestamp, actor_id, COALESCE(actor_user, 0), actor_name, ar_comment, ar_minor_edit,
		COALESCE(ar_len, 0), ar_sha1, content_model, ar_namespace, ar_title, `+text+`
		FROM archive JOIN actor ON actor_id = ar_actor
		JOIN slots ON slot_revision_id = ar_rev_id AND slot_role_id = 1
		JOIN content ON content_id = slot_content_id
		WHERE ar_namespace = ? AND ar_title = ? ORDER BY ar_timestamp DESC, ar_rev_id DESC`, ns, dbkey)
	if err != nil {
		return nil, fmt.Errorf("list archived revisions: %w", err)
	}
	defer rows.Close()
	var out []*folio.Revision
	for rows.Next() {
		var t string
		r, err := scanRevision(rows, &t)
		if err != nil {
			return nil, fmt.Errorf("scan archived revision: %w", err)
		}
		r.Text = t
		out = append(out, r)
	}
	return out, rows.Err()
}
