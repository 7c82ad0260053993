package folio

import (
	"context"
	"errors"
	"io"
	"iter"
	"time"
)

// Error codes of file operations, as MediaWiki's upload and file APIs name
// them.
const (
	EMissingFile    = "filenotfound"
	EFileExists     = "fileexists-no-change"
	EFileTypeBanned = "filetype-banned"
	EVerification   = "verification-error"
	EEmptyFile      = "empty-file"
	EFileTooLarge   = "file-too-large"
	EBadFileName    = "illegal-filename"
)

// ErrBlobNotFound is returned by BlobStore methods when no blob has the key.
var ErrBlobNotFound = errors.New("folio: blob not found")

// Media types: MediaWiki's img_media_type values.
const (
	MediaBitmap  = "BITMAP"
	MediaDrawing = "DRAWING"
	MediaAudio   = "AUDIO"
	MediaVideo   = "VIDEO"
	MediaOffice  = "OFFICE"
	MediaText    = "TEXT"
	MediaUnknown = "UNKNOWN"
)

// File is the current version of an uploaded file: MediaWiki's image row.
// Its bytes live in a BlobStore under a key derived from SHA1, so every
// version is immutable once written.
type File struct {
	Name      string // DBKey in the File namespace, e.g. "Sun_set.png"
	Size      int64
	Width     int
	Height    int
	MIME      string // e.g. "image/png"
	MediaType string // MediaBitmap, MediaDrawing…
	SHA1      string // base-36 SHA-1 of the bytes, 31 digits, as MediaWiki's img_sha1
	Comment   string // the upload summary
	Actor     Actor
	Timestamp time.Time
}

// FileVersion is a version of a file other than the current one: an old
// version (oldimage, ArchiveName set) or a deleted one (filearchive,
// DeletedID set).
type FileVersion struct {
	File
	// ArchiveName names an old version: "YYYYMMDDHHMMSS!Name", the
	// timestamp being when it was replaced.
	ArchiveName string
	// DeletedID identifies a deleted version (fa_id); zero otherwise.
	DeletedID    int64
	DeletedBy    Actor
	DeletedAt    time.Time
	DeleteReason string
	WasCurrent   bool // a deleted version that was the current one
}

// FileUpload stores a new file or a new version of one, in one
// transaction with its log entry and, for a new file, its description
// page.
type FileUpload struct {
	File *File
	// Overwrite allows replacing a current version; without it an existing
	// file gives EFileExists.
	Overwrite bool
	// PageText becomes the first revision of File:Name when that page does
	// not exist yet.
	PageText string
	// Links are the description page's rendered links, as in Edit.Links.
	Links *LinkSet
	// LogAction is the upload log action: "upload" for a new file,
	// "overwrite" for a new version (the defaults), or "revert".
	LogAction string
}

// FileUploadResult reports what SaveFile did.
type FileUploadResult struct {
	File     *File // as stored, with its actor and timestamp
	Log      *LogEntry
	Previous *FileVersion // the version that was replaced, if any
	Page     *EditResult  // the description page created, if any
}

// FileFilter selects files for Special:ListFiles and Special:NewFiles.
type FileFilter struct {
	Search    string // substring of the name, case-sensitive on the DBKey
	ActorName string
	MIME      string // exact MIME type, or a major type such as "image/"
	Sort      string // "name", "date" (default) or "size"
	Ascending bool
	Offset    int
	Limit     int
}

// FileDeleteRequest archives a file. An empty ArchiveName deletes the
// current version and every old one; otherwise only that old version.
type FileDeleteRequest struct {
	Name        string
	ArchiveName string
	Actor       Actor
	Reason      string
}

// FileUndeleteRequest restores deleted versions of a file: those with the
// given DeletedIDs, or all when IDs is empty.
type FileUndeleteRequest struct {
	Name string
	IDs  []int64
}

// FileStore keeps file metadata: MediaWiki's image, oldimage and
// filearchive tables. File bytes live in a BlobStore.
type FileStore interface {
	// FindFile returns the current version of a file, or EMissingFile.
	FindFile(ctx context.Context, name string) (*File, error)
	FindFiles(ctx context.Context, f FileFilter) ([]*File, error)
	// FindFilesBySHA1 lists current files with the given content.
	FindFilesBySHA1(ctx context.Context, sha1 string) ([]*File, error)
	// FindFileVersions lists the old versions of a file, newest first.
	FindFileVersions(ctx context.Context, name string) ([]*FileVersion, error)
	SaveFile(ctx context.Context, u *FileUpload) (*FileUploadResult, error)
	// DeleteFile moves versions to the file archive and returns how many.
	// The bytes stay in the blob store, so deletion can be undone.
	DeleteFile(ctx context.Context, req FileDeleteRequest) (int, error)
	// FindDeletedFiles lists the archived versions of a file, newest first.
	FindDeletedFiles(ctx context.Context, name string) ([]*FileVersion, error)
	// UndeleteFile restores archived versions: the newest becomes current
	// unless the file exists, the others become old versions.
	UndeleteFile(ctx context.Context, req FileUndeleteRequest) (int, error)
	// PurgeDeletedFiles drops archive rows deleted before cutoff and returns
	// the SHA-1s no version refers to any more, whose blobs may go.
	PurgeDeletedFiles(ctx context.Context, cutoff time.Time) ([]string, error)
	// FileUsage lists pages that use a file (imagelinks).
	FileUsage(ctx context.Context, name string, limit int) ([]*Page, error)
}

// BlobInfo describes a stored blob.
type BlobInfo struct {
	Key      string
	Size     int64
	Modified time.Time
}

// BlobStore keeps immutable byte objects under string keys: local disk or
// S3-compatible storage. Keys are slash-separated paths (see ValidBlobKey).
// A Put is atomic: readers see the whole object or none.
type BlobStore interface {
	// Put stores size bytes read from r under key, replacing any blob
	// there.
	Put(ctx context.Context, key string, r io.Reader, size int64) error
	// Get opens the blob under key, or returns ErrBlobNotFound. The caller
	// closes the reader.
	Get(ctx context.Context, key string) (io.ReadCloser, BlobInfo, error)
	// Stat describes the blob under key, or returns ErrBlobNotFound.
	Stat(ctx context.Context, key string) (BlobInfo, error)
	// Delete removes blobs; missing keys are not an error.
	Delete(ctx context.Context, keys ...string) error
	// List yields the blobs whose keys start with prefix, in key order.
	List(ctx context.Context, prefix string) iter.Seq2[BlobInfo, error]
}

// ValidBlobKey reports whether key is usable as a blob key: 1 to 512 bytes
// of slash-separated segments made of ASCII letters, digits and "._-",
// none of them empty or starting with a dot.
func ValidBlobKey(key string) bool {
	if key == "" || len(key) > 512 {
		return false
	}
	seg := 0
	for i := 0; i <= len(key); i++ {
		if i == len(key) || key[i] == '/' {
			s := key[seg:i]
			if s == "" || s[0] == '.' {
				return false
			}
			seg = i + 1
			continue
		}
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
