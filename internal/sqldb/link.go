package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
)

// linkTables are the tables holding a page's outgoing links, with the column
// naming the source page.
var linkTables = []struct{ table, from string }{
	{"pagelinks", "pl_from"}, {"templatelinks", "tl_from"}, {"categorylinks", "cl_from"},
	{"imagelinks", "il_from"}, {"externallinks", "el_from"},
}

// deleteLinks removes every outgoing link row of a page.
func deleteLinks(ctx context.Context, tx *Tx, pageID int64) error {
	for _, lt := range linkTables {
		if _, err := tx.exec(ctx, `DELETE FROM `+lt.table+` WHERE `+lt.from+` = ?`, pageID); err != nil {
			return fmt.Errorf("clear %s: %w", lt.table, err)
		}
	}
	return nil
}

// replaceLinks replaces the outgoing links of page p with ls.
func replaceLinks(ctx context.Context, tx *Tx, pageID int64, ns int, ls *folio.LinkSet) error {
	if err := deleteLinks(ctx, tx, pageID); err != nil {
		return err
	}
	var pl, tl, cl, il, el [][]any
	seen := map[string]bool{}
	once := func(kind string, parts ...any) bool {
		k := fmt.Sprint(append([]any{kind}, parts...)...)
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	for _, t := range ls.Links {
		if once("pl", t.Namespace, "\x00", t.DBKey) {
			pl = append(pl, []any{pageID, ns, t.Namespace, t.DBKey})
		}
	}
	for _, t := range ls.Templates {
		if once("tl", t.Namespace, "\x00", t.DBKey) {
			tl = append(tl, []any{pageID, ns, t.Namespace, t.DBKey})
		}
	}
	for _, c := range ls.Categories {
		if once("cl", c.Category) {
			cl = append(cl, []any{pageID, c.Category, c.SortKey, ts(tx.Now), "page"})
		}
	}
	for _, img := range ls.Images {
		if once("il", img) {
			il = append(il, []any{pageID, ns, img})
		}
	}
	for _, u := range ls.External {
		if once("el", u) {
			el = append(el, []any{pageID, u})
		}
	}
	return insertLinkRows(ctx, tx, pl, tl, cl, il, el)
}

func insertLinkRows(ctx context.Context, tx *Tx, pl, tl, cl, il, el [][]any) error {
	for _, ins := range []struct {
		table, cols string
		rows        [][]any
	}{
		{"pagelinks", "pl_from, pl_from_namespace, pl_namespace, pl_title", pl},
		{"templatelinks", "tl_from, tl_from_namespace, tl_namespace, tl_title", tl},
		{"categorylinks", "cl_from, cl_to, cl_sortkey, cl_timestamp, cl_type", cl},
		{"imagelinks", "il_from, il_from_namespace, il_to", il},
		{"externallinks", "el_from, el_to", el},
	} {
		if err := tx.insertRows(ctx, ins.table, ins.cols, ins.rows); err != nil {
			return err
		}
	}
	return nil
}

// setRedirect writes or removes the redirect row of a page.
func setRedirect(ctx context.Context, tx *Tx, pageID int64, target *folio.LinkTarget) error {
	if _, err := tx.exec(ctx, `DELETE FROM redirect WHERE rd_from = ?`, pageID); err != nil {
		return fmt.Errorf("clear redirect: %w", err)
	}
	if target == nil {
		return nil
	}
	_, err := tx.exec(ctx, `INSERT INTO redirect (rd_from, rd_namespace, rd_title, rd_interwiki,
		rd_fragment) VALUES (?, ?, ?, '', ?)`, pageID, target.Namespace, target.DBKey, target.Fragment)
	if err != nil {
		return fmt.Errorf("insert redirect: %w", err)
	}
	return nil
}

// UpdateLinks replaces a page's outgoing links.
func (db *DB) UpdateLinks(ctx context.Context, pageID int64, links *folio.LinkSet) error {
	return db.write(ctx, func(tx *Tx) error {
		p, err := findPage(ctx, tx, `page_id = ?`, pageID)
		if notFound(err) {
			return folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", pageID)
		} else if err != nil {
			return err
		}
		if links == nil {
			links = &folio.LinkSet{}
		}
		return replaceLinks(ctx, tx, p.ID, p.Namespace, links)
	})
}

// FindLinks returns the outgoing links of a page, each list sorted.
func (db *DB) FindLinks(ctx context.Context, pageID int64) (*folio.LinkSet, error) {
	ls := &folio.LinkSet{}
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		if ls.Links, err = findTargets(ctx, tx, `SELECT pl_namespace, pl_title FROM pagelinks
			WHERE pl_from = ? ORDER BY pl_namespace, pl_title`, pageID); err != nil {
			return err
		}
		if ls.Templates, err = findTargets(ctx, tx, `SELECT tl_namespace, tl_title FROM templatelinks
			WHERE tl_from = ? ORDER BY tl_namespace, tl_title`, pageID); err != nil {
			return err
		}
		if ls.Images, err = findStrings(ctx, tx, `SELECT il_to FROM imagelinks WHERE il_from = ?
			ORDER BY il_to`, pageID); err != nil {
			return err
		}
		if ls.External, err = findStrings(ctx, tx, `SELECT el_to FROM externallinks WHERE el_from = ?
			ORDER BY el_to`, pageID); err != nil {
			return err
		}
		ls.Categories, err = findCategories(ctx, tx, pageID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ls, nil
}

func findTargets(ctx context.Context, tx *Tx, q string, args ...any) ([]folio.LinkTarget, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find links: %w", err)
	}
	defer rows.Close()
	var out []folio.LinkTarget
	for rows.Next() {
		var t folio.LinkTarget
		if err := rows.Scan(&t.Namespace, &t.DBKey); err != nil {
			return nil, fmt.Errorf("scan link: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func findStrings(ctx context.Context, tx *Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find links: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("scan link: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func findCategories(ctx context.Context, tx *Tx, pageID int64) ([]folio.CategoryLink, error) {
	rows, err := tx.query(ctx, `SELECT cl_to, cl_sortkey FROM categorylinks WHERE cl_from = ?
		ORDER BY cl_to`, pageID)
	if err != nil {
		return nil, fmt.Errorf("find categories: %w", err)
	}
	defer rows.Close()
	var out []folio.CategoryLink
	for rows.Next() {
		var c folio.CategoryLink
		if err := rows.Scan(&c.Category, &c.SortKey); err != nil {
			return nil, fmt.Errorf("scan category: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// backlinkSources maps a backlink kind to the subqueries selecting source
// page ids for a (namespace, title) target.
var backlinkSources = map[string][]string{
	"link":     {`SELECT pl_from FROM pagelinks WHERE pl_namespace = ? AND pl_title = ?`},
	"template": {`SELECT tl_from FROM templatelinks WHERE tl_namespace = ? AND tl_title = ?`},
	"redirect": {`SELECT rd_from FROM redirect WHERE rd_namespace = ? AND rd_title = ?`},
}

// FindBacklinks lists pages linking to f.Target, ordered by page id.
func (db *DB) FindBacklinks(ctx context.Context, f folio.BacklinkFilter) ([]*folio.Page, error) {
	kinds := []string{f.Kind}
	if f.Kind == "" {
		kinds = []string{"link", "redirect"}
	}
	var subs []string
	var args []any
	for _, k := range kinds {
		qs, ok := backlinkSources[k]
		if !ok {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown backlink kind %q.", k)
		}
		for _, q := range qs {
			subs, args = append(subs, q), append(args, f.Target.Namespace, f.Target.DBKey)
		}
	}
	conds := []string{`page_id IN (` + joinUnion(subs) + `)`}
	if f.Namespace != nil {
		conds, args = append(conds, `page_namespace = ?`), append(args, *f.Namespace)
	}
	if f.FromPageID > 0 {
		conds, args = append(conds, `page_id > ?`), append(args, f.FromPageID)
	}
	q := `SELECT ` + pageCols + ` FROM page` + where(conds) +
		fmt.Sprintf(` ORDER BY page_id LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryPages(ctx, tx, q, args...)
		return err
	})
	return out, err
}

func joinUnion(qs []string) string { return strings.Join(qs, " UNION ") }
