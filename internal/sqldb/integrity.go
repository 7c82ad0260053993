package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
)

// IntegrityFinding is one kind of inconsistency the check looked for and
// how many rows show it; Example names one of them.
type IntegrityFinding struct {
	Check    string
	Problems int64
	Example  string
}

// integrityQueries count rows that break the invariants the code relies
// on. Each returns the count and one example.
var integrityQueries = []struct{ check, query string }{
	{"pages whose latest revision is missing", `SELECT COUNT(*), MIN(page_title) FROM page
		WHERE NOT EXISTS (SELECT 1 FROM revision WHERE rev_id = page_latest AND rev_page = page_id)`},
	{"revisions of no page", `SELECT COUNT(*), MIN(rev_id) FROM revision
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = rev_page)`},
	{"revisions without content", `SELECT COUNT(*), MIN(rev_id) FROM revision
		WHERE NOT EXISTS (SELECT 1 FROM slots JOIN content ON content_id = slot_content_id WHERE slot_revision_id = rev_id)`},
	{"page lengths that differ from the latest revision", `SELECT COUNT(*), MIN(page_title) FROM page
		JOIN revision ON rev_id = page_latest WHERE page_len <> rev_len`},
	{"page links from missing pages", `SELECT COUNT(*), MIN(pl_from) FROM pagelinks
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = pl_from)`},
	{"template links from missing pages", `SELECT COUNT(*), MIN(tl_from) FROM templatelinks
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = tl_from)`},
	{"category links from missing pages", `SELECT COUNT(*), MIN(cl_from) FROM categorylinks
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = cl_from)`},
	{"image links from missing pages", `SELECT COUNT(*), MIN(il_from) FROM imagelinks
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = il_from)`},
	{"external links from missing pages", `SELECT COUNT(*), MIN(el_from) FROM externallinks
		WHERE NOT EXISTS (SELECT 1 FROM page WHERE page_id = el_from)`},
	{"site statistics out of date (run: folio maint recount)", `SELECT COUNT(*), MIN(ss_row_id) FROM site_stats
		WHERE ss_total_pages <> (SELECT COUNT(*) FROM page) OR ss_total_edits <> (SELECT COUNT(*) FROM revision) + (SELECT COUNT(*) FROM archive)`},
}

// CheckIntegrity runs the database engine's own check where it has a
// cheap one, then the consistency queries, then compares every stored
// text with its SHA-1 and size. It only reads; progress, when not nil, is
// told how many texts it has checked.
func (db *DB) CheckIntegrity(ctx context.Context, progress func(texts int)) ([]IntegrityFinding, error) {
	var out []IntegrityFinding
	engine, err := db.engineCheck(ctx)
	if err != nil {
		return nil, err
	}
	if engine != nil {
		out = append(out, *engine)
	}
	for _, q := range integrityQueries {
		var f IntegrityFinding
		var example *string
		err := db.read(ctx, func(tx *Tx) error {
			return tx.queryRow(ctx, q.query).Scan(&f.Problems, &example)
		})
		if err != nil {
			return nil, fmt.Errorf("integrity check %q: %w", q.check, err)
		}
		f.Check = q.check
		if example != nil && f.Problems > 0 {
			f.Example = *example
		}
		out = append(out, f)
	}
	texts, err := db.checkTexts(ctx, progress)
	if err != nil {
		return nil, err
	}
	return append(out, texts), nil
}

// engineCheck asks SQLite and MariaDB to check their files and tables;
// PostgreSQL has no cheap built-in equivalent (amcheck is an extension).
func (db *DB) engineCheck(ctx context.Context) (*IntegrityFinding, error) {
	var query string
	switch db.Dialect.Name() {
	case "SQLite":
		query = `PRAGMA quick_check`
	case "MariaDB", "MySQL":
		query = `CHECK TABLE page, revision, slots, content, pagelinks, templatelinks, categorylinks`
	default:
		return nil, nil
	}
	f := &IntegrityFinding{Check: "database engine check (" + query + ")"}
	rows, err := db.Read.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("engine check: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		// SQLite answers "ok"; MariaDB's last column (Msg_text) is "OK"
		// for a sound table.
		msg := strings.TrimSpace(fmt.Sprint(asString(vals[len(vals)-1])))
		if !strings.EqualFold(msg, "ok") && !(len(cols) > 2 && strings.EqualFold(asString(vals[2]), "note")) {
			f.Problems++
			if f.Example == "" {
				f.Example = msg
			}
		}
	}
	return f, rows.Err()
}

func asString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// checkTexts compares each stored text with its recorded SHA-1 and size,
// a batch at a time in id order.
func (db *DB) checkTexts(ctx context.Context, progress func(int)) (IntegrityFinding, error) {
	f := IntegrityFinding{Check: "texts whose SHA-1 or size does not match"}
	var after int64
	checked := 0
	for {
		n := 0
		err := db.read(ctx, func(tx *Tx) error {
			rows, err := tx.query(ctx, `SELECT content_id, content_size, content_sha1, content_text FROM content
				WHERE content_id > ? ORDER BY content_id LIMIT 500`, after)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var size int
				var sha1, text string
				if err := rows.Scan(&id, &size, &sha1, &text); err != nil {
					return err
				}
				n++
				after = id
				if folio.SHA1Base36(text) != sha1 || len(text) != size {
					f.Problems++
					if f.Example == "" {
						f.Example = fmt.Sprintf("content %d", id)
					}
				}
			}
			return rows.Err()
		})
		if err != nil {
			return f, fmt.Errorf("check texts: %w", err)
		}
		checked += n
		if progress != nil && n > 0 {
			progress(checked)
		}
		if n < 500 {
			return f, nil
		}
		if err := ctx.Err(); err != nil {
			return f, err
		}
	}
}
