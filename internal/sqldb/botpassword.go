package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/folio-wiki/folio"
)

var _ folio.BotPasswordStore = (*DB)(nil)

// CreateBotPassword stores a new bot password.
func (db *DB) CreateBotPassword(ctx context.Context, bp *folio.BotPassword) error {
	grants, err := json.Marshal(nonNil(bp.Grants))
	if err != nil {
		return fmt.Errorf("encode grants: %w", err)
	}
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO bot_passwords (bp_user, bp_app_id, bp_password, bp_token,
			bp_restrictions, bp_grants) VALUES (?, ?, ?, ?, '{}', ?)`,
			bp.UserID, bp.AppID, bp.PasswordHash, bp.Token, string(grants))
		if tx.isUnique(err) {
			return folio.Errorf(folio.EBotPasswordExists, "A bot password named %q already exists.", bp.AppID)
		} else if err != nil {
			return fmt.Errorf("insert bot password: %w", err)
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const bpCols = `SELECT bp_user, bp_app_id, bp_password, bp_token, bp_grants FROM bot_passwords`

func scanBotPassword(s scanner) (*folio.BotPassword, error) {
	var bp folio.BotPassword
	var grants string
	if err := s.Scan(&bp.UserID, &bp.AppID, &bp.PasswordHash, &bp.Token, &grants); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(grants), &bp.Grants); err != nil {
		return nil, fmt.Errorf("decode grants of bot password %q: %w", bp.AppID, err)
	}
	bp.Grants = nonNil(bp.Grants)
	return &bp, nil
}

// FindBotPassword returns one bot password, or ENoSuchBotPassword.
func (db *DB) FindBotPassword(ctx context.Context, userID int64, appID string) (*folio.BotPassword, error) {
	var bp *folio.BotPassword
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		bp, err = scanBotPassword(tx.queryRow(ctx, bpCols+` WHERE bp_user = ? AND bp_app_id = ?`, userID, appID))
		if notFound(err) {
			return folio.Errorf(folio.ENoSuchBotPassword, "There is no bot password named %q.", appID)
		} else if err != nil {
			return fmt.Errorf("find bot password: %w", err)
		}
		return nil
	})
	return bp, err
}

// FindBotPasswords lists a user's bot passwords by bot name.
func (db *DB) FindBotPasswords(ctx context.Context, userID int64) ([]*folio.BotPassword, error) {
	var out []*folio.BotPassword
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, bpCols+` WHERE bp_user = ? ORDER BY bp_app_id`, userID)
		if err != nil {
			return fmt.Errorf("list bot passwords: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			bp, err := scanBotPassword(rows)
			if err != nil {
				return fmt.Errorf("scan bot password: %w", err)
			}
			out = append(out, bp)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateBotPassword replaces the hash, token and grants of a bot password.
func (db *DB) UpdateBotPassword(ctx context.Context, bp *folio.BotPassword) error {
	grants, err := json.Marshal(nonNil(bp.Grants))
	if err != nil {
		return fmt.Errorf("encode grants: %w", err)
	}
	return db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM bot_passwords WHERE bp_user = ? AND bp_app_id = ?`,
			bp.UserID, bp.AppID).Scan(&n); err != nil {
			return fmt.Errorf("find bot password: %w", err)
		} else if n == 0 {
			return folio.Errorf(folio.ENoSuchBotPassword, "There is no bot password named %q.", bp.AppID)
		}
		if _, err := tx.exec(ctx, `UPDATE bot_passwords SET bp_password = ?, bp_token = ?, bp_grants = ?
			WHERE bp_user = ? AND bp_app_id = ?`, bp.PasswordHash, bp.Token, string(grants), bp.UserID, bp.AppID); err != nil {
			return fmt.Errorf("update bot password: %w", err)
		}
		return nil
	})
}

// DeleteBotPassword removes one bot password.
func (db *DB) DeleteBotPassword(ctx context.Context, userID int64, appID string) error {
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM bot_passwords WHERE bp_user = ? AND bp_app_id = ?`, userID, appID)
		if err != nil {
			return fmt.Errorf("delete bot password: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("delete bot password: %w", err)
		} else if n == 0 {
			return folio.Errorf(folio.ENoSuchBotPassword, "There is no bot password named %q.", appID)
		}
		return nil
	})
}
