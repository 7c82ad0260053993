package sqldb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.BlockStore = (*DB)(nil)

const blockCols = `ipb_id, ipb_address, ipb_user, ipb_by_text, ipb_reason, ipb_timestamp, ipb_expiry`

// SaveBlock creates or replaces the block of b.Target.
func (db *DB) SaveBlock(ctx context.Context, b *folio.Block) error {
	return db.write(ctx, func(tx *Tx) error {
		if b.Timestamp.IsZero() {
			b.Timestamp = tx.Now
		}
		if _, err := tx.exec(ctx, `DELETE FROM ipblocks WHERE ipb_address = ?`, b.Target); err != nil {
			return fmt.Errorf("replace block of %s: %w", b.Target, err)
		}
		expiry := ""
		if !b.Expiry.IsZero() {
			expiry = ts(b.Expiry)
		}
		id, err := tx.insertID(ctx, `INSERT INTO ipblocks (ipb_address, ipb_user, ipb_by_text,
			ipb_reason, ipb_timestamp, ipb_expiry) VALUES (?, ?, ?, ?, ?, ?)`, "ipb_id",
			b.Target, b.UserID, b.By, b.Reason, ts(b.Timestamp), expiry)
		if err != nil {
			return fmt.Errorf("insert block of %s: %w", b.Target, err)
		}
		b.ID = id
		return nil
	})
}

// FindBlock returns the block of target or ENotBlocked.
func (db *DB) FindBlock(ctx context.Context, target string) (*folio.Block, error) {
	var b *folio.Block
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		b, err = scanBlock(tx.queryRow(ctx, `SELECT `+blockCols+` FROM ipblocks WHERE ipb_address = ?`, target))
		if errors.Is(err, errNoRows) {
			return folio.Errorf(folio.ENotBlocked, "%s is not blocked.", target)
		}
		return err
	})
	return b, err
}

// DeleteBlock removes the block of target or returns ENotBlocked.
func (db *DB) DeleteBlock(ctx context.Context, target string) error {
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM ipblocks WHERE ipb_address = ?`, target)
		if err != nil {
			return fmt.Errorf("delete block of %s: %w", target, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return folio.Errorf(folio.ENotBlocked, "%s is not blocked.", target)
		}
		return nil
	})
}

// FindBlocks lists blocks, newest first.
func (db *DB) FindBlocks(ctx context.Context, n int) ([]*folio.Block, error) {
	var out []*folio.Block
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+blockCols+` FROM ipblocks ORDER BY ipb_timestamp DESC, ipb_id DESC`+
			fmt.Sprintf(` LIMIT %d`, limit(n, 50)))
		if err != nil {
			return fmt.Errorf("find blocks: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			b, err := scanBlock(rows)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return rows.Err()
	})
	return out, err
}

func scanBlock(s scanner) (*folio.Block, error) {
	var b folio.Block
	var stamp, expiry string
	if err := s.Scan(&b.ID, &b.Target, &b.UserID, &b.By, &b.Reason, &stamp, &expiry); err != nil {
		if errors.Is(err, errNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("scan block: %w", err)
	}
	var err error
	if b.Timestamp, err = parseTS(stamp); err != nil {
		return nil, err
	}
	if expiry != "" {
		if b.Expiry, err = parseTS(expiry); err != nil {
			return nil, err
		}
	} else {
		b.Expiry = time.Time{}
	}
	return &b, nil
}
