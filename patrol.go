package folio

import "context"

// Error codes of patrolling, as the Action API names them.
const (
	ENoSuchRCID     = "nosuchrcid"
	ENotPatrollable = "notpatrollable"
	ENoAutoPatrol   = "noautopatrol"
	PatrolledNot    = 0 // rc_patrolled: not patrolled
	PatrolledManual = 1 // marked by a patroller
	PatrolledAuto   = 2 // made by a user with the autopatrol right
)

// PatrolStore reads recent changes for patrolling and marks them
// patrolled (MediaWiki's rc_patrolled and the patrol log).
type PatrolStore interface {
	// FindRecentChangeByID returns a recent change and whether it is
	// patrolled (rc_patrolled), or ENoSuchRCID.
	FindRecentChangeByID(ctx context.Context, id int64) (*RecentChange, int, error)
	// FindRecentChangeByRevID returns the recent change that made a
	// revision, or ENoSuchRevID.
	FindRecentChangeByRevID(ctx context.Context, revID int64) (*RecentChange, int, error)
	// MarkPatrolled sets rc_patrolled of the change and writes a
	// patrol/patrol log entry (which, as in MediaWiki, gets no recent
	// change of its own). A change already patrolled is left alone and
	// gives a nil entry.
	MarkPatrolled(ctx context.Context, rcID int64, actor Actor) (*LogEntry, error)
	// PatrolStates returns rc_patrolled of the given recent changes;
	// unknown ids are left out.
	PatrolStates(ctx context.Context, ids []int64) (map[int64]int, error)
}
