package sqlite

import (
	"strings"

	"github.com/folio-wiki/folio/internal/sqldb"
)

// Full-text search runs on an FTS5 table whose rowid is the page id.

// SearchIndex implements sqldb.Searcher.
func (Dialect) SearchIndex(id int64, title, text string) []sqldb.Stmt {
	return []sqldb.Stmt{
		{SQL: `DELETE FROM searchindex WHERE rowid = ?`, Args: []any{id}},
		{SQL: `INSERT INTO searchindex (rowid, si_title, si_text) VALUES (?, ?, ?)`, Args: []any{id, title, text}},
	}
}

// SearchRemove implements sqldb.Searcher.
func (Dialect) SearchRemove(id int64) []sqldb.Stmt {
	return []sqldb.Stmt{{SQL: `DELETE FROM searchindex WHERE rowid = ?`, Args: []any{id}}}
}

// SearchPages implements sqldb.Searcher: every term, quoted (terms are
// letters and digits only), must occur; title matches weigh ten times more
// in the BM25 rank.
func (Dialect) SearchPages(terms []string, titlesOnly bool, nsCond string, nsArgs []any, limit, offset int) (list, count sqldb.Stmt) {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	cols := "{si_title si_text}"
	if titlesOnly {
		cols = "{si_title}"
	}
	match := cols + " : (" + strings.Join(quoted, " AND ") + ")"
	from := ` FROM searchindex JOIN page p ON p.page_id = searchindex.rowid
		WHERE searchindex MATCH ? AND ` + nsCond
	args := append([]any{match}, nsArgs...)
	list = sqldb.Stmt{SQL: `SELECT p.page_id` + from + ` ORDER BY bm25(searchindex, 10.0, 1.0), p.page_id LIMIT ? OFFSET ?`,
		Args: append(append([]any(nil), args...), limit, offset)}
	count = sqldb.Stmt{SQL: `SELECT COUNT(*)` + from, Args: args}
	return list, count
}
