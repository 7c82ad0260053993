package sqldb

import (
	"context"
	"fmt"
	"slices"

	"github.com/folio-wiki/folio"
)

var _ folio.CategoryStore = (*DB)(nil)

// categorySortExpr is a member's sort key: the key given with the link, or
// else the title with spaces.
const categorySortExpr = `CASE WHEN cl_sortkey <> '' THEN cl_sortkey ELSE REPLACE(page_title, '_', ' ') END`

// categoryTypeConds select member types by namespace, so rows written
// before cl_type was kept still land in the right list.
var categoryTypeConds = map[string]string{
	folio.CategoryTypePage:   `page_namespace NOT IN (6, 14)`,
	folio.CategoryTypeSubcat: `page_namespace = 14`,
	folio.CategoryTypeFile:   `page_namespace = 6`,
}

// FindCategoryListing lists members of a category in sort key order.
func (db *DB) FindCategoryListing(ctx context.Context, f folio.CategoryMemberFilter) ([]*folio.CategoryMember, error) {
	conds, args := []string{`cl_to = ?`}, []any{f.Category}
	if f.Type != "" {
		c, ok := categoryTypeConds[f.Type]
		if !ok {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown category member type %q.", f.Type)
		}
		conds = append(conds, c)
	}
	order := `sk, page_title`
	if f.From != "" {
		conds, args = append(conds, categorySortExpr+` >= ?`), append(args, f.From)
	}
	if f.Until != "" {
		conds, args = append(conds, categorySortExpr+` < ?`), append(args, f.Until)
		order = `sk DESC, page_title DESC`
	}
	q := `SELECT page_id, page_namespace, page_title, ` + categorySortExpr + ` AS sk
		FROM categorylinks JOIN page ON page_id = cl_from` + where(conds) +
		fmt.Sprintf(` ORDER BY %s LIMIT %d`, order, limit(f.Limit, 200))
	var out []*folio.CategoryMember
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryCategoryMembers(ctx, tx, q, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find members of category %s: %w", f.Category, err)
	}
	if f.Until != "" {
		slices.Reverse(out)
	}
	return out, nil
}

func queryCategoryMembers(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.CategoryMember, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*folio.CategoryMember
	for rows.Next() {
		m := &folio.CategoryMember{}
		if err := rows.Scan(&m.PageID, &m.Namespace, &m.DBKey, &m.SortKey); err != nil {
			return nil, fmt.Errorf("scan category member: %w", err)
		}
		switch m.Namespace {
		case folio.NSCategory:
			m.Type = folio.CategoryTypeSubcat
		case folio.NSFile:
			m.Type = folio.CategoryTypeFile
		default:
			m.Type = folio.CategoryTypePage
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CountCategoryMembers counts the pages, subcategories and files in a
// category.
func (db *DB) CountCategoryMembers(ctx context.Context, category string) (*folio.CategoryCounts, error) {
	c := &folio.CategoryCounts{}
	err := db.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT
			COALESCE(SUM(CASE WHEN page_namespace NOT IN (6, 14) THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN page_namespace = 14 THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN page_namespace = 6 THEN 1 ELSE 0 END), 0)
			FROM categorylinks JOIN page ON page_id = cl_from WHERE cl_to = ?`, category).
			Scan(&c.Pages, &c.Subcats, &c.Files)
	})
	if err != nil {
		return nil, fmt.Errorf("count members of category %s: %w", category, err)
	}
	return c, nil
}
