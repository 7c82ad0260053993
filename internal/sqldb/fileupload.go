package sqldb

import (
	"cmp"
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// SaveFile stores a new file or a new version in one transaction: the
// image row (the replaced version moves to oldimage), the description page
// of a new file, and the upload log entry.
func (db *DB) SaveFile(ctx context.Context, u *folio.FileUpload) (*folio.FileUploadResult, error) {
	if u.File == nil || u.File.Name == "" {
		return nil, folio.Errorf(folio.EBadFileName, "The file name is empty.")
	}
	var res *folio.FileUploadResult
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		res, err = saveFile(ctx, tx, u)
		return err
	})
	return res, err
}

func saveFile(ctx context.Context, tx *Tx, u *folio.FileUpload) (*folio.FileUploadResult, error) {
	f := *u.File
	var err error
	if f.Actor, err = ensureActor(ctx, tx, f.Actor); err != nil {
		return nil, err
	}
	if f.Timestamp.IsZero() {
		f.Timestamp = tx.Now
	}
	res := &folio.FileUploadResult{File: &f}
	cur, err := findFile(ctx, tx, f.Name)
	switch {
	case err == nil && !u.Overwrite:
		return nil, folio.Errorf(folio.EFileExists, "A file named %q already exists.", f.Name)
	case err == nil && cur.SHA1 == f.SHA1:
		return nil, folio.Errorf(folio.EFileExists, "The upload is an exact duplicate of the current version of %q.", f.Name)
	case err == nil:
		res.Previous, err = replaceFile(ctx, tx, cur, &f)
	case folio.ErrorCode(err) == folio.EMissingFile:
		err = insertFile(ctx, tx, "image", "img", &f)
		if tx.isUnique(err) {
			err = folio.Errorf(folio.EFileExists, "A file named %q already exists.", f.Name)
		}
	}
	if err != nil {
		return nil, err
	}
	if res.Page, err = describeFile(ctx, tx, u, &f); err != nil {
		return nil, err
	}
	res.Log, err = logUpload(ctx, tx, u, &f, res)
	return res, err
}

// colVal is a table-specific column and its value for insertFile.
type colVal struct {
	col string
	val any
}

// insertFile inserts f into table, whose columns start with prefix, plus
// the extra columns.
func insertFile(ctx context.Context, tx *Tx, table, prefix string, f *folio.File, extra ...colVal) error {
	cols := insertCols(prefix)
	args := fileValues(f)
	for _, e := range extra {
		cols += ", " + e.col
		args = append(args, e.val)
	}
	_, err := tx.exec(ctx, `INSERT INTO `+table+` (`+cols+`) VALUES (`+placeholders(len(args))+`)`, args...)
	if err != nil && !tx.isUnique(err) {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return err
}

// replaceFile makes f the current version and keeps cur as an old one. The
// UPDATE matches cur's timestamp and SHA-1, so that of two concurrent
// replacements of one version only the first succeeds.
func replaceFile(ctx context.Context, tx *Tx, cur, f *folio.File) (*folio.FileVersion, error) {
	major, minor := splitMIME(f.MIME)
	r, err := tx.exec(ctx, `UPDATE image SET img_size = ?, img_width = ?, img_height = ?,
		img_media_type = ?, img_major_mime = ?, img_minor_mime = ?, img_description = ?,
		img_actor = ?, img_timestamp = ?, img_sha1 = ?
		WHERE img_name = ? AND img_timestamp = ? AND img_sha1 = ?`,
		f.Size, f.Width, f.Height, f.MediaType, major, minor, f.Comment, f.Actor.ID,
		ts(f.Timestamp), f.SHA1, f.Name, ts(cur.Timestamp), cur.SHA1)
	if err != nil {
		return nil, fmt.Errorf("replace file %s: %w", f.Name, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return nil, fmt.Errorf("replace file %s: %w", f.Name, err)
	} else if n == 0 {
		return nil, folio.Errorf(folio.EEditConflict, "The file %q changed during the upload; try again.", f.Name)
	}
	an, err := uniqueArchiveName(ctx, tx, cur.Name, tx.Now)
	if err != nil {
		return nil, err
	}
	old := &folio.FileVersion{File: *cur, ArchiveName: an}
	return old, insertFile(ctx, tx, "oldimage", "oi", cur, colVal{"oi_archive_name", old.ArchiveName})
}

// describeFile creates the description page File:Name when it is missing.
func describeFile(ctx context.Context, tx *Tx, u *folio.FileUpload, f *folio.File) (*folio.EditResult, error) {
	_, err := findPageByTitle(ctx, tx, folio.NSFile, f.Name)
	if err == nil {
		return nil, nil
	} else if folio.ErrorCode(err) != folio.EMissingTitle {
		return nil, err
	}
	return createPage(ctx, tx, &folio.Edit{Namespace: folio.NSFile, DBKey: f.Name, Text: u.PageText,
		Comment: f.Comment, Actor: f.Actor, Links: u.Links, SuppressRC: true})
}

// logUpload writes the upload/upload or upload/overwrite log entry.
func logUpload(ctx context.Context, tx *Tx, u *folio.FileUpload, f *folio.File, res *folio.FileUploadResult) (*folio.LogEntry, error) {
	action := "upload"
	if res.Previous != nil {
		action = cmp.Or(u.LogAction, "overwrite")
	}
	le := &folio.LogEntry{Type: "upload", Action: action, Actor: f.Actor, Namespace: folio.NSFile,
		DBKey: f.Name, Comment: f.Comment, Timestamp: tx.Now,
		Params: map[string]string{"img_sha1": f.SHA1, "img_timestamp": ts(f.Timestamp)}}
	if p, err := findPageByTitle(ctx, tx, folio.NSFile, f.Name); err == nil {
		le.PageID = p.ID
	}
	return le, createLogEntry(ctx, tx, le)
}
