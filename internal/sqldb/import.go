package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.ImportStore = (*DB)(nil)

// SequenceResetter is implemented by dialects whose id generators do not
// move past ids inserted explicitly (PostgreSQL identity columns). After an
// import that keeps ids, ResetSequence sets the generator of table's
// column col past the largest value in the table.
type SequenceResetter interface {
	ResetSequence(ctx context.Context, tx *sql.Tx, table, col string) error
}

// ImportPage imports the revisions of one page in one transaction.
func (db *DB) ImportPage(ctx context.Context, p *folio.ImportPage, opt folio.ImportOptions) (*folio.ImportResult, error) {
	if err := checkImportPage(p); err != nil {
		return nil, err
	}
	var res *folio.ImportResult
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		res, err = importPage(ctx, tx, p, opt)
		return err
	})
	return res, err
}

// checkImportPage rejects a page that cannot be imported whole: no title,
// no revisions, or a revision whose text does not match its SHA-1.
func checkImportPage(p *folio.ImportPage) error {
	if p.DBKey == "" {
		return folio.Errorf(folio.EInvalidTitle, "The page title is empty.")
	} else if len(p.Revisions) == 0 {
		return folio.Errorf(folio.EInvalidParameter, "The page %d:%s has no revisions to import.", p.Namespace, p.DBKey)
	}
	for _, r := range p.Revisions {
		if sum := folio.SHA1Base36(r.Text); r.SHA1 != "" && r.SHA1 != sum {
			return folio.Errorf(folio.EInvalidParameter,
				"Revision %d of page %d:%s has the SHA-1 %s in the dump, but its text hashes to %s.",
				r.ID, p.Namespace, p.DBKey, r.SHA1, sum)
		}
	}
	return nil
}

// storedRev is what an import compares and links new revisions against.
type storedRev struct {
	id    int64
	stamp string
	sha1  string
	len   int
}

func (a storedRev) compare(b storedRev) int {
	return cmp.Or(cmp.Compare(a.stamp, b.stamp), cmp.Compare(a.id, b.id))
}

// importPage is ImportPage inside its transaction.
func importPage(ctx context.Context, tx *Tx, p *folio.ImportPage, opt folio.ImportOptions) (*folio.ImportResult, error) {
	page, created, err := importTarget(ctx, tx, p, opt)
	if err != nil {
		return nil, err
	}
	revs, err := pageRevisions(ctx, tx, page.ID)
	if err != nil {
		return nil, err
	}
	var oldLatest storedRev
	if len(revs) > 0 {
		oldLatest = revs[len(revs)-1]
	}
	res := &folio.ImportResult{PageID: page.ID, Created: created}
	im := &importer{tx: tx, page: page, opt: opt, revs: revs, actors: map[string]folio.Actor{},
		edits: map[int64]int{}}
	for _, r := range sortedRevisions(p.Revisions) {
		if err := im.add(ctx, r, res); err != nil {
			return nil, err
		}
	}
	latest := im.revs[len(im.revs)-1]
	res.LatestChanged = latest.id != oldLatest.id
	if err := im.finish(ctx, p, latest, res); err != nil {
		return nil, err
	}
	return res, nil
}

// sortedRevisions returns revisions by timestamp, then id.
func sortedRevisions(in []*folio.ImportRevision) []*folio.ImportRevision {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b *folio.ImportRevision) int {
		return cmp.Or(a.Timestamp.Compare(b.Timestamp), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// importTarget finds the page to import into, creating it when missing.
func importTarget(ctx context.Context, tx *Tx, p *folio.ImportPage, opt folio.ImportOptions) (*folio.Page, bool, error) {
	page, err := findPageByTitle(ctx, tx, p.Namespace, p.DBKey)
	if err == nil || folio.ErrorCode(err) != folio.EMissingTitle {
		return page, false, err
	}
	page = &folio.Page{Namespace: p.Namespace, DBKey: p.DBKey}
	const cols = `page_namespace, page_title, page_is_redirect, page_is_new, page_touched,
		page_latest, page_len, page_content_model`
	args := []any{p.Namespace, p.DBKey, 0, 1, ts(tx.Now), 0, 0, folio.ModelWikitext}
	if opt.KeepIDs && p.ID > 0 {
		if err := checkFreeID(ctx, tx, "page", "page_id", p.ID, p); err != nil {
			return nil, false, err
		}
		page.ID = p.ID
		_, err = tx.exec(ctx, `INSERT INTO page (page_id, `+cols+`) VALUES (?, `+placeholders(8)+`)`,
			append([]any{p.ID}, args...)...)
	} else {
		page.ID, err = tx.insertID(ctx, `INSERT INTO page (`+cols+`) VALUES (`+placeholders(8)+`)`,
			"page_id", args...)
	}
	if err != nil {
		return nil, false, fmt.Errorf("insert page %d:%s: %w", p.Namespace, p.DBKey, err)
	}
	return page, true, nil
}

// checkFreeID fails when id is already used in table.
func checkFreeID(ctx context.Context, tx *Tx, table, col string, id int64, p *folio.ImportPage) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE `+col+` = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("check %s %d: %w", col, id, err)
	} else if n > 0 {
		return folio.Errorf(folio.EInvalidParameter,
			"Cannot keep %s %d for page %d:%s: another page uses it. Import without keeping ids.",
			col, id, p.Namespace, p.DBKey)
	}
	return nil
}

