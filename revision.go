package folio

import (
	"crypto/sha1"
	"math/big"
	"strings"
	"time"
)

// Revision is one saved version of a page. Text is only filled by lookups
// that say so (FindRevisionByID); listings leave it empty.
type Revision struct {
	ID        int64
	PageID    int64
	ParentID  int64 // previous revision of the page, 0 for the first
	Timestamp time.Time
	Actor     Actor
	Comment   string
	Minor     bool
	Len       int
	SHA1      string // base-36, 31 digits, as MediaWiki stores it
	Model     string
	Text      string

	// Namespace and DBKey name the page the revision belongs to; listings
	// across pages (contributions) fill them.
	Namespace int
	DBKey     string
}

// SHA1Base36 returns the SHA-1 of text in MediaWiki's revision format: base 36,
// zero-padded to 31 characters.
func SHA1Base36(text string) string {
	sum := sha1.Sum([]byte(text))
	s := new(big.Int).SetBytes(sum[:]).Text(36)
	return strings.Repeat("0", 31-len(s)) + s
}

// RevisionFilter selects revisions for history and contributions listings,
// newest first unless Reverse is set. Pointer fields are unset when nil.
type RevisionFilter struct {
	PageID    *int64
	ActorName *string
	Namespace *int
	Before    int64 // only revisions with a smaller id (paging), 0 = none
	After     int64 // only revisions with a larger id (paging), 0 = none
	Reverse   bool  // oldest first
	Limit     int
}

// Edit asks a store to save a new revision of a page atomically: revision,
// page, recent change and link tables in one transaction.
type Edit struct {
	Namespace int
	DBKey     string
	Text      string
	Model     string // ModelWikitext when empty
	Comment   string
	Minor     bool
	Bot       bool
	Actor     Actor

	// BaseRevID is the revision the editor started from. The save fails with
	// EEditConflict when the page's latest revision is another one; 0 means
	// the page must not exist yet (EArticleExists otherwise).
	BaseRevID int64

	// Links are the page's outgoing links as rendered from Text; nil leaves
	// the link tables as they are.
	Links *LinkSet

	// Redirect is the redirect target when Text is a redirect.
	Redirect *LinkTarget

	// SuppressRC leaves the edit out of RecentChanges, as MediaWiki's
	// EDIT_SUPPRESS_RC: the description page an upload creates is listed
	// through the upload's log entry only.
	SuppressRC bool

	// AutoPatrol marks the edit's recent change patrolled automatically
	// (rc_patrolled 2), for editors with the autopatrol right.
	AutoPatrol bool
}

// EditResult reports a save. When the text equals the current text, nothing is
// written and NoChange is set (MediaWiki's null edit).
type EditResult struct {
	Page     *Page
	Revision *Revision
	OldRevID int64
	OldLen   int
	New      bool
	NoChange bool
}
