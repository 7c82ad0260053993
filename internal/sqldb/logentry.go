package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/folio-wiki/folio"
)

// CreateLogEntry writes a log entry and its recent change. It sets e.ID,
// e.Actor and, when zero, e.Timestamp.
func (db *DB) CreateLogEntry(ctx context.Context, e *folio.LogEntry) error {
	le := *e
	err := db.write(ctx, func(tx *Tx) error {
		le = *e
		return createLogEntry(ctx, tx, &le)
	})
	if err == nil {
		*e = le
	}
	return err
}

// createLogEntry inserts le into logging and recentchanges.
func createLogEntry(ctx context.Context, tx *Tx, le *folio.LogEntry) error {
	actor, err := ensureActor(ctx, tx, le.Actor)
	if err != nil {
		return err
	}
	le.Actor = actor
	if le.Timestamp.IsZero() {
		le.Timestamp = tx.Now
	}
	params := ""
	if len(le.Params) > 0 {
		b, err := json.Marshal(le.Params)
		if err != nil {
			return fmt.Errorf("encode log params: %w", err)
		}
		params = string(b)
	}
	le.ID, err = tx.insertID(ctx, `INSERT INTO logging (log_type, log_action, log_timestamp,
		log_actor, log_namespace, log_title, log_page, log_comment, log_params)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, "log_id", le.Type, le.Action, ts(le.Timestamp),
		actor.ID, le.Namespace, le.DBKey, nullInt(le.PageID), le.Comment, params)
	if err != nil {
		return fmt.Errorf("insert log entry: %w", err)
	}
	_, err = insertRC(ctx, tx, &folio.RecentChange{
		Timestamp: le.Timestamp, Type: folio.RCLog, Namespace: le.Namespace, DBKey: le.DBKey,
		PageID: le.PageID, Actor: actor, Comment: le.Comment, LogID: le.ID,
		LogType: le.Type, LogAction: le.Action,
	}, params)
	return err
}

// FindLogEntries lists log entries, newest first.
func (db *DB) FindLogEntries(ctx context.Context, f folio.LogFilter) ([]*folio.LogEntry, error) {
	var conds []string
	var args []any
	if f.Type != "" {
		conds, args = append(conds, `log_type = ?`), append(args, f.Type)
	}
	if f.ActorName != "" {
		conds, args = append(conds, `actor_name = ?`), append(args, f.ActorName)
	}
	if f.Namespace != nil {
		conds, args = append(conds, `log_namespace = ?`), append(args, *f.Namespace)
	}
	if f.DBKey != "" {
		conds, args = append(conds, `log_title = ?`), append(args, f.DBKey)
	}
	if f.Before > 0 {
		conds, args = append(conds, `log_id < ?`), append(args, f.Before)
	}
	q := `SELECT log_id, log_type, log_action, log_timestamp, actor_id, COALESCE(actor_user, 0),
		actor_name, log_namespace, log_title, COALESCE(log_page, 0), log_comment, log_params
		FROM logging JOIN actor ON actor_id = log_actor` + where(conds) +
		fmt.Sprintf(` ORDER BY log_id DESC LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.LogEntry
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("list log entries: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			le, err := scanLogEntry(rows)
			if err != nil {
				return err
			}
			out = append(out, le)
		}
		return rows.Err()
	})
	return out, err
}

func scanLogEntry(s scanner) (*folio.LogEntry, error) {
	var le folio.LogEntry
	var stamp, params string
	if err := s.Scan(&le.ID, &le.Type, &le.Action, &stamp, &le.Actor.ID, &le.Actor.UserID,
		&le.Actor.Name, &le.Namespace, &le.DBKey, &le.PageID, &le.Comment, &params); err != nil {
		return nil, fmt.Errorf("scan log entry: %w", err)
	}
	var err error
	if le.Timestamp, err = parseTS(stamp); err != nil {
		return nil, err
	}
	if params != "" {
		if err := json.Unmarshal([]byte(params), &le.Params); err != nil {
			return nil, fmt.Errorf("decode params of log entry %d: %w", le.ID, err)
		}
	}
	return &le, nil
}
