package folio

import "time"

// Recent change types, MediaWiki's rc_type values.
const (
	RCEdit = 0
	RCNew  = 1
	RCLog  = 3
)

// RecentChange is a row of Special:RecentChanges.
type RecentChange struct {
	ID        int64
	Timestamp time.Time
	Type      int
	Namespace int
	DBKey     string
	PageID    int64
	Actor     Actor
	Comment   string
	Minor     bool
	Bot       bool
	New       bool
	ThisOldID int64 // revision made by this change
	LastOldID int64 // revision before it
	OldLen    int
	NewLen    int
	LogID     int64
	LogType   string
	LogAction string
}

// RecentChangeFilter selects recent changes, newest first. Pointer fields are
// unset when nil.
type RecentChangeFilter struct {
	Namespace *int
	Since     time.Time
	HideMinor bool
	HideBots  bool
	HideAnons bool
	HideLiu   bool // logged-in users
	HideActor string
	OnlyActor string
	HideLogs  bool
	NewOnly   bool
	Before    int64 // rc id paging
	Limit     int
}

// LogEntry is a row of MediaWiki's logging table (Special:Log).
type LogEntry struct {
	ID        int64
	Type      string // delete, protect, create, newusers, rights…
	Action    string
	Timestamp time.Time
	Actor     Actor
	Namespace int
	DBKey     string
	PageID    int64
	Comment   string
	Params    map[string]string
}

// LogFilter selects log entries, newest first.
type LogFilter struct {
	Type      string
	ActorName string
	Namespace *int
	DBKey     string
	Before    int64
	Limit     int
}
