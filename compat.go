package folio

import (
	"context"
	"time"
)

// CompatFeature is one feature of MDN's browser-compatibility data
// (@mdn/browser-compat-data): the JSON object at a dotted path such as
// "css.properties.border-radius", holding its __compat block and its
// subfeatures. SHA256 is the hex digest of JSON and tells an import which
// features changed.
type CompatFeature struct {
	Path     string
	JSON     []byte
	SHA256   string
	Imported time.Time // when this version was stored
}

// CompatImportResult counts what SaveCompatFeatures did, and lists the
// features whose data changed (pages showing them must be purged).
type CompatImportResult struct {
	Added, Changed, Unchanged int
	ChangedPaths              []string // added or changed, in input order
	// Purged counts the changed features some page shows, whose pages
	// were purged; the import service fills it in, not the store.
	Purged int
}

// CompatStore keeps the browser-compatibility data behind {{#compat:…}}
// and Special:Compatables.
type CompatStore interface {
	// FindCompatFeature returns the feature stored under path exactly, or
	// an EMissingTitle error.
	FindCompatFeature(ctx context.Context, path string) (*CompatFeature, error)
	// SaveCompatFeatures stores features (SHA256 is computed when empty),
	// writing only those whose digest differs from the stored one.
	SaveCompatFeatures(ctx context.Context, features []*CompatFeature) (*CompatImportResult, error)
	// FindCompatPaths lists stored feature paths starting with prefix, in
	// order, at most limit (50 when zero).
	FindCompatPaths(ctx context.Context, prefix string, limit int) ([]string, error)
}
