// Package backup takes, checks and restores consistent backups of a Folio
// wiki, and runs restore drills.
//
// A backup is a folder named after the UTC time it started
// (20261123T140000Z) inside a backup root. It holds manifest.json and one
// gzip-compressed JSON-lines file per table under db/: a logical export
// read from one consistent snapshot while the wiki keeps serving, so the
// same format serves SQLite, PostgreSQL and MariaDB. A folder is written
// under a .partial name and renamed once its manifest is complete, so a
// folder without that suffix is always whole.
//
// The package reaches databases only through the Source and Target
// interfaces it declares; cmd/folio passes the SQL store.
package backup

import (
	"context"
	"time"
)

// FormatVersion is the version of the backup layout written by this
// package.
const FormatVersion = 1

// ManifestName is the manifest's file name inside a backup folder.
const ManifestName = "manifest.json"

// Source is a database that can be exported from one consistent snapshot.
type Source interface {
	// ExportTables calls visit once per table; next yields the table's
	// rows ordered by their first column, then io.EOF.
	ExportTables(ctx context.Context, visit func(table string, columns []string, next func() ([]any, error)) error) error
	// Backend names the database and its server version.
	Backend(ctx context.Context) (name, version string, err error)
}

// Target is an empty database a backup is restored into.
type Target interface {
	Source
	// ImportTables loads tables in one transaction; see sqldb.DB.
	ImportTables(ctx context.Context, load func(put func(table string, columns []string, next func() ([]any, error)) error) error) error
	// SchemaVersion returns the highest applied migration (0: empty).
	SchemaVersion(ctx context.Context) (int, error)
	// MigrateTo applies the migrations up to version.
	MigrateTo(ctx context.Context, version int) (int, error)
	// Migrate applies every pending migration.
	Migrate(ctx context.Context) (int, error)
}

// Manifest describes a backup: what wrote it, from which database, and
// the checksums and counts that Verify and Restore check.
type Manifest struct {
	Format         int         `json:"format"`
	FolioVersion   string      `json:"folio_version"`
	Backend        string      `json:"backend"`
	BackendVersion string      `json:"backend_version"`
	SchemaVersion  int         `json:"schema_version"`
	Started        time.Time   `json:"started"`
	Finished       time.Time   `json:"finished"`
	Tables         []TableFile `json:"tables"`
	// Blobs lists the uploaded files copied with the database, if any.
	Blobs *BlobSet `json:"uploads,omitempty"`
	Summary
}

// TableFile is one exported table.
type TableFile struct {
	Name   string `json:"name"`
	File   string `json:"file"` // relative to the backup folder
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`  // compressed size
	SHA256 string `json:"sha256"` // of the compressed file
}

// Summary holds the counts and digests that identify a wiki's content. Two
// databases with equal summaries hold the same pages and revisions.
type Summary struct {
	Pages     int64 `json:"pages"`
	Revisions int64 `json:"revisions"`
	Users     int64 `json:"users"`
	Files     int64 `json:"files"`
	MaxRevID  int64 `json:"max_rev_id"`
	// RevisionDigest is the SHA-256 of "rev_id rev_sha1\n" for every
	// revision in id order.
	RevisionDigest string `json:"revision_digest"`
}

// Size returns the compressed size of the backup's table files.
func (m *Manifest) Size() int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Bytes
	}
	return n
}

// Rows returns the number of rows in the backup.
func (m *Manifest) Rows() int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Rows
	}
	return n
}
