package folio

import "time"

// Content models, as MediaWiki names them.
const (
	ModelWikitext   = "wikitext"
	ModelCSS        = "css"
	ModelJavaScript = "javascript"
	ModelJSON       = "json"
	ModelText       = "text"
	ModelScribunto  = "Scribunto"
)

// Page is a row of MediaWiki's page table: the current state of one title.
type Page struct {
	ID           int64
	Namespace    int
	DBKey        string
	IsRedirect   bool
	IsNew        bool // only one revision so far
	Touched      time.Time
	Latest       int64 // current revision id
	Len          int   // size of the current revision in bytes
	ContentModel string
	Protections  []Protection
}

// Protection restricts an action on a page to users with a right: MediaWiki's
// page_restrictions row.
type Protection struct {
	Type   string    // "edit" or "move"
	Level  string    // the right needed, e.g. "autoconfirmed" or "sysop"
	Expiry time.Time // zero means infinite
}

// ProtectionLevel returns the level protecting action at time now, or "".
func (p *Page) ProtectionLevel(action string, now time.Time) string {
	for _, pr := range p.Protections {
		if pr.Type == action && (pr.Expiry.IsZero() || pr.Expiry.After(now)) {
			return pr.Level
		}
	}
	return ""
}

// PageFilter selects pages for listings such as Special:AllPages.
// Pointer fields are unset when nil.
type PageFilter struct {
	Namespace  *int
	From       string // first DBKey to list (inclusive)
	Prefix     string // DBKey prefix
	IsRedirect *bool
	Limit      int
}

// ProtectRequest changes the protection of a page and logs it.
type ProtectRequest struct {
	PageID      int64
	Protections []Protection // the complete new set; empty removes protection
	Actor       Actor
	Comment     string
}

// DeleteRequest deletes a page: its revisions move to the archive.
type DeleteRequest struct {
	PageID  int64
	Actor   Actor
	Comment string
}

// UndeleteRequest restores archived revisions of a title.
type UndeleteRequest struct {
	Namespace int
	DBKey     string
	RevIDs    []int64 // empty restores every archived revision
	Actor     Actor
	Comment   string

	// Links and Redirect describe the newest restored revision as rendered,
	// as in Edit. They are applied when that revision becomes the page's
	// latest; nil Links leaves the link tables empty or as they are.
	Links    *LinkSet
	Redirect *LinkTarget
}
