package sqldb

import (
	"context"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.WatchlistNotifyStore = (*DB)(nil)

// NotifyWatchers marks t changed at at for its other watchers who had seen
// every change. Most pages have no such watcher: a read finds out first,
// so that an edit of them takes no second write lock.
func (db *DB) NotifyWatchers(ctx context.Context, t folio.LinkTarget, editorID int64, at time.Time) (int, error) {
	found := false
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT wl_user FROM watchlist
			WHERE wl_namespace = ? AND wl_title = ? AND wl_user <> ? AND wl_notificationtimestamp IS NULL LIMIT 1`,
			t.Namespace, t.DBKey, editorID)
		if err != nil {
			return fmt.Errorf("find watchers of %d:%s: %w", t.Namespace, t.DBKey, err)
		}
		defer rows.Close()
		found = rows.Next()
		return rows.Err()
	})
	if err != nil || !found {
		return 0, err
	}
	var n int64
	err = db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE watchlist SET wl_notificationtimestamp = ?
			WHERE wl_namespace = ? AND wl_title = ? AND wl_user <> ? AND wl_notificationtimestamp IS NULL`,
			ts(at), t.Namespace, t.DBKey, editorID)
		if err != nil {
			return fmt.Errorf("notify watchers of %d:%s: %w", t.Namespace, t.DBKey, err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// SetNotificationTimestamps sets or clears the notification timestamps of
// a user's items.
func (db *DB) SetNotificationTimestamps(ctx context.Context, userID int64, titles []folio.LinkTarget, at time.Time) (int, error) {
	var val *string
	if !at.IsZero() {
		v := ts(at)
		val = &v
	}
	var n int64
	err := db.write(ctx, func(tx *Tx) error {
		if titles == nil {
			res, err := tx.exec(ctx, `UPDATE watchlist SET wl_notificationtimestamp = ? WHERE wl_user = ?`, val, userID)
			if err != nil {
				return fmt.Errorf("set notification timestamps: %w", err)
			}
			n, err = res.RowsAffected()
			return err
		}
		for _, t := range titles {
			res, err := tx.exec(ctx, `UPDATE watchlist SET wl_notificationtimestamp = ?
				WHERE wl_user = ? AND wl_namespace = ? AND wl_title = ?`, val, userID, t.Namespace, t.DBKey)
			if err != nil {
				return fmt.Errorf("set notification timestamp of %d:%s: %w", t.Namespace, t.DBKey, err)
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return int(n), err
}

// unreadCondition selects the watchlist changes the user has not seen
// (unread) or has seen: MediaWiki's wlshow=unread.
func unreadCondition(unread bool) string {
	if unread {
		return "(wl_notificationtimestamp IS NOT NULL AND rc_timestamp >= wl_notificationtimestamp)"
	}
	return "(wl_notificationtimestamp IS NULL OR rc_timestamp < wl_notificationtimestamp)"
}
