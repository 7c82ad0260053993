package wiki

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// PatrolRequest marks one recent change patrolled: by RCID, or by the
// revision RevID it made.
type PatrolRequest struct {
	RCID  int64
	RevID int64
	User  *folio.User
	IP    string
}

// Patrol marks a recent change patrolled (action=patrol). It needs the
// patrol right; patrolling one's own change also needs autopatrol, as in
// MediaWiki. It returns the change; marking a patrolled change again does
// nothing.
func (s *Service) Patrol(ctx context.Context, req PatrolRequest) (*folio.RecentChange, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	ps, ok := s.Store.(folio.PatrolStore)
	if !ok {
		return nil, fmt.Errorf("the store does not keep patrol marks")
	}
	if !s.Allowed(req.User, "patrol") {
		return nil, folio.Errorf(folio.EPermissionDenied, "You do not have permission to mark changes patrolled: the \"patrol\" right is needed.")
	}
	if err := s.checkBlock(ctx, req.User); err != nil {
		return nil, err
	}
	var rc *folio.RecentChange
	var err error
	if req.RevID != 0 {
		rc, _, err = ps.FindRecentChangeByRevID(ctx, req.RevID)
	} else {
		rc, _, err = ps.FindRecentChangeByID(ctx, req.RCID)
	}
	if err != nil {
		return nil, err
	}
	if rc.Type != folio.RCEdit && rc.Type != folio.RCNew {
		return nil, folio.Errorf(folio.ENotPatrollable, "Only edits and page creations can be patrolled.")
	}
	if req.User != nil && rc.Actor.UserID == req.User.ID && !s.Allowed(req.User, "autopatrol") {
		return nil, folio.Errorf(folio.ENoAutoPatrol, "You cannot mark your own changes as patrolled.")
	}
	if _, err := ps.MarkPatrolled(ctx, rc.ID, s.Actor(req.User, req.IP)); err != nil {
		return nil, err
	}
	return rc, nil
}
