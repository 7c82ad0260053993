package sqldb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/folio-wiki/folio"
)

var _ folio.CompatStore = (*DB)(nil)

// FindCompatFeature returns the browser-compatibility feature stored under
// path.
func (db *DB) FindCompatFeature(ctx context.Context, path string) (*folio.CompatFeature, error) {
	f := &folio.CompatFeature{}
	var data, stamp string
	err := db.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT cf_path, cf_json, cf_sha256, cf_timestamp FROM compat_feature
			WHERE cf_path = ?`, path).Scan(&f.Path, &data, &f.SHA256, &stamp)
	})
	if notFound(err) {
		return nil, folio.Errorf(folio.EMissingTitle, "There is no compatibility data for %q.", path)
	} else if err != nil {
		return nil, fmt.Errorf("find compat feature %q: %w", path, err)
	}
	f.JSON = []byte(data)
	if f.Imported, err = parseTS(stamp); err != nil {
		return nil, fmt.Errorf("find compat feature %q: %w", path, err)
	}
	return f, nil
}

// SaveCompatFeatures stores features in one transaction, rewriting only the
// rows whose SHA-256 differs.
func (db *DB) SaveCompatFeatures(ctx context.Context, features []*folio.CompatFeature) (*folio.CompatImportResult, error) {
	var res *folio.CompatImportResult
	err := db.write(ctx, func(tx *Tx) error {
		res = &folio.CompatImportResult{}
		for _, f := range features {
			if err := saveCompatFeature(ctx, tx, f, res); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save compat features: %w", err)
	}
	return res, nil
}

// saveCompatFeature inserts or updates one feature and counts it in res.
func saveCompatFeature(ctx context.Context, tx *Tx, f *folio.CompatFeature, res *folio.CompatImportResult) error {
	if f.Path == "" || len(f.Path) > 255 {
		return folio.Errorf(folio.EInvalidParameter, "Invalid compatibility feature path %q.", f.Path)
	}
	sum := f.SHA256
	if sum == "" {
		h := sha256.Sum256(f.JSON)
		sum = hex.EncodeToString(h[:])
	}
	var old string
	err := tx.queryRow(ctx, `SELECT cf_sha256 FROM compat_feature WHERE cf_path = ?`, f.Path).Scan(&old)
	switch {
	case notFound(err):
		_, err = tx.exec(ctx, `INSERT INTO compat_feature (cf_path, cf_json, cf_sha256, cf_timestamp)
			VALUES (?, ?, ?, ?)`, f.Path, string(f.JSON), sum, ts(tx.Now))
		res.Added++
	case err != nil:
		return fmt.Errorf("read %q: %w", f.Path, err)
	case old == sum:
		res.Unchanged++
		return nil
	default:
		_, err = tx.exec(ctx, `UPDATE compat_feature SET cf_json = ?, cf_sha256 = ?, cf_timestamp = ?
			WHERE cf_path = ?`, string(f.JSON), sum, ts(tx.Now), f.Path)
		res.Changed++
	}
	if err != nil {
		return fmt.Errorf("write %q: %w", f.Path, err)
	}
	res.ChangedPaths = append(res.ChangedPaths, f.Path)
	return nil
}

// FindCompatPaths lists stored feature paths starting with prefix.
func (db *DB) FindCompatPaths(ctx context.Context, prefix string, n int) ([]string, error) {
	var out []string
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT cf_path FROM compat_feature WHERE cf_path LIKE ? ESCAPE '!'
			ORDER BY cf_path`+fmt.Sprintf(` LIMIT %d`, limit(n, 50)), likePrefix(prefix))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("find compat paths %q: %w", prefix, err)
	}
	return out, nil
}
