package sqldb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.UserOptionStore = (*DB)(nil)

// FindUserOptions returns the preferences set for a user.
func (db *DB) FindUserOptions(ctx context.Context, userID int64) (map[string]string, error) {
	out := map[string]string{}
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT up_property, up_value FROM user_properties WHERE up_user = ?`, userID)
		if err != nil {
			return fmt.Errorf("find user options: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return fmt.Errorf("scan user option: %w", err)
			}
			out[k] = v
		}
		return rows.Err()
	})
	return out, err
}

// SetUserOptions stores opts; empty values remove options.
func (db *DB) SetUserOptions(ctx context.Context, userID int64, opts map[string]string) error {
	return db.write(ctx, func(tx *Tx) error {
		var rows [][]any
		for k, v := range opts {
			if _, err := tx.exec(ctx, `DELETE FROM user_properties WHERE up_user = ? AND up_property = ?`, userID, k); err != nil {
				return fmt.Errorf("clear user option %s: %w", k, err)
			}
			if v != "" {
				rows = append(rows, []any{userID, k, v})
			}
		}
		return tx.insertRows(ctx, "user_properties", "up_user, up_property, up_value", rows)
	})
}

// SetEmailToken stores the hash of a new confirmation token and marks the
// address unconfirmed.
func (db *DB) SetEmailToken(ctx context.Context, userID int64, tokenHash string, expires time.Time) error {
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE "user" SET user_email_token = ?, user_email_token_expires = ?,
			user_email_authenticated = NULL, user_touched = ? WHERE user_id = ?`, tokenHash, ts(expires), ts(tx.Now), userID)
		if err != nil {
			return fmt.Errorf("set email token: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return folio.Errorf(folio.ENoSuchUser, "The user #%d does not exist.", userID)
		}
		return nil
	})
}

// ConfirmEmailToken confirms the address of the token's user.
func (db *DB) ConfirmEmailToken(ctx context.Context, tokenHash string, now time.Time) (*folio.User, error) {
	var u *folio.User
	err := db.write(ctx, func(tx *Tx) error {
		bad := folio.Errorf(folio.EInvalidParameter, "The confirmation link is not valid or has expired.")
		if tokenHash == "" {
			return bad
		}
		var id int64
		var expires *string
		err := tx.queryRow(ctx, `SELECT user_id, user_email_token_expires FROM "user" WHERE user_email_token = ?`, tokenHash).Scan(&id, &expires)
		if errors.Is(err, errNoRows) {
			return bad
		} else if err != nil {
			return fmt.Errorf("find email token: %w", err)
		}
		if exp, err := parseNullTS(expires); err != nil || exp == nil || now.After(*exp) {
			return bad
		}
		if _, err := tx.exec(ctx, `UPDATE "user" SET user_email_authenticated = ?, user_email_token = '',
			user_email_token_expires = NULL, user_touched = ? WHERE user_id = ?`, ts(now), ts(tx.Now), id); err != nil {
			return fmt.Errorf("confirm email: %w", err)
		}
		u, err = findUser(ctx, tx, `user_id = ?`, id)
		return err
	})
	return u, err
}
