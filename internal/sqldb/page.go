package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/folio-wiki/folio"
)

// pageCols are the page columns scanPage reads, in order.
const pageCols = `page_id, page_namespace, page_title, page_is_redirect, page_is_new,
	page_touched, page_latest, page_len, page_content_model`

type scanner interface{ Scan(dest ...any) error }

func scanPage(s scanner) (*folio.Page, error) {
	var p folio.Page
	var redirect, isNew int
	var touched string
	if err := s.Scan(&p.ID, &p.Namespace, &p.DBKey, &redirect, &isNew, &touched,
		&p.Latest, &p.Len, &p.ContentModel); err != nil {
		return nil, err
	}
	p.IsRedirect, p.IsNew = redirect != 0, isNew != 0
	var err error
	p.Touched, err = parseTS(touched)
	return &p, err
}

// FindPageByID returns a page with its protections, or EMissingTitle.
func (db *DB) FindPageByID(ctx context.Context, id int64) (*folio.Page, error) {
	var p *folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		p, err = findPage(ctx, tx, `page_id = ?`, id)
		if notFound(err) {
			return folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", id)
		}
		return err
	})
	return p, err
}

// FindPageByTitle returns a page with its protections, or EMissingTitle.
func (db *DB) FindPageByTitle(ctx context.Context, ns int, dbkey string) (*folio.Page, error) {
	var p *folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		p, err = findPageByTitle(ctx, tx, ns, dbkey)
		return err
	})
	return p, err
}

func findPageByTitle(ctx context.Context, tx *Tx, ns int, dbkey string) (*folio.Page, error) {
	p, err := findPage(ctx, tx, `page_namespace = ? AND page_title = ?`, ns, dbkey)
	if notFound(err) {
		return nil, folio.Errorf(folio.EMissingTitle, "The page %d:%s does not exist.", ns, dbkey)
	}
	return p, err
}

// findPage reads one page matching cond and its protections; a missing page
// gives sql.ErrNoRows.
func findPage(ctx context.Context, tx *Tx, cond string, args ...any) (*folio.Page, error) {
	p, err := scanPage(tx.queryRow(ctx, `SELECT `+pageCols+` FROM page WHERE `+cond, args...))
	if notFound(err) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("find page: %w", err)
	}
	if p.Protections, err = findProtections(ctx, tx, p.ID); err != nil {
		return nil, err
	}
	return p, nil
}

// FindPages lists pages ordered by namespace and title (Special:AllPages).
func (db *DB) FindPages(ctx context.Context, f folio.PageFilter) ([]*folio.Page, error) {
	var conds []string
	var args []any
	if f.Namespace != nil {
		conds, args = append(conds, `page_namespace = ?`), append(args, *f.Namespace)
	}
	if f.From != "" {
		conds, args = append(conds, `page_title >= ?`), append(args, f.From)
	}
	if f.Prefix != "" {
		conds, args = append(conds, `page_title LIKE ? ESCAPE '!'`), append(args, likePrefix(f.Prefix))
	}
	if f.IsRedirect != nil {
		conds, args = append(conds, `page_is_redirect = ?`), append(args, b2i(*f.IsRedirect))
	}
	q := `SELECT ` + pageCols + ` FROM page` + where(conds) +
		fmt.Sprintf(` ORDER BY page_namespace, page_title LIMIT %d`, limit(f.Limit, 100))
	var out []*folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryPages(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// likePrefix escapes s for LIKE with ESCAPE '!' and appends %.
func likePrefix(s string) string {
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return r.Replace(s) + "%"
}

func queryPages(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.Page, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	defer rows.Close()
	var out []*folio.Page
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, fmt.Errorf("scan page: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	return out, nil
}

// PagesExist reports for each target whether a page exists, querying in
// batches per namespace.
func (db *DB) PagesExist(ctx context.Context, targets []folio.LinkTarget) (map[folio.LinkTarget]bool, error) {
	out := make(map[folio.LinkTarget]bool, len(targets))
	byNS := map[int][]string{}
	for _, t := range targets {
		out[t] = false
		byNS[t.Namespace] = append(byNS[t.Namespace], t.DBKey)
	}
	found := map[folio.LinkTarget]bool{}
	err := db.read(ctx, func(tx *Tx) error {
		for ns, keys := range byNS {
			if err := existingTitles(ctx, tx, ns, keys, found); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for t := range out {
		out[t] = found[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}]
	}
	return out, nil
}

// existingTitles marks in found the titles of keys that exist in ns.
func existingTitles(ctx context.Context, tx *Tx, ns int, keys []string, found map[folio.LinkTarget]bool) error {
	const batch = 200
	for start := 0; start < len(keys); start += batch {
		part := keys[start:min(start+batch, len(keys))]
		args := []any{ns}
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := tx.query(ctx, `SELECT page_title FROM page WHERE page_namespace = ? AND page_title IN (`+
			placeholders(len(part))+`)`, args...)
		if err != nil {
			return fmt.Errorf("check pages exist: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return fmt.Errorf("check pages exist: %w", err)
			}
			found[folio.LinkTarget{Namespace: ns, DBKey: k}] = true
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("check pages exist: %w", err)
		}
	}
	return nil
}

// RandomPage picks a non-redirect page of ns uniformly: it counts the
// candidates and reads the one at a random offset.
func (db *DB) RandomPage(ctx context.Context, ns int) (*folio.Page, error) {
	var p *folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		for range 3 {
			var n int64
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM page WHERE page_namespace = ?
				AND page_is_redirect = 0`, ns).Scan(&n); err != nil {
				return fmt.Errorf("count pages: %w", err)
			}
			if n == 0 {
				break
			}
			var err error
			p, err = findPage(ctx, tx, `page_id = (SELECT page_id FROM page WHERE page_namespace = ?
				AND page_is_redirect = 0 ORDER BY page_id LIMIT 1 OFFSET ?)`, ns, rand.Int64N(n))
			if !notFound(err) { // a page may vanish between the two queries
				return err
			}
		}
		return folio.Errorf(folio.EMissingTitle, "There is no page in namespace %d.", ns)
	})
	return p, err
}

// nullInt returns v, or NULL when v is zero.
func nullInt(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }
