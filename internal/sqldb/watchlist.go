package sqldb

import (
	"context"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.WatchlistStore = (*DB)(nil)

// WatchPages adds titles to a watchlist, replacing the expiry of titles
// already there.
func (db *DB) WatchPages(ctx context.Context, userID int64, titles []folio.LinkTarget, expiry time.Time) error {
	var exp *string
	if !expiry.IsZero() {
		s := ts(expiry)
		exp = &s
	}
	return db.write(ctx, func(tx *Tx) error {
		ins := tx.db.Dialect.InsertIgnore("watchlist", "wl_user, wl_namespace, wl_title, wl_expiry")
		for _, t := range titles {
			if _, err := tx.exec(ctx, ins, userID, t.Namespace, t.DBKey, exp); err != nil {
				return fmt.Errorf("watch %d:%s: %w", t.Namespace, t.DBKey, err)
			}
			if _, err := tx.exec(ctx, `UPDATE watchlist SET wl_expiry = ?
				WHERE wl_user = ? AND wl_namespace = ? AND wl_title = ?`, exp, userID, t.Namespace, t.DBKey); err != nil {
				return fmt.Errorf("set watch expiry %d:%s: %w", t.Namespace, t.DBKey, err)
			}
		}
		return nil
	})
}

// UnwatchPages removes titles from a watchlist.
func (db *DB) UnwatchPages(ctx context.Context, userID int64, titles []folio.LinkTarget) error {
	return db.write(ctx, func(tx *Tx) error {
		for _, t := range titles {
			if _, err := tx.exec(ctx, `DELETE FROM watchlist
				WHERE wl_user = ? AND wl_namespace = ? AND wl_title = ?`, userID, t.Namespace, t.DBKey); err != nil {
				return fmt.Errorf("unwatch %d:%s: %w", t.Namespace, t.DBKey, err)
			}
		}
		return nil
	})
}

// CopyWatchers gives to the watchers of from.
func (db *DB) CopyWatchers(ctx context.Context, from, to folio.LinkTarget) (int, error) {
	n := 0
	err := db.write(ctx, func(tx *Tx) error {
		items, err := findWatched(ctx, tx, `SELECT wl_user, wl_namespace, wl_title, wl_expiry, wl_notificationtimestamp FROM watchlist
			WHERE wl_namespace = ? AND wl_title = ?`, from.Namespace, from.DBKey)
		if err != nil {
			return err
		}
		ins := tx.db.Dialect.InsertIgnore("watchlist", "wl_user, wl_namespace, wl_title, wl_expiry")
		for _, w := range items {
			var exp *string
			if !w.Expiry.IsZero() {
				s := ts(w.Expiry)
				exp = &s
			}
			if _, err := tx.exec(ctx, ins, w.UserID, to.Namespace, to.DBKey, exp); err != nil {
				return fmt.Errorf("copy watcher %d to %d:%s: %w", w.UserID, to.Namespace, to.DBKey, err)
			}
		}
		n = len(items)
		return nil
	})
	return n, err
}

// ClearWatchlist empties a watchlist.
func (db *DB) ClearWatchlist(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM watchlist WHERE wl_user = ?`, userID)
		if err != nil {
			return fmt.Errorf("clear watchlist: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// FindWatchedItems returns which of titles the user watches.
func (db *DB) FindWatchedItems(ctx context.Context, userID int64, titles []folio.LinkTarget) (map[folio.LinkTarget]*folio.WatchedItem, error) {
	out := map[folio.LinkTarget]*folio.WatchedItem{}
	err := db.read(ctx, func(tx *Tx) error {
		const batch = 100
		for start := 0; start < len(titles); start += batch {
			part := titles[start:min(start+batch, len(titles))]
			conds := make([]string, 0, len(part))
			args := []any{userID}
			for _, t := range part {
				conds = append(conds, "(wl_namespace = ? AND wl_title = ?)")
				args = append(args, t.Namespace, t.DBKey)
			}
			items, err := findWatched(ctx, tx, `SELECT wl_user, wl_namespace, wl_title, wl_expiry, wl_notificationtimestamp
				FROM watchlist WHERE wl_user = ? AND (`+joinOr(conds)+`)`, args...)
			if err != nil {
				return err
			}
			for _, w := range items {
				out[folio.LinkTarget{Namespace: w.Namespace, DBKey: w.DBKey}] = w
			}
		}
		return nil
	})
	return out, err
}

// FindWatchlist lists watched titles in (namespace, title) order.
func (db *DB) FindWatchlist(ctx context.Context, f folio.WatchlistFilter) ([]*folio.WatchedItem, error) {
	conds := []string{"wl_user = ?"}
	args := []any{f.UserID}
	if f.Namespace != nil {
		conds = append(conds, "wl_namespace = ?")
		args = append(args, *f.Namespace)
	}
	cmp, order := ">", "ASC"
	if f.Descending {
		cmp, order = "<", "DESC"
	}
	if f.From != nil {
		conds = append(conds, "(wl_namespace "+cmp+" ? OR (wl_namespace = ? AND wl_title "+cmp+"= ?))")
		args = append(args, f.From.Namespace, f.From.Namespace, f.From.DBKey)
	}
	if !f.Now.IsZero() {
		conds = append(conds, "(wl_expiry IS NULL OR wl_expiry > ?)")
		args = append(args, ts(f.Now))
	}
	q := `SELECT wl_user, wl_namespace, wl_title, wl_expiry, wl_notificationtimestamp FROM watchlist` + where(conds) +
		fmt.Sprintf(` ORDER BY wl_namespace %s, wl_title %s LIMIT %d`, order, order, limit(f.Limit, 500))
	var out []*folio.WatchedItem
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = findWatched(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// FindWatchlistChanges lists recent changes to the titles a user watches.
func (db *DB) FindWatchlistChanges(ctx context.Context, f folio.WatchlistChangeFilter) ([]*folio.RecentChange, error) {
	conds, args := rcConditions(f.RecentChangeFilter)
	conds = append([]string{"wl_user = ?"}, conds...)
	args = append([]any{f.UserID}, args...)
	if !f.Now.IsZero() {
		conds = append(conds, "(wl_expiry IS NULL OR wl_expiry > ?)")
		args = append(args, ts(f.Now))
	}
	join := ""
	if f.Unread != nil {
		conds = append(conds, unreadCondition(*f.Unread))
	}
	if !f.AllRevisions {
		join = " LEFT JOIN page ON page_id = rc_cur_id"
		conds = append(conds, "(rc_type = ? OR rc_this_oldid = page_latest)")
		args = append(args, folio.RCLog)
	}
	q := `SELECT rc_id, rc_timestamp, rc_type, rc_namespace, rc_title, rc_cur_id, actor_id,
		COALESCE(actor_user, 0), actor_name, rc_comment, rc_minor, rc_bot, rc_new, rc_this_oldid,
		rc_last_oldid, COALESCE(rc_old_len, 0), COALESCE(rc_new_len, 0), rc_logid,
		COALESCE(rc_log_type, ''), COALESCE(rc_log_action, '')
		FROM recentchanges JOIN actor ON actor_id = rc_actor
		JOIN watchlist ON wl_namespace = rc_namespace AND wl_title = rc_title` + join + where(conds) +
		fmt.Sprintf(` ORDER BY rc_id DESC LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.RecentChange
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("list watchlist changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			rc, err := scanRC(rows)
			if err != nil {
				return err
			}
			out = append(out, rc)
		}
		return rows.Err()
	})
	return out, err
}

// findWatched runs a query selecting wl_user, wl_namespace, wl_title,
// wl_expiry and wl_notificationtimestamp.
func findWatched(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.WatchedItem, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find watchlist: %w", err)
	}
	defer rows.Close()
	var out []*folio.WatchedItem
	for rows.Next() {
		var w folio.WatchedItem
		var exp, notif *string
		if err := rows.Scan(&w.UserID, &w.Namespace, &w.DBKey, &exp, &notif); err != nil {
			return nil, fmt.Errorf("scan watchlist: %w", err)
		}
		if exp != nil {
			if w.Expiry, err = parseTS(*exp); err != nil {
				return nil, err
			}
		}
		if notif != nil {
			if w.NotificationTimestamp, err = parseTS(*notif); err != nil {
				return nil, err
			}
		}
		out = append(out, &w)
	}
	return out, rows.Err()
}

// joinOr joins SQL conditions with OR.
func joinOr(conds []string) string {
	out := ""
	for i, c := range conds {
		if i > 0 {
			out += " OR "
		}
		out += c
	}
	return out
}
