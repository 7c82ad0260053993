package filerepo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

// DeleteRequest deletes a file (ArchiveName empty) or one old version.
type DeleteRequest = folio.FileDeleteRequest

// Delete archives a file or one of its old versions and logs it. The bytes
// stay in the blob store until Purge, so Undelete can bring them back. The
// description page is deleted separately, as any page is.
func (r *Repo) Delete(ctx context.Context, req DeleteRequest) (int, error) {
	n, err := r.Files.DeleteFile(ctx, req)
	if err != nil {
		return 0, err
	}
	le := &folio.LogEntry{Type: "delete", Action: "delete", Actor: req.Actor, Namespace: folio.NSFile,
		DBKey: req.Name, Comment: req.Reason, Params: map[string]string{"files": fmt.Sprint(n)}}
	if req.ArchiveName != "" {
		le.Params["oldimage"] = req.ArchiveName
	}
	return n, r.log(ctx, le)
}

// Undelete restores deleted versions of a file (all when ids is empty) and
// logs it.
func (r *Repo) Undelete(ctx context.Context, name string, ids []int64, actor folio.Actor, reason string) (int, error) {
	n, err := r.Files.UndeleteFile(ctx, folio.FileUndeleteRequest{Name: name, IDs: ids})
	if err != nil {
		return 0, err
	}
	le := &folio.LogEntry{Type: "delete", Action: "restore", Actor: actor, Namespace: folio.NSFile,
		DBKey: name, Comment: reason, Params: map[string]string{"files": fmt.Sprint(n)}}
	return n, r.log(ctx, le)
}

func (r *Repo) log(ctx context.Context, le *folio.LogEntry) error {
	if r.Log == nil {
		return nil
	}
	if err := r.Log.CreateLogEntry(ctx, le); err != nil {
		return fmt.Errorf("log %s/%s of %s: %w", le.Type, le.Action, le.DBKey, err)
	}
	return nil
}

// Revert makes an old version of a file current again, as a new version
// with the old one's content (MediaWiki's action=revert).
func (r *Repo) Revert(ctx context.Context, name, archiveName string, actor folio.Actor, comment string) (*folio.FileUploadResult, error) {
	olds, err := r.Files.FindFileVersions(ctx, name)
	if err != nil {
		return nil, err
	}
	for _, v := range olds {
		if v.ArchiveName != archiveName {
			continue
		}
		f := v.File
		f.Actor, f.Comment, f.Timestamp = actor, comment, time.Time{} // the store stamps it
		return r.Files.SaveFile(ctx, &folio.FileUpload{File: &f, Overwrite: true, LogAction: "revert"})
	}
	return nil, folio.Errorf(folio.EMissingFile, "The file %q has no old version %q.", name, archiveName)
}

// Purge removes for good the files deleted longer than Retention ago: their
// archive rows, and the originals and thumbnails no other version uses.
// It returns how many contents it removed.
func (r *Repo) Purge(ctx context.Context) (int, error) {
	sums, err := r.Files.PurgeDeletedFiles(ctx, r.Now().Add(-r.Retention))
	if err != nil {
		return 0, err
	}
	for _, sum := range sums {
		keys := []string{OriginalKey(sum)}
		for info, err := range r.Blobs.List(ctx, thumbPrefix(sum)) {
			if err != nil {
				return 0, err
			}
			keys = append(keys, info.Key)
		}
		if err := r.Blobs.Delete(ctx, keys...); err != nil {
			return 0, fmt.Errorf("purge %s: %w", sum, err)
		}
	}
	return len(sums), nil
}

// Open returns the bytes of the version of name whose SHA-1 is sum: the
// current one or an old one. Deleted versions are not served.
func (r *Repo) Open(ctx context.Context, name, sum string) (*folio.File, error) {
	cur, err := r.Files.FindFile(ctx, name)
	if err == nil && cur.SHA1 == sum {
		return cur, nil
	} else if err != nil && folio.ErrorCode(err) != folio.EMissingFile {
		return nil, err
	}
	olds, err := r.Files.FindFileVersions(ctx, name)
	if err != nil {
		return nil, err
	}
	for _, v := range olds {
		if v.SHA1 == sum {
			return &v.File, nil
		}
	}
	return nil, folio.Errorf(folio.EMissingFile, "There is no such version of %q.", name)
}

// isNotFound reports whether err means a missing file or blob.
func isNotFound(err error) bool {
	return errors.Is(err, folio.ErrBlobNotFound) || folio.ErrorCode(err) == folio.EMissingFile
}
