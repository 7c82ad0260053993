package sqldb

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
)

var _ folio.SearchStore = (*DB)(nil)

// Stmt is one SQL statement with its arguments.
type Stmt struct {
	SQL  string
	Args []any
}

// Searcher is implemented by dialects with a full-text engine: SQLite's
// FTS5, PostgreSQL's tsvector, MariaDB's FULLTEXT indexes. The searchindex
// table holds each page's title (with spaces) and current text.
type Searcher interface {
	// SearchIndex returns the statements that index page id anew.
	SearchIndex(id int64, title, text string) []Stmt
	// SearchRemove returns the statements that drop page id.
	SearchRemove(id int64) []Stmt
	// SearchPages returns a query listing matching page ids best first and
	// a query counting them. Both join page as p; nsCond is a condition on
	// p.page_namespace with its arguments after the engine's.
	SearchPages(terms []string, titlesOnly bool, nsCond string, nsArgs []any, limit, offset int) (list, count Stmt)
}

func (db *DB) searcher() (Searcher, error) {
	s, ok := db.Dialect.(Searcher)
	if !ok {
		return nil, folio.Errorf(folio.EInvalidParameter, "The %s backend has no full-text search.", db.Dialect.Name())
	}
	return s, nil
}

// reindexPage brings page id's searchindex row up to date with its title
// and current text, or removes it when the page is gone. Writes call it in
// their transaction.
func reindexPage(ctx context.Context, tx *Tx, id int64) error {
	s, ok := tx.db.Dialect.(Searcher)
	if !ok {
		return nil
	}
	var title, text string
	err := tx.queryRow(ctx, `SELECT page_title, content_text FROM page
		JOIN slots ON slot_revision_id = page_latest AND slot_role_id = 1
		JOIN content ON content_id = slot_content_id WHERE page_id = ?`, id).Scan(&title, &text)
	stmts := s.SearchRemove(id)
	if err == nil {
		stmts = s.SearchIndex(id, strings.ReplaceAll(title, "_", " "), text)
	} else if !notFound(err) {
		return fmt.Errorf("read page %d for the search index: %w", id, err)
	}
	for _, st := range stmts {
		if _, err := tx.exec(ctx, st.SQL, st.Args...); err != nil {
			return fmt.Errorf("search index of page %d: %w", id, err)
		}
	}
	return nil
}

// reindexAll indexes every page in tx (after a restore, which does not
// carry the derived search index).
func reindexAll(ctx context.Context, tx *Tx) error {
	if _, ok := tx.db.Dialect.(Searcher); !ok {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT page_id FROM page ORDER BY page_id`)
	if err != nil {
		return fmt.Errorf("list pages to index: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := reindexPage(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// SearchPages implements folio.SearchStore.
func (db *DB) SearchPages(ctx context.Context, q folio.SearchQuery) ([]*folio.SearchHit, int, error) {
	s, err := db.searcher()
	if err != nil {
		return nil, 0, err
	}
	terms := folio.SearchTerms(q.Text)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 20
	}
	nsCond, nsArgs := "1 = 1", []any(nil)
	if len(q.Namespaces) > 0 {
		nsCond = "p.page_namespace IN (" + placeholders(len(q.Namespaces)) + ")"
		for _, ns := range q.Namespaces {
			nsArgs = append(nsArgs, ns)
		}
	}
	list, count := s.SearchPages(terms, q.TitlesOnly, nsCond, nsArgs, limit, max(q.Offset, 0))
	var ids []int64
	var total int
	err = db.read(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, count.SQL, count.Args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.query(ctx, list.SQL, list.Args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	hits, err := db.searchHits(ctx, ids, terms)
	return hits, total, err
}

// searchHits loads the pages of ids, in that order, with their snippets.
func (db *DB) searchHits(ctx context.Context, ids []int64, terms []string) ([]*folio.SearchHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	byID := map[int64]*folio.SearchHit{}
	err := db.read(ctx, func(tx *Tx) error {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := tx.query(ctx, `SELECT page_id, page_namespace, page_title, rev_len, rev_timestamp, content_text
			FROM page JOIN revision ON rev_id = page_latest
			JOIN slots ON slot_revision_id = page_latest AND slot_role_id = 1
			JOIN content ON content_id = slot_content_id
			WHERE page_id IN (`+placeholders(len(ids))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var stamp, text string
			h := &folio.SearchHit{}
			if err := rows.Scan(&id, &h.Namespace, &h.DBKey, &h.Size, &stamp, &text); err != nil {
				return err
			}
			if h.Timestamp, err = parseTS(stamp); err != nil {
				return err
			}
			h.Words = len(strings.Fields(text))
			h.Snippet = snippet(text, terms)
			byID[id] = h
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("search results: %w", err)
	}
	out := make([]*folio.SearchHit, 0, len(ids))
	for _, id := range ids {
		if h := byID[id]; h != nil {
			out = append(out, h)
		}
	}
	return out, nil
}

// snippetBytes is about how much text a result shows.
const snippetBytes = 240

// snippet cuts the text around the first term it holds.
func snippet(text string, terms []string) string {
	lower := strings.ToLower(text)
	at := -1
	for _, t := range terms {
		if i := strings.Index(lower, t); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if len(lower) != len(text) { // case folding changed lengths: use the start
		at = -1
	}
	start := 0
	if at > snippetBytes/3 {
		start = at - snippetBytes/3
	}
	end := min(len(text), start+snippetBytes)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	s := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		s = "… " + s
	}
	if end < len(text) {
		s += " …"
	}
	return s
}

// RebuildSearchIndex implements folio.SearchStore: it reindexes every page,
// a batch of pages per transaction.
func (db *DB) RebuildSearchIndex(ctx context.Context, progress func(int)) (int, error) {
	if _, err := db.searcher(); err != nil {
		return 0, err
	}
	var after int64
	n := 0
	for {
		var ids []int64
		err := db.read(ctx, func(tx *Tx) error {
			rows, err := tx.query(ctx, `SELECT page_id FROM page WHERE page_id > ? ORDER BY page_id LIMIT 200`, after)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return rows.Err()
		})
		if err != nil || len(ids) == 0 {
			return n, err
		}
		err = db.write(ctx, func(tx *Tx) error {
			for _, id := range ids {
				if err := reindexPage(ctx, tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += len(ids)
		after = ids[len(ids)-1]
		if progress != nil {
			progress(n)
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
	}
}
