package postgres

import (
	"strings"

	"github.com/folio-wiki/folio/internal/sqldb"
)

// Full-text search runs on a tsvector column with a GIN index. The
// 'simple' configuration (no stemming, no stop words) keeps results the
// same for every language and close to MariaDB's and SQLite's; titles get
// weight A, text weight B. A tsvector holds at most 1 MiB, so very long
// texts are indexed by their first 500,000 characters.

const vector = `setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', left(?, 500000)), 'B')`

// SearchIndex implements sqldb.Searcher.
func (Dialect) SearchIndex(id int64, title, text string) []sqldb.Stmt {
	return []sqldb.Stmt{{SQL: `INSERT INTO searchindex (si_page, si_title, si_vector) VALUES (?, ?, ` + vector + `)
		ON CONFLICT (si_page) DO UPDATE SET si_title = EXCLUDED.si_title, si_vector = EXCLUDED.si_vector`,
		Args: []any{id, title, title, text}}}
}

// SearchRemove implements sqldb.Searcher.
func (Dialect) SearchRemove(id int64) []sqldb.Stmt {
	return []sqldb.Stmt{{SQL: `DELETE FROM searchindex WHERE si_page = ?`, Args: []any{id}}}
}

// SearchPages implements sqldb.Searcher.
func (Dialect) SearchPages(terms []string, titlesOnly bool, nsCond string, nsArgs []any, limit, offset int) (list, count sqldb.Stmt) {
	query := strings.Join(terms, " & ")
	match := `s.si_vector @@ to_tsquery('simple', ?)`
	if titlesOnly {
		match = `to_tsvector('simple', s.si_title) @@ to_tsquery('simple', ?)`
	}
	from := ` FROM searchindex s JOIN page p ON p.page_id = s.si_page WHERE ` + match + ` AND ` + nsCond
	args := append([]any{query}, nsArgs...)
	list = sqldb.Stmt{SQL: `SELECT p.page_id` + from +
		` ORDER BY ts_rank(s.si_vector, to_tsquery('simple', ?)) DESC, p.page_id LIMIT ? OFFSET ?`,
		Args: append(append(append([]any(nil), args...), query), limit, offset)}
	count = sqldb.Stmt{SQL: `SELECT COUNT(*)` + from, Args: args}
	return list, count
}
