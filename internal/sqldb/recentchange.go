package sqldb

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// insertRC writes a recentchanges row; params holds log parameters as JSON.
func insertRC(ctx context.Context, tx *Tx, rc *folio.RecentChange, params string) (int64, error) {
	var oldLen, newLen *int
	if rc.Type != folio.RCLog {
		oldLen, newLen = &rc.OldLen, &rc.NewLen
	}
	var logType, logAction *string
	if rc.Type == folio.RCLog {
		logType, logAction = &rc.LogType, &rc.LogAction
	}
	id, err := tx.insertID(ctx, `INSERT INTO recentchanges (rc_timestamp, rc_actor, rc_namespace,
		rc_title, rc_comment, rc_minor, rc_bot, rc_new, rc_cur_id, rc_this_oldid, rc_last_oldid,
		rc_type, rc_source, rc_old_len, rc_new_len, rc_logid, rc_log_type, rc_log_action, rc_params)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, "rc_id",
		ts(rc.Timestamp), rc.Actor.ID, rc.Namespace, rc.DBKey, rc.Comment, b2i(rc.Minor),
		b2i(rc.Bot), b2i(rc.New), rc.PageID, rc.ThisOldID, rc.LastOldID, rc.Type,
		rcSource(rc.Type), oldLen, newLen, rc.LogID, logType, logAction, params)
	if err != nil {
		return 0, fmt.Errorf("insert recent change: %w", err)
	}
	return id, nil
}

// rcSource returns MediaWiki's rc_source value for an rc_type.
func rcSource(typ int) string {
	switch typ {
	case folio.RCNew:
		return "mw.new"
	case folio.RCLog:
		return "mw.log"
	default:
		return "mw.edit"
	}
}

// FindRecentChanges lists recent changes matching f, newest first.
func (db *DB) FindRecentChanges(ctx context.Context, f folio.RecentChangeFilter) ([]*folio.RecentChange, error) {
	conds, args := rcConditions(f)
	q := `SELECT rc_id, rc_timestamp, rc_type, rc_namespace, rc_title, rc_cur_id, actor_id,
		COALESCE(actor_user, 0), actor_name, rc_comment, rc_minor, rc_bot, rc_new, rc_this_oldid,
		rc_last_oldid, COALESCE(rc_old_len, 0), COALESCE(rc_new_len, 0), rc_logid,
		COALESCE(rc_log_type, ''), COALESCE(rc_log_action, '')
		FROM recentchanges JOIN actor ON actor_id = rc_actor` + where(conds) +
		fmt.Sprintf(` ORDER BY rc_id DESC LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.RecentChange
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("list recent changes: %w", err)
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

// FindNewPages lists page creations matching f, newest first.
func (db *DB) FindNewPages(ctx context.Context, f folio.RecentChangeFilter) ([]*folio.RecentChange, error) {
	f.NewOnly = true
	return db.FindRecentChanges(ctx, f)
}

// rcConditions turns a filter into WHERE conditions and their arguments.
func rcConditions(f folio.RecentChangeFilter) ([]string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if f.Namespace != nil {
		add(`rc_namespace = ?`, *f.Namespace)
	}
	if !f.Since.IsZero() {
		add(`rc_timestamp >= ?`, ts(f.Since))
	}
	if f.HideMinor {
		add(`rc_minor = 0`)
	}
	if f.HideBots {
		add(`rc_bot = 0`)
	}
	if f.HideAnons {
		add(`actor_user IS NOT NULL`)
	}
	if f.HideLiu {
		add(`actor_user IS NULL`)
	}
	if f.HideActor != "" {
		add(`actor_name <> ?`, f.HideActor)
	}
	if f.OnlyActor != "" {
		add(`actor_name = ?`, f.OnlyActor)
	}
	if f.HideLogs {
		add(`rc_type <> ?`, folio.RCLog)
	}
	if f.NewOnly {
		add(`rc_type = ?`, folio.RCNew)
	}
	if f.Before > 0 {
		add(`rc_id < ?`, f.Before)
	}
	return conds, args
}

func scanRC(s scanner) (*folio.RecentChange, error) {
	var rc folio.RecentChange
	var stamp string
	var minor, bot, isNew int
	if err := s.Scan(&rc.ID, &stamp, &rc.Type, &rc.Namespace, &rc.DBKey, &rc.PageID,
		&rc.Actor.ID, &rc.Actor.UserID, &rc.Actor.Name, &rc.Comment, &minor, &bot, &isNew,
		&rc.ThisOldID, &rc.LastOldID, &rc.OldLen, &rc.NewLen, &rc.LogID, &rc.LogType,
		&rc.LogAction); err != nil {
		return nil, fmt.Errorf("scan recent change: %w", err)
	}
	rc.Minor, rc.Bot, rc.New = minor != 0, bot != 0, isNew != 0
	var err error
	rc.Timestamp, err = parseTS(stamp)
	return &rc, err
}
