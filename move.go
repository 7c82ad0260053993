package folio

import "context"

// Error codes of page moves, as the Action API names them.
const (
	ESelfMove          = "selfmove"
	EImmobileNamespace = "immobilenamespace"
	EProtectedTitle    = "protectedtitle"
)

// MoveStore renames pages (MediaWiki's MovePage).
type MoveStore interface {
	// MovePage renames a page in one transaction; see MoveRequest.
	MovePage(ctx context.Context, req MoveRequest) (*MoveResult, error)
}

// MoveRequest renames page PageID to ToNamespace:ToDBKey. The page keeps its
// id, history and protections; a null revision with Summary records the
// move in its history, and a move/move (or move/move_redir) log entry with
// Comment records it in the logs and recent changes.
//
// The target must not exist, unless it is a redirect with a single
// revision that points back to the page: that redirect is removed (its
// revision goes to the archive) and the move is logged as move_redir.
type MoveRequest struct {
	PageID      int64
	ToNamespace int
	ToDBKey     string
	ToText      string // the new title as text, logged as the "target" parameter
	Actor       Actor
	Comment     string // the mover's reason
	Summary     string // edit summary of the null revision and the redirect
	Bot         bool

	// DeleteTarget deletes a page at the new title first (logged as a
	// deletion with DeleteComment), for movers who may delete pages.
	DeleteTarget  bool
	DeleteComment string

	// LeaveRedirect leaves a redirect to the new title at the old one: a
	// new page with RedirectText, whose outgoing links are RedirectLinks
	// (nil: a single link to the new title).
	LeaveRedirect bool
	RedirectText  string
	RedirectLinks *LinkSet
}

// MoveResult is what MovePage did.
type MoveResult struct {
	Page              *Page     // the moved page, under its new title
	Revision          *Revision // the null revision recording the move
	RedirectPageID    int64     // the redirect left behind, 0 when none
	MovedOverRedirect bool      // a redirect at the target was replaced
	LogEntry          *LogEntry
}
