package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/folio-wiki/folio"
)

// Keys of the site_config table.
const (
	scSiteName   = "sitename"
	scLang       = "lang"
	scBase       = "base"
	scNamespaces = "namespaces" // JSON list of folio.Namespace
)

// FindSiteConfig returns the stored site configuration, or ENoSiteConfig.
func (db *DB) FindSiteConfig(ctx context.Context) (*folio.SiteConfig, error) {
	vals := map[string]string{}
	err := db.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT sc_key, sc_value FROM site_config`)
		if err != nil {
			return fmt.Errorf("read site config: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return fmt.Errorf("scan site config: %w", err)
			}
			vals[k] = v
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	if len(vals) == 0 {
		return nil, folio.Errorf(folio.ENoSiteConfig, "The wiki has no stored site configuration.")
	}
	c := &folio.SiteConfig{SiteName: vals[scSiteName], Lang: vals[scLang], Base: vals[scBase]}
	if s := vals[scNamespaces]; s != "" {
		if err := json.Unmarshal([]byte(s), &c.Namespaces); err != nil {
			return nil, fmt.Errorf("decode stored namespaces: %w", err)
		}
	}
	return c, nil
}

// SaveSiteConfig replaces the stored site configuration.
func (db *DB) SaveSiteConfig(ctx context.Context, c *folio.SiteConfig) error {
	ns, err := json.Marshal(c.Namespaces)
	if err != nil {
		return fmt.Errorf("encode namespaces: %w", err)
	}
	rows := [][]any{{scSiteName, c.SiteName}, {scLang, c.Lang}, {scBase, c.Base}, {scNamespaces, string(ns)}}
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM site_config`); err != nil {
			return fmt.Errorf("clear site config: %w", err)
		}
		return tx.insertRows(ctx, "site_config", "sc_key, sc_value", rows)
	})
}

// FindImportProgress returns the progress recorded for source, or a zero
// record for a source never seen.
func (db *DB) FindImportProgress(ctx context.Context, source string) (*folio.ImportProgress, error) {
	p := &folio.ImportProgress{Source: source}
	err := db.read(ctx, func(tx *Tx) error {
		var keep, done int
		var updated string
		err := tx.queryRow(ctx, `SELECT ip_pages, ip_revisions, ip_last_title, ip_keep_ids, ip_done,
			ip_updated FROM import_progress WHERE ip_source = ?`, source).Scan(&p.Pages, &p.Revisions,
			&p.LastTitle, &keep, &done, &updated)
		if notFound(err) {
			return nil
		} else if err != nil {
			return fmt.Errorf("read import progress: %w", err)
		}
		p.KeepIDs, p.Done = keep != 0, done != 0
		p.Updated, err = parseTS(updated)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// SaveImportProgress records p, replacing any earlier record of its source.
func (db *DB) SaveImportProgress(ctx context.Context, p *folio.ImportProgress) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM import_progress WHERE ip_source = ?`, p.Source); err != nil {
			return fmt.Errorf("clear import progress: %w", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO import_progress (ip_source, ip_pages, ip_revisions,
			ip_last_title, ip_keep_ids, ip_done, ip_updated) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.Source, p.Pages, p.Revisions, p.LastTitle, b2i(p.KeepIDs), b2i(p.Done), ts(tx.Now))
		if err != nil {
			return fmt.Errorf("save import progress: %w", err)
		}
		return nil
	})
}
