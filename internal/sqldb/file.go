package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

var _ folio.FileStore = (*DB)(nil)

// CaseFolder is implemented by dialects whose LOWER() leaves title columns
// as they are (MySQL's binary strings). Lower returns an expression giving
// the lower-case text of col, for case-insensitive name searches.
type CaseFolder interface {
	Lower(col string) string
}

// fileCols lists the columns shared by image, oldimage and filearchive under
// the table's prefix p ("img", "oi", "fa"), joined with actor, in the order
// scanFile reads them.
func fileCols(p string) string {
	return strings.NewReplacer("$", p).Replace(`$_name, $_size, $_width, $_height, $_media_type,
		$_major_mime, $_minor_mime, $_description, $_timestamp, $_sha1,
		actor.actor_id, COALESCE(actor.actor_user, 0), actor.actor_name`)
}

// fileValues returns the values of fileCols for an INSERT, with the actor
// id in place of the three actor columns.
func fileValues(f *folio.File) []any {
	major, minor := splitMIME(f.MIME)
	return []any{f.Name, f.Size, f.Width, f.Height, f.MediaType, major, minor, f.Comment,
		ts(f.Timestamp), f.SHA1, f.Actor.ID}
}

// insertCols are the columns fileValues fills.
func insertCols(p string) string {
	return strings.NewReplacer("$", p).Replace(`$_name, $_size, $_width, $_height, $_media_type,
		$_major_mime, $_minor_mime, $_description, $_timestamp, $_sha1, $_actor`)
}

func splitMIME(mime string) (major, minor string) {
	major, minor, ok := strings.Cut(mime, "/")
	if !ok || major == "" || minor == "" {
		return "unknown", "unknown"
	}
	return major, minor
}

func scanFile(s scanner, f *folio.File, extra ...any) error {
	var major, minor, stamp string
	dest := append([]any{&f.Name, &f.Size, &f.Width, &f.Height, &f.MediaType, &major, &minor,
		&f.Comment, &stamp, &f.SHA1, &f.Actor.ID, &f.Actor.UserID, &f.Actor.Name}, extra...)
	if err := s.Scan(dest...); err != nil {
		return err
	}
	f.MIME = major + "/" + minor
	var err error
	f.Timestamp, err = parseTS(stamp)
	return err
}

