package sqldb

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// RecountStats recomputes the site_stats counters from the tables, as
// MediaWiki's initSiteStats.php does, and returns the new values. Edits
// count deleted (archived) revisions too: deleting a page does not undo
// its edits.
func (db *DB) RecountStats(ctx context.Context) (*folio.SiteStats, error) {
	var s folio.SiteStats
	err := db.write(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT
			(SELECT COUNT(*) FROM page),
			(SELECT COUNT(*) FROM page WHERE page_namespace = 0 AND page_is_redirect = 0),
			(SELECT COUNT(*) FROM revision) + (SELECT COUNT(*) FROM archive),
			(SELECT COUNT(*) FROM "user")`).Scan(&s.Pages, &s.Articles, &s.Edits, &s.Users)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE site_stats SET ss_total_pages = ?, ss_good_articles = ?,
			ss_total_edits = ?, ss_users = ? WHERE ss_row_id = 1`, s.Pages, s.Articles, s.Edits, s.Users)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("recount site stats: %w", err)
	}
	return &s, nil
}
