package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

// errNoSession is returned for a missing or expired session.
func errNoSession() error {
	return folio.Errorf(folio.ENotLoggedIn, "The session does not exist or has expired.")
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *folio.Session) error {
	data, err := encodeSessionData(s.Data)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (sess_id, sess_user, sess_data, sess_expiry)
			VALUES (?, ?, ?, ?)`, s.ID, s.UserID, data, ts(s.Expires))
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
}

// FindSession returns an unexpired session, or ENotLoggedIn.
func (db *DB) FindSession(ctx context.Context, id string) (*folio.Session, error) {
	s := &folio.Session{ID: id}
	err := db.read(ctx, func(tx *Tx) error {
		var data, exp string
		err := tx.queryRow(ctx, `SELECT sess_user, sess_data, sess_expiry FROM sessions
			WHERE sess_id = ? AND sess_expiry > ?`, id, ts(tx.Now)).Scan(&s.UserID, &data, &exp)
		if notFound(err) {
			return errNoSession()
		} else if err != nil {
			return fmt.Errorf("find session: %w", err)
		}
		if s.Expires, err = parseTS(exp); err != nil {
			return err
		}
		if data != "" {
			if err := json.Unmarshal([]byte(data), &s.Data); err != nil {
				return fmt.Errorf("decode session data: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateSession replaces the user, data and expiry of a session.
func (db *DB) UpdateSession(ctx context.Context, s *folio.Session) error {
	data, err := encodeSessionData(s.Data)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE sessions SET sess_user = ?, sess_data = ?, sess_expiry = ?
			WHERE sess_id = ?`, s.UserID, data, ts(s.Expires), s.ID)
		if err != nil {
			return fmt.Errorf("update session: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return errNoSession()
		}
		return nil
	})
}

// DeleteSession removes a session; a missing one is not an error.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE sess_id = ?`, id); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return nil
	})
}

// DeleteExpiredSessions removes sessions that expired at or before now.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE sess_expiry <= ?`, ts(now))
		if err != nil {
			return fmt.Errorf("delete expired sessions: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

func encodeSessionData(m map[string]string) (string, error) {
	if len(m) == 0 {
		return "", nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("encode session data: %w", err)
	}
	return string(b), nil
}
