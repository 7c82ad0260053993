package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
)

var _ folio.ReadOnlyStore = (*DB)(nil)

// FindReadOnly returns the read-only switch from the readonly table.
func (db *DB) FindReadOnly(ctx context.Context) (folio.ReadOnly, error) {
	var ro folio.ReadOnly
	var since string
	err := db.Read.QueryRowContext(ctx, `SELECT ro_reason, ro_actor, ro_timestamp FROM readonly WHERE ro_id = 1`).
		Scan(&ro.Reason, &ro.Actor, &since)
	if notFound(err) {
		return folio.ReadOnly{}, nil
	} else if err != nil {
		return ro, fmt.Errorf("read the read-only switch: %w", err)
	}
	ro.On = true
	if ro.Since, err = parseTS(since); err != nil {
		return ro, fmt.Errorf("read the read-only switch: %w", err)
	}
	return ro, nil
}

// SetReadOnly switches read-only mode on or off. Switching it on needs a
// reason, which every refused write shows.
func (db *DB) SetReadOnly(ctx context.Context, ro folio.ReadOnly) error {
	if ro.On && strings.TrimSpace(ro.Reason) == "" {
		return errors.New("set read-only: a reason is required")
	}
	err := db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM readonly`); err != nil {
			return err
		}
		if !ro.On {
			return nil
		}
		since := ro.Since
		if since.IsZero() {
			since = tx.Now
		}
		_, err := tx.exec(ctx, `INSERT INTO readonly (ro_id, ro_reason, ro_actor, ro_timestamp) VALUES (1, ?, ?, ?)`,
			ro.Reason, ro.Actor, ts(since))
		return err
	})
	if err != nil {
		return fmt.Errorf("set read-only: %w", err)
	}
	return nil
}