// pageRevisions lists the stored revisions of a page, oldest first.
func pageRevisions(ctx context.Context, tx *Tx, pageID int64) ([]storedRev, error) {
	rows, err := tx.query(ctx, `SELECT rev_id, rev_timestamp, rev_sha1, rev_len FROM revision
		WHERE rev_page = ?`, pageID)
	if err != nil {
		return nil, fmt.Errorf("list revisions of page %d: %w", pageID, err)
	}
	defer rows.Close()
	var out []storedRev
	for rows.Next() {
		var r storedRev
		if err := rows.Scan(&r.id, &r.stamp, &r.sha1, &r.len); err != nil {
			return nil, fmt.Errorf("scan revision: %w", err)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, storedRev.compare)
	return out, rows.Err()
}

// importer adds the revisions of one page.
type importer struct {
	tx     *Tx
	page   *folio.Page
	opt    folio.ImportOptions
	revs   []storedRev // stored revisions, oldest first
	actors map[string]folio.Actor
	edits  map[int64]int  // user id to revisions added
	model  string         // model of the newest added revision
	ids    map[int64]bool // ids of stored revisions
	sigs   map[string]int // timestamp+SHA-1 of revisions stored before, not yet matched
}

// present reports whether r is stored already: the same id (when ids are
// kept), or the same timestamp and text as a revision the page had before
// this import and that no other imported revision matched. Revisions added
// by this import never match, so that a history holding the same text
// twice in one second (a rollback) keeps both.
func (im *importer) present(r storedRev) bool {
	if im.ids == nil {
		im.ids, im.sigs = map[int64]bool{}, map[string]int{}
		for _, s := range im.revs {
			im.ids[s.id] = true
			im.sigs[s.stamp+s.sha1]++
		}
	}
	sig := r.stamp + r.sha1
	if (im.opt.KeepIDs && r.id > 0 && im.ids[r.id]) || im.sigs[sig] > 0 {
		im.sigs[sig] = max(im.sigs[sig]-1, 0)
		return true
	}
	return false
}

// add stores r unless it is present, linking it to the revision before it.
func (im *importer) add(ctx context.Context, r *folio.ImportRevision, res *folio.ImportResult) error {
	sr := storedRev{id: r.ID, stamp: ts(r.Timestamp), sha1: folio.SHA1Base36(r.Text), len: len(r.Text)}
	if im.present(sr) {
		res.Skipped++
		return nil
	}
	actor, err := im.actor(ctx, r)
	if err != nil {
		return err
	}
	if !im.opt.KeepIDs || r.ID <= 0 {
		sr.id = 0
	}
	pos, _ := slices.BinarySearchFunc(im.revs, sr, storedRev.compare)
	rev := &folio.Revision{ID: sr.id, PageID: im.page.ID, Timestamp: r.Timestamp, Actor: actor,
		Comment: r.Comment, Minor: r.Minor, Len: sr.len, SHA1: sr.sha1, Model: r.Model, Text: r.Text}
	if rev.Model == "" {
		rev.Model = folio.ModelWikitext
	}
	if pos > 0 {
		rev.ParentID = im.revs[pos-1].id
	}
	if err := im.insert(ctx, rev); err != nil {
		return err
	}
	sr.id = rev.ID
	im.revs = slices.Insert(im.revs, pos, sr)
	im.ids[sr.id] = true
	if pos == len(im.revs)-1 {
		im.model = rev.Model
	}
	if actor.UserID > 0 {
		im.edits[actor.UserID]++
	}
	res.Added++
	return nil
}

// insert writes the content, revision and slot rows of rev and sets rev.ID.
func (im *importer) insert(ctx context.Context, rev *folio.Revision) error {
	tx := im.tx
	if rev.ID == 0 {
		return insertRevision(ctx, tx, rev)
	}
	p := &folio.ImportPage{Namespace: im.page.Namespace, DBKey: im.page.DBKey}
	if err := checkFreeID(ctx, tx, "revision", "rev_id", rev.ID, p); err != nil {
		return err
	}
	if err := checkFreeID(ctx, tx, "archive", "ar_rev_id", rev.ID, p); err != nil {
		return err
	}
	contentID, err := tx.insertID(ctx, `INSERT INTO content (content_size, content_sha1,
		content_model, content_text) VALUES (?, ?, ?, ?)`, "content_id",
		rev.Len, rev.SHA1, rev.Model, rev.Text)
	if err != nil {
		return fmt.Errorf("insert content: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO revision (rev_id, rev_page, rev_comment, rev_actor,
		rev_timestamp, rev_minor_edit, rev_len, rev_parent_id, rev_sha1)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rev.ID, rev.PageID, rev.Comment, rev.Actor.ID,
		ts(rev.Timestamp), b2i(rev.Minor), rev.Len, rev.ParentID, rev.SHA1); err != nil {
		return fmt.Errorf("insert revision %d: %w", rev.ID, err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO slots (slot_revision_id, slot_role_id, slot_content_id,
		slot_origin) VALUES (?, ?, ?, ?)`, rev.ID, mainSlot, contentID, rev.ID); err != nil {
		return fmt.Errorf("insert slot: %w", err)
	}
	return nil
}

// actor returns the actor of an imported revision. A user name without an
// actor gets an imported account, registered at the revision's time, with
// no password.
func (im *importer) actor(ctx context.Context, r *folio.ImportRevision) (folio.Actor, error) {
	if a, ok := im.actors[r.Contributor]; ok {
		return a, nil
	}
	name := r.Contributor
	if name == "" {
		return folio.Actor{}, folio.Errorf(folio.EInvalidParameter, "Revision %d has no contributor.", r.ID)
	}
	a, err := findActor(ctx, im.tx, `actor_name = ?`, name)
	if notFound(err) && r.Anonymous {
		a, err = ensureActor(ctx, im.tx, folio.Actor{Name: name})
	} else if notFound(err) {
		u := &folio.User{Name: name, Registration: r.Timestamp}
		if _, _, err = createUser(ctx, im.tx, u); err == nil {
			a, err = findActor(ctx, im.tx, `actor_name = ?`, name)
		}
	}
	if err != nil {
		return a, fmt.Errorf("contributor %q: %w", name, err)
	}
	im.actors[name] = a
	return a, nil
}

// finish updates the page row, redirect, edit counts and statistics.
func (im *importer) finish(ctx context.Context, p *folio.ImportPage, latest storedRev, res *folio.ImportResult) error {
	tx, page := im.tx, im.page
	if res.LatestChanged {
		if _, err := tx.exec(ctx, `UPDATE page SET page_latest = ?, page_len = ?, page_is_new = ?,
			page_is_redirect = ?, page_content_model = ?, page_touched = ? WHERE page_id = ?`,
			latest.id, latest.len, b2i(len(im.revs) == 1), b2i(p.Redirect != nil), im.model,
			ts(tx.Now), page.ID); err != nil {
			return fmt.Errorf("update page %d: %w", page.ID, err)
		}
		if err := setRedirect(ctx, tx, page.ID, p.Redirect); err != nil {
			return err
		}
		if err := reindexPage(ctx, tx, page.ID); err != nil {
			return err
		}
	} else if res.Added > 0 {
		if _, err := tx.exec(ctx, `UPDATE page SET page_is_new = 0 WHERE page_id = ?`, page.ID); err != nil {
			return fmt.Errorf("update page %d: %w", page.ID, err)
		}
	}
	for uid, n := range im.edits {
		if _, err := tx.exec(ctx, `UPDATE "user" SET user_editcount = user_editcount + ?
			WHERE user_id = ?`, n, uid); err != nil {
			return fmt.Errorf("count edits: %w", err)
		}
	}
	if err := im.resetSequences(ctx); err != nil {
		return err
	}
	d := statsDelta{edits: res.Added, pages: b2i(res.Created)}
	if res.LatestChanged {
		d.articles = isArticle(page.Namespace, p.Redirect != nil)
		if !res.Created {
			d.articles -= isArticle(page.Namespace, page.IsRedirect)
		}
	}
	return updateStats(ctx, tx, d)
}

// resetSequences moves id generators past kept ids where the dialect needs it.
func (im *importer) resetSequences(ctx context.Context) error {
	sr, ok := im.tx.db.Dialect.(SequenceResetter)
	if !ok || !im.opt.KeepIDs {
		return nil
	}
	for _, c := range [][2]string{{"page", "page_id"}, {"revision", "rev_id"}} {
		if err := sr.ResetSequence(ctx, im.tx.tx, c[0], c[1]); err != nil {
			return fmt.Errorf("reset %s sequence: %w", c[0], err)
		}
	}
	return nil
}

// FindPagesAfter lists up to limit pages with ids above afterID, by id.
func (db *DB) FindPagesAfter(ctx context.Context, afterID int64, limit int) ([]*folio.Page, error) {
	q := `SELECT ` + pageCols + ` FROM page WHERE page_id > ? ORDER BY page_id` +
		fmt.Sprintf(` LIMIT %d`, max(limit, 1))
	var out []*folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryPages(ctx, tx, q, afterID)
		return err
	})
	return out, err
}

// FindCategoryMembers lists the pages in a category, by id.
func (db *DB) FindCategoryMembers(ctx context.Context, category string) ([]*folio.Page, error) {
	q := `SELECT ` + pageCols + ` FROM page WHERE page_id IN
		(SELECT cl_from FROM categorylinks WHERE cl_to = ?) ORDER BY page_id`
	var out []*folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryPages(ctx, tx, q, category)
		return err
	})
	return out, err
}

// SetPageLinks replaces a page's link tables and redirect, and keeps
// page_is_redirect and the article count in step.
func (db *DB) SetPageLinks(ctx context.Context, pageID int64, links *folio.LinkSet, redirect *folio.LinkTarget) error {
	if links == nil {
		links = &folio.LinkSet{}
	}
	return db.write(ctx, func(tx *Tx) error {
		p, err := findPage(ctx, tx, `page_id = ?`, pageID)
		if notFound(err) {
			return folio.Errorf(folio.EMissingTitle, "There is no page with ID %d.", pageID)
		} else if err != nil {
			return err
		}
		if err := replaceLinks(ctx, tx, p.ID, p.Namespace, links); err != nil {
			return err
		}
		if err := setRedirect(ctx, tx, p.ID, redirect); err != nil {
			return err
		}
		if p.IsRedirect == (redirect != nil) {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE page SET page_is_redirect = ? WHERE page_id = ?`,
			b2i(redirect != nil), p.ID); err != nil {
			return fmt.Errorf("update page %d: %w", p.ID, err)
		}
		return updateStats(ctx, tx, statsDelta{articles: isArticle(p.Namespace, redirect != nil) -
			isArticle(p.Namespace, p.IsRedirect)})
	})
}