// queryFiles runs a SELECT of fileCols("img") and scans the rows.
func queryFiles(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.File, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	defer rows.Close()
	var out []*folio.File
	for rows.Next() {
		f := new(folio.File)
		if err := scanFile(rows, f); err != nil {
			return nil, fmt.Errorf("scan file: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// selectImage selects current files with their uploaders.
var selectImage = `SELECT ` + fileCols("img") + ` FROM image JOIN actor ON actor.actor_id = img_actor`

// FindFile returns the current version of a file, or EMissingFile.
func (db *DB) FindFile(ctx context.Context, name string) (*folio.File, error) {
	var f *folio.File
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		f, err = findFile(ctx, tx, name)
		return err
	})
	return f, err
}

func findFile(ctx context.Context, tx *Tx, name string) (*folio.File, error) {
	fs, err := queryFiles(ctx, tx, selectImage+` WHERE img_name = ?`, name)
	if err != nil {
		return nil, err
	} else if len(fs) == 0 {
		return nil, folio.Errorf(folio.EMissingFile, "There is no file named %q.", name)
	}
	return fs[0], nil
}

// FindFiles lists current files for Special:ListFiles and NewFiles.
func (db *DB) FindFiles(ctx context.Context, f folio.FileFilter) ([]*folio.File, error) {
	var conds []string
	var args []any
	if f.Search != "" {
		lower := "LOWER(img_name)"
		if cf, ok := db.Dialect.(CaseFolder); ok {
			lower = cf.Lower("img_name")
		}
		conds = append(conds, lower+` LIKE ? ESCAPE '!'`)
		args = append(args, "%"+likeEscape(strings.ToLower(f.Search))+"%")
	}
	if f.ActorName != "" {
		conds, args = append(conds, `actor_name = ?`), append(args, f.ActorName)
	}
	if major, minor, ok := strings.Cut(f.MIME, "/"); ok {
		conds, args = append(conds, `img_major_mime = ?`), append(args, major)
		if minor != "" {
			conds, args = append(conds, `img_minor_mime = ?`), append(args, minor)
		}
	}
	dir := " DESC"
	if f.Ascending {
		dir = ""
	}
	order := map[string]string{"name": "img_name" + dir, "size": "img_size" + dir + ", img_name" + dir}[f.Sort]
	if order == "" {
		order = "img_timestamp" + dir + ", img_name" + dir
	}
	q := selectImage + where(conds) + ` ORDER BY ` + order +
		fmt.Sprintf(` LIMIT %d OFFSET %d`, limit(f.Limit, 50), max(f.Offset, 0))
	var out []*folio.File
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryFiles(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// likeEscape escapes LIKE's wildcards with '!'.
func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

// FindFilesBySHA1 lists the current files with the given content.
func (db *DB) FindFilesBySHA1(ctx context.Context, sha1 string) ([]*folio.File, error) {
	var out []*folio.File
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryFiles(ctx, tx, selectImage+` WHERE img_sha1 = ? ORDER BY img_name`, sha1)
		return err
	})
	return out, err
}

// FindFileVersions lists the old versions of a file, newest first.
func (db *DB) FindFileVersions(ctx context.Context, name string) ([]*folio.FileVersion, error) {
	var out []*folio.FileVersion
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = findOldVersions(ctx, tx, name)
		return err
	})
	return out, err
}

func findOldVersions(ctx context.Context, tx *Tx, name string) ([]*folio.FileVersion, error) {
	rows, err := tx.query(ctx, `SELECT `+fileCols("oi")+`, oi_archive_name
		FROM oldimage JOIN actor ON actor.actor_id = oi_actor WHERE oi_name = ?
		ORDER BY oi_timestamp DESC, oi_archive_name DESC`, name)
	if err != nil {
		return nil, fmt.Errorf("list old versions of %s: %w", name, err)
	}
	defer rows.Close()
	var out []*folio.FileVersion
	for rows.Next() {
		v := new(folio.FileVersion)
		if err := scanFile(rows, &v.File, &v.ArchiveName); err != nil {
			return nil, fmt.Errorf("scan old version: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FileUsage lists pages whose imagelinks name the file.
func (db *DB) FileUsage(ctx context.Context, name string, n int) ([]*folio.Page, error) {
	q := `SELECT ` + pageCols + ` FROM imagelinks JOIN page ON page_id = il_from WHERE il_to = ?
		ORDER BY page_namespace, page_title` + fmt.Sprintf(` LIMIT %d`, limit(n, 50))
	var out []*folio.Page
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, name)
		if err != nil {
			return fmt.Errorf("list file usage: %w", err)
		}
		defer rows.Close()
		out = nil
		for rows.Next() {
			p, err := scanPage(rows)
			if err != nil {
				return fmt.Errorf("scan page: %w", err)
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// archiveName names an old version replaced at t.
func archiveName(t time.Time, name string) string { return ts(t) + "!" + name }

// uniqueArchiveName returns the archive name for a version of name replaced
// at t, a second later per clash, so that each old version has its own.
func uniqueArchiveName(ctx context.Context, tx *Tx, name string, t time.Time) (string, error) {
	for {
		an := archiveName(t, name)
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM oldimage WHERE oi_name = ? AND oi_archive_name = ?`,
			name, an).Scan(&n); err != nil {
			return "", fmt.Errorf("check archive name %s: %w", an, err)
		} else if n == 0 {
			return an, nil
		}
		t = t.Add(time.Second)
	}
}
