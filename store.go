package folio

import (
	"context"
	"time"
)

// PageStore reads and changes pages.
type PageStore interface {
	FindPageByID(ctx context.Context, id int64) (*Page, error)
	FindPageByTitle(ctx context.Context, ns int, dbkey string) (*Page, error)
	FindPages(ctx context.Context, f PageFilter) ([]*Page, error)
	// PagesExist reports which targets exist as pages (a link batch).
	PagesExist(ctx context.Context, targets []LinkTarget) (map[LinkTarget]bool, error)
	// RandomPage returns a page of ns that is not a redirect, chosen
	// uniformly, or EMissingTitle when there is none.
	RandomPage(ctx context.Context, ns int) (*Page, error)
	// FindNewPages lists pages by creation, newest first (Special:NewPages).
	FindNewPages(ctx context.Context, f RecentChangeFilter) ([]*RecentChange, error)
	ProtectPage(ctx context.Context, req ProtectRequest) (*LogEntry, error)
	DeletePage(ctx context.Context, req DeleteRequest) (*LogEntry, error)
	UndeletePage(ctx context.Context, req UndeleteRequest) (*LogEntry, error)
	FindArchivedRevisions(ctx context.Context, ns int, dbkey string) ([]*Revision, error)
}

// RevisionStore reads revisions and saves edits.
type RevisionStore interface {
	// FindRevisionByID returns a revision with its Text.
	FindRevisionByID(ctx context.Context, id int64) (*Revision, error)
	// FindRevisions lists revisions without their Text.
	FindRevisions(ctx context.Context, f RevisionFilter) ([]*Revision, error)
	// SaveRevision saves an edit in one transaction; see Edit.
	SaveRevision(ctx context.Context, e *Edit) (*EditResult, error)
}

// LinkStore answers questions about the link tables.
type LinkStore interface {
	FindBacklinks(ctx context.Context, f BacklinkFilter) ([]*Page, error)
	FindLinks(ctx context.Context, pageID int64) (*LinkSet, error)
	// UpdateLinks replaces a page's outgoing links (used by rebuilds).
	UpdateLinks(ctx context.Context, pageID int64, links *LinkSet) error
}

// RecentChangeStore lists recent changes.
type RecentChangeStore interface {
	FindRecentChanges(ctx context.Context, f RecentChangeFilter) ([]*RecentChange, error)
}

// LogStore writes and lists log entries. CreateLogEntry also adds the entry
// to recent changes.
type LogStore interface {
	CreateLogEntry(ctx context.Context, e *LogEntry) error
	FindLogEntries(ctx context.Context, f LogFilter) ([]*LogEntry, error)
}

// UserStore manages accounts and actors.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByName(ctx context.Context, name string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, error)
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	// EnsureActor returns the actor for a user or IP name, creating it.
	EnsureActor(ctx context.Context, a Actor) (Actor, error)
}

// SessionStore keeps server-side sessions.
type SessionStore interface {
	CreateSession(ctx context.Context, s *Session) error
	FindSession(ctx context.Context, id string) (*Session, error)
	UpdateSession(ctx context.Context, s *Session) error
	DeleteSession(ctx context.Context, id string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// SiteStats are the counters behind NUMBEROF… words and siteinfo statistics.
type SiteStats struct {
	Pages    int
	Articles int // main-namespace pages that are not redirects
	Edits    int
	Users    int
}

// Store is everything a Folio database offers.
type Store interface {
	PageStore
	RevisionStore
	LinkStore
	RecentChangeStore
	LogStore
	UserStore
	SessionStore
	Stats(ctx context.Context) (*SiteStats, error)
	// Backend names the database and its server version, for Special:Version.
	Backend(ctx context.Context) (name, version string, err error)
	// Migrate applies pending schema migrations and returns how many ran.
	Migrate(ctx context.Context) (int, error)
	Close() error
}
