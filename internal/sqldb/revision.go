package sqldb

import (
	"context"
	"fmt"
	"slices"

	"github.com/folio-wiki/folio"
)

// mainSlot is the slot_role_id of MediaWiki's main slot.
const mainSlot = 1

// revCols are the columns scanRevision reads, in order; revFrom joins them.
const (
	revCols = `rev_id, rev_page, rev_parent_id, rev_timestamp, actor_id, COALESCE(actor_user, 0),
	actor_name, rev_comment, rev_minor_edit, rev_len, rev_sha1, content_model, page_namespace,
	page_title`
	revFrom = ` FROM revision JOIN actor ON actor_id = rev_actor JOIN page ON page_id = rev_page
	JOIN slots ON slot_revision_id = rev_id AND slot_role_id = 1
	JOIN content ON content_id = slot_content_id`
)

func scanRevision(s scanner, extra ...any) (*folio.Revision, error) {
	var r folio.Revision
	var stamp string
	var minor int
	dest := []any{&r.ID, &r.PageID, &r.ParentID, &stamp, &r.Actor.ID, &r.Actor.UserID,
		&r.Actor.Name, &r.Comment, &minor, &r.Len, &r.SHA1, &r.Model, &r.Namespace, &r.DBKey}
	if err := s.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	r.Minor = minor != 0
	var err error
	r.Timestamp, err = parseTS(stamp)
	return &r, err
}

// FindRevisionByID returns a revision with its text, or ENoSuchRevID.
func (db *DB) FindRevisionByID(ctx context.Context, id int64) (*folio.Revision, error) {
	var r *folio.Revision
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		r, err = findRevision(ctx, tx, id)
		return err
	})
	return r, err
}

func findRevision(ctx context.Context, tx *Tx, id int64) (*folio.Revision, error) {
	var text string
	r, err := scanRevision(tx.queryRow(ctx, `SELECT `+revCols+`, content_text`+revFrom+
		` WHERE rev_id = ?`, id), &text)
	if notFound(err) {
		return nil, folio.Errorf(folio.ENoSuchRevID, "There is no revision with ID %d.", id)
	} else if err != nil {
		return nil, fmt.Errorf("find revision %d: %w", id, err)
	}
	r.Text = text
	return r, nil
}

// FindRevisions lists revisions without text. They are the Limit revisions
// nearest the paging cursor: after f.After when set, else before f.Before,
// else the newest (oldest with Reverse). The result is newest first unless
// f.Reverse is set.
func (db *DB) FindRevisions(ctx context.Context, f folio.RevisionFilter) ([]*folio.Revision, error) {
	var conds []string
	var args []any
	if f.PageID != nil {
		conds, args = append(conds, `rev_page = ?`), append(args, *f.PageID)
	}
	if f.ActorName != nil {
		conds, args = append(conds, `actor_name = ?`), append(args, *f.ActorName)
	}
	if f.Namespace != nil {
		conds, args = append(conds, `page_namespace = ?`), append(args, *f.Namespace)
	}
	if f.Before > 0 {
		conds, args = append(conds, `rev_id < ?`), append(args, f.Before)
	}
	if f.After > 0 {
		conds, args = append(conds, `rev_id > ?`), append(args, f.After)
	}
	// Scan upwards from After, or from the oldest when Reverse has no cursor.
	ascending := f.After > 0 || (f.Reverse && f.Before == 0)
	order := "DESC"
	if ascending {
		order = "ASC"
	}
	q := `SELECT ` + revCols + revFrom + where(conds) +
		fmt.Sprintf(` ORDER BY rev_id %s LIMIT %d`, order, limit(f.Limit, 50))
	var out []*folio.Revision
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryRevisions(ctx, tx, q, args...)
		return err
	})
	if err == nil && ascending != f.Reverse {
		slices.Reverse(out)
	}
	return out, err
}

func queryRevisions(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.Revision, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	defer rows.Close()
	var out []*folio.Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("scan revision: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	return out, nil
}

// insertRevision writes the content, the revision and its main slot, and
// sets r.ID.
func insertRevision(ctx context.Context, tx *Tx, r *folio.Revision) error {
	contentID, err := tx.insertID(ctx, `INSERT INTO content (content_size, content_sha1,
		content_model, content_text) VALUES (?, ?, ?, ?)`, "content_id",
		r.Len, r.SHA1, r.Model, r.Text)
	if err != nil {
		return fmt.Errorf("insert content: %w", err)
	}
	r.ID, err = tx.insertID(ctx, `INSERT INTO revision (rev_page, rev_comment, rev_actor,
		rev_timestamp, rev_minor_edit, rev_len, rev_parent_id, rev_sha1)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, "rev_id", r.PageID, r.Comment, r.Actor.ID,
		ts(r.Timestamp), b2i(r.Minor), r.Len, r.ParentID, r.SHA1)
	if err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO slots (slot_revision_id, slot_role_id, slot_content_id,
		slot_origin) VALUES (?, ?, ?, ?)`, r.ID, mainSlot, contentID, r.ID); err != nil {
		return fmt.Errorf("insert slot: %w", err)
	}
	return nil
}
