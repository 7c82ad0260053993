package mysql

import (
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio/internal/sqldb"
)

// Full-text search runs on InnoDB FULLTEXT indexes in boolean mode: every
// term is required. InnoDB skips words shorter than innodb_ft_min_token_size
// (3 by default) and its stop words, in the index and in queries.

// SearchIndex implements sqldb.Searcher.
func (Dialect) SearchIndex(id int64, title, text string) []sqldb.Stmt {
	return []sqldb.Stmt{{SQL: `INSERT INTO searchindex (si_page, si_title, si_text) VALUES (?, ?, ?)
		ON DUPLICATE KEY UPDATE si_title = VALUES(si_title), si_text = VALUES(si_text)`,
		Args: []any{id, title, text}}}
}

// SearchRemove implements sqldb.Searcher.
func (Dialect) SearchRemove(id int64) []sqldb.Stmt {
	return []sqldb.Stmt{{SQL: `DELETE FROM searchindex WHERE si_page = ?`, Args: []any{id}}}
}

// SearchPages implements sqldb.Searcher.
func (Dialect) SearchPages(terms []string, titlesOnly bool, nsCond string, nsArgs []any, limit, offset int) (list, count sqldb.Stmt) {
	// InnoDB indexes no word shorter than innodb_ft_min_token_size (3): a
	// required short word would match nothing, so it is left out.
	var req []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) >= 3 {
			req = append(req, `+"`+t+`"`)
		}
	}
	if len(req) == 0 {
		req = []string{`+"` + terms[0] + `"`}
	}
	query := strings.Join(req, " ")
	match := `MATCH (s.si_title, s.si_text) AGAINST (? IN BOOLEAN MODE)`
	if titlesOnly {
		match = `MATCH (s.si_title) AGAINST (? IN BOOLEAN MODE)`
	}
	from := ` FROM searchindex s JOIN page p ON p.page_id = s.si_page WHERE ` + match + ` AND ` + nsCond
	args := append([]any{query}, nsArgs...)
	list = sqldb.Stmt{SQL: `SELECT p.page_id` + from + ` ORDER BY MATCH (s.si_title) AGAINST (? IN BOOLEAN MODE) DESC, ` +
		match + ` DESC, p.page_id LIMIT ? OFFSET ?`,
		Args: append(append(append([]any(nil), args...), query, query), limit, offset)}
	count = sqldb.Stmt{SQL: `SELECT COUNT(*)` + from, Args: args}
	return list, count
}