// rcNewType and rcEditType are folio.RCNew and folio.RCEdit as SQL
// literals: PostgreSQL cannot type placeholders inside CASE.
var rcNewType, rcEditType = strconv.Itoa(folio.RCNew), strconv.Itoa(folio.RCEdit)

// RebuildRecentChanges adds a recent change, oldest first, for every
// revision made at or after since that has none, as MediaWiki's
// rebuildrecentchanges.php fills the table from recent revisions.
func (db *DB) RebuildRecentChanges(ctx context.Context, since time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO recentchanges (rc_timestamp, rc_actor, rc_namespace,
			rc_title, rc_comment, rc_minor, rc_bot, rc_new, rc_cur_id, rc_this_oldid, rc_last_oldid,
			rc_type, rc_source, rc_old_len, rc_new_len, rc_logid, rc_params)
			SELECT r.rev_timestamp, r.rev_actor, page_namespace, page_title, r.rev_comment,
				CASE WHEN r.rev_parent_id = 0 THEN 0 ELSE r.rev_minor_edit END, 0,
				CASE WHEN r.rev_parent_id = 0 THEN 1 ELSE 0 END, r.rev_page, r.rev_id, r.rev_parent_id,
				CASE WHEN r.rev_parent_id = 0 THEN `+rcNewType+` ELSE `+rcEditType+` END,
				CASE WHEN r.rev_parent_id = 0 THEN '`+rcSource(folio.RCNew)+`' ELSE '`+rcSource(folio.RCEdit)+`' END,
				COALESCE(p.rev_len, 0), r.rev_len, 0, ''
			FROM revision r JOIN page ON page_id = r.rev_page
			LEFT JOIN revision p ON p.rev_id = r.rev_parent_id
			WHERE r.rev_timestamp >= ?
				AND NOT EXISTS (SELECT 1 FROM recentchanges WHERE rc_this_oldid = r.rev_id)
			ORDER BY r.rev_timestamp, r.rev_id`, ts(since))
		if err != nil {
			return fmt.Errorf("rebuild recent changes: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
