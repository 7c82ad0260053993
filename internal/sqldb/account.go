package sqldb

import (
	"context"
	"errors"
	"fmt"

	"github.com/folio-wiki/folio"
)

var _ folio.AccountRequestStore = (*DB)(nil)

const accountRequestCols = `acr_id, acr_name, acr_real_name, acr_email, acr_bio, acr_ip,
	acr_registration, acr_email_token, acr_email_token_expires, acr_email_authenticated,
	acr_status, acr_reason, acr_handled_by, acr_handled_at`

// CreateAccountRequest stores r and sets its ID and Created time.
func (db *DB) CreateAccountRequest(ctx context.Context, r *folio.AccountRequest) error {
	return db.write(ctx, func(tx *Tx) error {
		if r.Created.IsZero() {
			r.Created = tx.Now
		}
		id, err := tx.insertID(ctx, `INSERT INTO account_requests (acr_name, acr_real_name,
			acr_email, acr_bio, acr_ip, acr_registration, acr_email_token, acr_email_token_expires,
			acr_email_authenticated, acr_status, acr_reason, acr_handled_by, acr_handled_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, "acr_id",
			r.Name, r.RealName, r.Email, r.Bio, r.IP, ts(r.Created), r.EmailTokenHash,
			ts(r.EmailTokenExpires), nullTS(r.EmailAuthenticated), r.Status, r.Reason, r.HandledBy,
			nullTS(r.HandledAt))
		if tx.isUnique(err) {
			return folio.Errorf(folio.EUserExists, "An account named %q has already been requested.", r.Name)
		} else if err != nil {
			return fmt.Errorf("insert account request %q: %w", r.Name, err)
		}
		r.ID = id
		return nil
	})
}

// FindAccountRequestByID returns a request or EInvalidParameter.
func (db *DB) FindAccountRequestByID(ctx context.Context, id int64) (*folio.AccountRequest, error) {
	return db.findAccountRequest(ctx, `acr_id = ?`, id)
}

// FindAccountRequestByToken returns the request whose mailed token hashes
// to tokenHash, or EInvalidParameter.
func (db *DB) FindAccountRequestByToken(ctx context.Context, tokenHash string) (*folio.AccountRequest, error) {
	return db.findAccountRequest(ctx, `acr_email_token = ?`, tokenHash)
}

func (db *DB) findAccountRequest(ctx context.Context, cond string, arg any) (*folio.AccountRequest, error) {
	var r *folio.AccountRequest
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		r, err = findAccountRequest(ctx, tx, cond, arg)
		return err
	})
	return r, err
}

func findAccountRequest(ctx context.Context, tx *Tx, cond string, arg any) (*folio.AccountRequest, error) {
	r, err := scanAccountRequest(tx.queryRow(ctx, `SELECT `+accountRequestCols+` FROM account_requests WHERE `+cond, arg))
	if errors.Is(err, errNoRows) {
		return nil, folio.Errorf(folio.EInvalidParameter, "The account request does not exist.")
	}
	return r, err
}

// FindAccountRequests lists requests, oldest first.
func (db *DB) FindAccountRequests(ctx context.Context, f folio.AccountRequestFilter) ([]*folio.AccountRequest, error) {
	var conds []string
	var args []any
	if f.Status != nil {
		conds, args = append(conds, `acr_status = ?`), append(args, *f.Status)
	}
	q := `SELECT ` + accountRequestCols + ` FROM account_requests` + where(conds) +
		fmt.Sprintf(` ORDER BY acr_registration, acr_id LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.AccountRequest
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("find account requests: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanAccountRequest(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateAccountRequest changes the fields set in upd.
func (db *DB) UpdateAccountRequest(ctx context.Context, id int64, upd folio.AccountRequestUpdate) (*folio.AccountRequest, error) {
	var r *folio.AccountRequest
	err := db.write(ctx, func(tx *Tx) error {
		var sets []string
		var args []any
		for col, v := range map[string]*string{"acr_status": upd.Status, "acr_reason": upd.Reason, "acr_handled_by": upd.HandledBy} {
			if v != nil {
				sets, args = append(sets, col+` = ?`), append(args, *v)
			}
		}
		if upd.Status != nil {
			sets, args = append(sets, `acr_handled_at = ?`), append(args, ts(tx.Now))
		}
		if upd.EmailAuthenticated != nil {
			sets, args = append(sets, `acr_email_authenticated = ?`), append(args, nullTS(upd.EmailAuthenticated))
		}
		if len(sets) > 0 {
			if _, err := tx.exec(ctx, `UPDATE account_requests SET `+joinComma(sets)+` WHERE acr_id = ?`, append(args, id)...); err != nil {
				return fmt.Errorf("update account request %d: %w", id, err)
			}
		}
		var err error
		r, err = findAccountRequest(ctx, tx, `acr_id = ?`, id)
		return err
	})
	return r, err
}

func scanAccountRequest(s scanner) (*folio.AccountRequest, error) {
	var r folio.AccountRequest
	var created, expires string
	var auth, handled *string
	err := s.Scan(&r.ID, &r.Name, &r.RealName, &r.Email, &r.Bio, &r.IP, &created, &r.EmailTokenHash,
		&expires, &auth, &r.Status, &r.Reason, &r.HandledBy, &handled)
	if err != nil {
		if errors.Is(err, errNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("scan account request: %w", err)
	}
	if r.Created, err = parseTS(created); err != nil {
		return nil, err
	}
	if r.EmailTokenExpires, err = parseTS(expires); err != nil {
		return nil, err
	}
	if r.EmailAuthenticated, err = parseNullTS(auth); err != nil {
		return nil, err
	}
	if r.HandledAt, err = parseNullTS(handled); err != nil {
		return nil, err
	}
	return &r, nil
}
