package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
)

// summarizer accumulates a Summary from exported rows.
type summarizer struct {
	s        Summary
	digest   hash.Hash
	maxRevID int64 // revisions above it are left out of the digest (0: none)
	schema   int
}

func newSummarizer(maxRevID int64) *summarizer {
	return &summarizer{digest: sha256.New(), maxRevID: maxRevID}
}

// table returns the function that observes each row of table.
func (z *summarizer) table(name string, cols []string) func(row []any) {
	switch name {
	case "page":
		return func([]any) { z.s.Pages++ }
	case "user":
		return func([]any) { z.s.Users++ }
	case "image":
		return func([]any) { z.s.Files++ }
	case "schema_migrations":
		i := slices.Index(cols, "version")
		return func(row []any) {
			if i >= 0 {
				z.schema = max(z.schema, int(asInt(row[i])))
			}
		}
	case "revision":
		return z.revision(cols)
	}
	return func([]any) {}
}

func (z *summarizer) revision(cols []string) func(row []any) {
	id, sha := slices.Index(cols, "rev_id"), slices.Index(cols, "rev_sha1")
	return func(row []any) {
		if id < 0 || sha < 0 {
			return
		}
		rid := asInt(row[id])
		if z.maxRevID > 0 && rid > z.maxRevID {
			return
		}
		z.s.Revisions++
		z.s.MaxRevID = max(z.s.MaxRevID, rid)
		fmt.Fprintf(z.digest, "%d %v\n", rid, row[sha])
	}
}

func (z *summarizer) summary() Summary {
	s := z.s
	s.RevisionDigest = hex.EncodeToString(z.digest.Sum(nil))
	return s
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

// Summarize reads db and returns its Summary. With maxRevID > 0 the
// revision figures cover only revisions up to that id, so a live wiki can
// be compared with an older backup of it.
func Summarize(ctx context.Context, db Source, maxRevID int64) (Summary, error) {
	z := newSummarizer(maxRevID)
	err := db.ExportTables(ctx, func(table string, cols []string, next func() ([]any, error)) error {
		obs := z.table(table, cols)
		if table != "page" && table != "revision" && table != "user" && table != "image" {
			return nil
		}
		for {
			row, err := next()
			if errors.Is(err, io.EOF) {
				return nil
			} else if err != nil {
				return err
			}
			obs(row)
		}
	})
	if err != nil {
		return Summary{}, fmt.Errorf("summarize database: %w", err)
	}
	return z.summary(), nil
}

// Compare lists the differences between a backup's summary (want) and a
// database's (got); none means they match.
func Compare(want, got Summary) []string {
	var diffs []string
	check := func(what string, w, g any) {
		if w != g {
			diffs = append(diffs, fmt.Sprintf("%s: backup has %v, database has %v", what, w, g))
		}
	}
	check("pages", want.Pages, got.Pages)
	check("revisions", want.Revisions, got.Revisions)
	check("users", want.Users, got.Users)
	check("files", want.Files, got.Files)
	check("largest revision id", want.MaxRevID, got.MaxRevID)
	check("revision sha1 digest", want.RevisionDigest, got.RevisionDigest)
	return diffs
}
