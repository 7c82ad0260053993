package sqldb

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/folio-wiki/folio"
)

// DeleteFile moves a file's versions, or one old version, to filearchive.
func (db *DB) DeleteFile(ctx context.Context, req folio.FileDeleteRequest) (int, error) {
	var n int
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		n, err = deleteFile(ctx, tx, req)
		return err
	})
	return n, err
}

func deleteFile(ctx context.Context, tx *Tx, req folio.FileDeleteRequest) (int, error) {
	deleter, err := ensureActor(ctx, tx, req.Actor)
	if err != nil {
		return 0, err
	}
	olds, err := findOldVersions(ctx, tx, req.Name)
	if err != nil {
		return 0, err
	}
	var victims []*folio.FileVersion
	if req.ArchiveName == "" {
		if cur, err := findFile(ctx, tx, req.Name); err == nil {
			victims = append(victims, &folio.FileVersion{File: *cur})
		} else if folio.ErrorCode(err) != folio.EMissingFile {
			return 0, err
		}
	}
	for _, v := range olds {
		if req.ArchiveName == "" || v.ArchiveName == req.ArchiveName {
			victims = append(victims, v)
		}
	}
	if len(victims) == 0 {
		return 0, folio.Errorf(folio.EMissingFile, "There is no version of %q to delete.", req.Name)
	}
	for _, v := range victims {
		if err := insertFile(ctx, tx, "filearchive", "fa", &v.File, colVal{"fa_archive_name", v.ArchiveName},
			colVal{"fa_deleted_actor", deleter.ID}, colVal{"fa_deleted_timestamp", ts(tx.Now)},
			colVal{"fa_deleted_reason", req.Reason}); err != nil {
			return 0, err
		}
	}
	if req.ArchiveName == "" {
		_, err = tx.exec(ctx, `DELETE FROM image WHERE img_name = ?`, req.Name)
		if err == nil {
			_, err = tx.exec(ctx, `DELETE FROM oldimage WHERE oi_name = ?`, req.Name)
		}
	} else {
		_, err = tx.exec(ctx, `DELETE FROM oldimage WHERE oi_name = ? AND oi_archive_name = ?`,
			req.Name, req.ArchiveName)
	}
	if err != nil {
		return 0, fmt.Errorf("delete file %s: %w", req.Name, err)
	}
	return len(victims), nil
}

// FindDeletedFiles lists the archived versions of a file, newest first.
func (db *DB) FindDeletedFiles(ctx context.Context, name string) ([]*folio.FileVersion, error) {
	var out []*folio.FileVersion
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = findDeleted(ctx, tx, name)
		return err
	})
	return out, err
}

func findDeleted(ctx context.Context, tx *Tx, name string) ([]*folio.FileVersion, error) {
	rows, err := tx.query(ctx, `SELECT `+fileCols("fa")+`, fa_id, fa_archive_name, fa_deleted_timestamp,
		fa_deleted_reason, d.actor_id, COALESCE(d.actor_user, 0), d.actor_name
		FROM filearchive JOIN actor ON actor.actor_id = fa_actor JOIN actor d ON d.actor_id = fa_deleted_actor
		WHERE fa_name = ? ORDER BY fa_timestamp DESC, fa_id DESC`, name)
	if err != nil {
		return nil, fmt.Errorf("list deleted versions of %s: %w", name, err)
	}
	defer rows.Close()
	var out []*folio.FileVersion
	for rows.Next() {
		v := new(folio.FileVersion)
		var deleted string
		if err := scanFile(rows, &v.File, &v.DeletedID, &v.ArchiveName, &deleted, &v.DeleteReason,
			&v.DeletedBy.ID, &v.DeletedBy.UserID, &v.DeletedBy.Name); err != nil {
			return nil, fmt.Errorf("scan deleted version: %w", err)
		}
		v.WasCurrent = v.ArchiveName == ""
		if v.DeletedAt, err = parseTS(deleted); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// UndeleteFile restores archived versions of a file.
func (db *DB) UndeleteFile(ctx context.Context, req folio.FileUndeleteRequest) (int, error) {
	var n int
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		n, err = undeleteFile(ctx, tx, req)
		return err
	})
	return n, err
}

func undeleteFile(ctx context.Context, tx *Tx, req folio.FileUndeleteRequest) (int, error) {
	all, err := findDeleted(ctx, tx, req.Name)
	if err != nil {
		return 0, err
	}
	vs := slices.DeleteFunc(all, func(v *folio.FileVersion) bool {
		return len(req.IDs) > 0 && !slices.Contains(req.IDs, v.DeletedID)
	})
	if len(vs) == 0 {
		return 0, folio.Errorf(folio.ECantUndelete, "There are no deleted versions of %q to restore.", req.Name)
	}
	slices.SortStableFunc(vs, func(a, b *folio.FileVersion) int { return b.Timestamp.Compare(a.Timestamp) })
	_, err = findFile(ctx, tx, req.Name)
	hasCurrent := err == nil
	if err != nil && folio.ErrorCode(err) != folio.EMissingFile {
		return 0, err
	}
	for i, v := range vs {
		if err := restoreVersion(ctx, tx, v, i == 0 && !hasCurrent); err != nil {
			return 0, err
		}
	}
	return len(vs), nil
}

// restoreVersion moves one archived version back, as the current version
// or as an old one.
func restoreVersion(ctx context.Context, tx *Tx, v *folio.FileVersion, current bool) error {
	var err error
	if current {
		err = insertFile(ctx, tx, "image", "img", &v.File)
	} else {
		name := v.ArchiveName
		if name == "" {
			name, err = uniqueArchiveName(ctx, tx, v.Name, tx.Now)
		}
		if err == nil {
			err = insertFile(ctx, tx, "oldimage", "oi", &v.File, colVal{"oi_archive_name", name})
		}
	}
	if err != nil {
		return fmt.Errorf("restore %s: %w", v.Name, err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM filearchive WHERE fa_id = ?`, v.DeletedID); err != nil {
		return fmt.Errorf("restore %s: %w", v.Name, err)
	}
	return nil
}

// PurgeDeletedFiles drops archive rows deleted before cutoff and returns the
// SHA-1s no image, oldimage or filearchive row refers to any more.
func (db *DB) PurgeDeletedFiles(ctx context.Context, cutoff time.Time) ([]string, error) {
	var gone []string
	err := db.write(ctx, func(tx *Tx) error {
		sums, err := findStrings(ctx, tx, `SELECT DISTINCT fa_sha1 FROM filearchive
			WHERE fa_deleted_timestamp < ? ORDER BY fa_sha1`, ts(cutoff))
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM filearchive WHERE fa_deleted_timestamp < ?`, ts(cutoff)); err != nil {
			return fmt.Errorf("purge deleted files: %w", err)
		}
		gone = nil
		for _, sum := range sums {
			var n int
			if err := tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM image WHERE img_sha1 = ?)
				+ (SELECT COUNT(*) FROM oldimage WHERE oi_sha1 = ?)
				+ (SELECT COUNT(*) FROM filearchive WHERE fa_sha1 = ?)`, sum, sum, sum).Scan(&n); err != nil {
				return fmt.Errorf("count uses of %s: %w", sum, err)
			}
			if n == 0 {
				gone = append(gone, sum)
			}
		}
		return nil
	})
	return gone, err
}
