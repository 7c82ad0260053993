package sqldb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/folio-wiki/folio"
)

// findProtections reads a page's page_restrictions rows, ordered by type.
func findProtections(ctx context.Context, tx *Tx, pageID int64) ([]folio.Protection, error) {
	rows, err := tx.query(ctx, `SELECT pr_type, pr_level, pr_expiry FROM page_restrictions
		WHERE pr_page = ? ORDER BY pr_type`, pageID)
	if err != nil {
		return nil, fmt.Errorf("find protections of page %d: %w", pageID, err)
	}
	defer rows.Close()
	var out []folio.Protection
	for rows.Next() {
		var pr folio.Protection
		var exp *string
		if err := rows.Scan(&pr.Type, &pr.Level, &exp); err != nil {
			return nil, fmt.Errorf("scan protection: %w", err)
		}
		if exp != nil {
			if pr.Expiry, err = parseTS(*exp); err != nil {
				return nil, err
			}
		}
		out = append(out, pr)
	}
	return out, rows.Err()
}

// ProtectPage replaces the protections of a page and logs protect/protect,
// protect/modify or protect/unprotect.
func (db *DB) ProtectPage(ctx context.Context, req folio.ProtectRequest) (*folio.LogEntry, error) {
	var le *folio.LogEntry
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		le, err = protectPage(ctx, tx, req)
		return err
	})
	return le, err
}

func protectPage(ctx context.Context, tx *Tx, req folio.ProtectRequest) (*folio.LogEntry, error) {
	p, err := findPage(ctx, tx, `page_id = ?`, req.PageID)
	if notFound(err) {
		return nil, folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", req.PageID)
	} else if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM page_restrictions WHERE pr_page = ?`, p.ID); err != nil {
		return nil, fmt.Errorf("clear protections: %w", err)
	}
	var rows [][]any
	for _, pr := range req.Protections {
		rows = append(rows, []any{p.ID, pr.Type, pr.Level, 0, expiry(pr.Expiry)})
	}
	if err := tx.insertRows(ctx, "page_restrictions",
		"pr_page, pr_type, pr_level, pr_cascade, pr_expiry", rows); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE page SET page_touched = ? WHERE page_id = ?`,
		ts(tx.Now), p.ID); err != nil {
		return nil, fmt.Errorf("touch page: %w", err)
	}
	le := &folio.LogEntry{
		Type: "protect", Action: protectAction(len(p.Protections), len(req.Protections)),
		Actor: req.Actor, Namespace: p.Namespace, DBKey: p.DBKey, PageID: p.ID,
		Comment: req.Comment, Params: protectParams(req.Protections),
	}
	return le, createLogEntry(ctx, tx, le)
}

func protectAction(before, after int) string {
	switch {
	case after == 0:
		return "unprotect"
	case before == 0:
		return "protect"
	default:
		return "modify"
	}
}

// protectParams describes protections as log parameters: one "<type>" and
// "<type>_expiry" pair per protection plus a readable "description".
func protectParams(prs []folio.Protection) map[string]string {
	if len(prs) == 0 {
		return nil
	}
	params := map[string]string{}
	var desc []string
	for _, pr := range prs {
		exp := expiry(pr.Expiry)
		params[pr.Type] = pr.Level
		params[pr.Type+"_expiry"] = exp
		desc = append(desc, fmt.Sprintf("[%s=%s] (%s)", pr.Type, pr.Level, exp))
	}
	sort.Strings(desc)
	params["description"] = strings.Join(desc, " ")
	return params
}
