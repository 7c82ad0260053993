package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
)

var _ folio.PatrolStore = (*DB)(nil)

// rcSelect reads the columns scanRC wants plus rc_patrolled.
const rcSelect = `SELECT rc_id, rc_timestamp, rc_type, rc_namespace, rc_title, rc_cur_id, actor_id,
	COALESCE(actor_user, 0), actor_name, rc_comment, rc_minor, rc_bot, rc_new, rc_this_oldid,
	rc_last_oldid, COALESCE(rc_old_len, 0), COALESCE(rc_new_len, 0), rc_logid,
	COALESCE(rc_log_type, ''), COALESCE(rc_log_action, ''), rc_patrolled
	FROM recentchanges JOIN actor ON actor_id = rc_actor`

// FindRecentChangeByID returns a recent change and its rc_patrolled.
func (db *DB) FindRecentChangeByID(ctx context.Context, id int64) (*folio.RecentChange, int, error) {
	return db.findPatrollable(ctx, `rc_id = ?`, id,
		folio.Errorf(folio.ENoSuchRCID, "There is no recent change with ID %d.", id))
}

// FindRecentChangeByRevID returns the recent change that made a revision.
func (db *DB) FindRecentChangeByRevID(ctx context.Context, revID int64) (*folio.RecentChange, int, error) {
	return db.findPatrollable(ctx, `rc_this_oldid = ? AND rc_type <> 3`, revID,
		folio.Errorf(folio.ENoSuchRevID, "There is no recent change for revision %d.", revID))
}

func (db *DB) findPatrollable(ctx context.Context, cond string, arg int64, missing error) (*folio.RecentChange, int, error) {
	var rc *folio.RecentChange
	var patrolled int
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		rc, patrolled, err = findRC(ctx, tx, cond, arg)
		if notFound(err) {
			return missing
		}
		return err
	})
	return rc, patrolled, err
}

func findRC(ctx context.Context, tx *Tx, cond string, arg int64) (*folio.RecentChange, int, error) {
	var patrolled int
	rc, err := scanRC(scanWith{tx.queryRow(ctx, rcSelect+` WHERE `+cond+` ORDER BY rc_id LIMIT 1`, arg), &patrolled})
	return rc, patrolled, err
}

// scanWith appends extra destinations to a row scan.
type scanWith struct {
	s     scanner
	extra any
}

func (w scanWith) Scan(dest ...any) error { return w.s.Scan(append(dest, w.extra)...) }

// PatrolStates returns rc_patrolled of the given recent changes; unknown
// ids are left out.
func (db *DB) PatrolStates(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := make(map[int64]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT rc_id, rc_patrolled FROM recentchanges WHERE rc_id IN (`+
			placeholders(len(ids))+`)`, args...)
		if err != nil {
			return fmt.Errorf("find patrol states: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var state int
			if err := rows.Scan(&id, &state); err != nil {
				return fmt.Errorf("scan patrol state: %w", err)
			}
			out[id] = state
		}
		return rows.Err()
	})
	return out, err
}

// MarkPatrolled marks a recent change patrolled and logs patrol/patrol.
func (db *DB) MarkPatrolled(ctx context.Context, rcID int64, actor folio.Actor) (*folio.LogEntry, error) {
	var le *folio.LogEntry
	err := db.write(ctx, func(tx *Tx) error {
		rc, _, err := findRC(ctx, tx, `rc_id = ?`, rcID)
		if notFound(err) {
			return folio.Errorf(folio.ENoSuchRCID, "There is no recent change with ID %d.", rcID)
		} else if err != nil {
			return fmt.Errorf("find recent change %d: %w", rcID, err)
		}
		res, err := tx.exec(ctx, `UPDATE recentchanges SET rc_patrolled = 1 WHERE rc_id = ? AND rc_patrolled = 0`, rcID)
		if err != nil {
			return fmt.Errorf("mark recent change %d patrolled: %w", rcID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // already patrolled: nothing to log
		}
		le = &folio.LogEntry{Type: "patrol", Action: "patrol", Actor: actor, Namespace: rc.Namespace,
			DBKey: rc.DBKey, PageID: rc.PageID, Params: map[string]string{
				"curid": strconv.FormatInt(rc.ThisOldID, 10), "previd": strconv.FormatInt(rc.LastOldID, 10), "auto": "0"}}
		return insertLogOnly(ctx, tx, le)
	})
	return le, err
}

// insertLogOnly writes a log entry without a recent change.
func insertLogOnly(ctx context.Context, tx *Tx, le *folio.LogEntry) error {
	actor, err := ensureActor(ctx, tx, le.Actor)
	if err != nil {
		return err
	}
	le.Actor, le.Timestamp = actor, tx.Now
	params, err := json.Marshal(le.Params)
	if err != nil {
		return fmt.Errorf("encode log params: %w", err)
	}
	le.ID, err = tx.insertID(ctx, `INSERT INTO logging (log_type, log_action, log_timestamp,
		log_actor, log_namespace, log_title, log_page, log_comment, log_params)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, "log_id", le.Type, le.Action, ts(le.Timestamp),
		actor.ID, le.Namespace, le.DBKey, nullInt(le.PageID), le.Comment, string(params))
	if err != nil {
		return fmt.Errorf("insert log entry: %w", err)
	}
	return nil
}

// autoPatrol marks the recent change of an edit by an autopatrolling
// editor patrolled (rc_patrolled 2) within the edit's transaction.
func autoPatrol(ctx context.Context, tx *Tx, e *folio.Edit, rcID int64) error {
	if !e.AutoPatrol {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE recentchanges SET rc_patrolled = ? WHERE rc_id = ?`,
		folio.PatrolledAuto, rcID); err != nil {
		return fmt.Errorf("autopatrol recent change %d: %w", rcID, err)
	}
	return nil
}
