package api

import (
	"github.com/folio-wiki/folio"
)

// needsPatrol reports whether the query shows or filters on rc_patrolled.
func (rq *rcQuery) needsPatrol() bool {
	if rq.props["patrolled"] {
		return true
	}
	for _, k := range []string{"patrolled", "!patrolled", "unpatrolled", "autopatrolled", "!autopatrolled"} {
		if rq.show[k] {
			return true
		}
	}
	return false
}

// loadPatrol reads rc_patrolled of a batch when the query needs it.
func (s *Server) loadPatrol(c *call, rq *rcQuery, batch []*folio.RecentChange) error {
	ps, ok := s.Store.(folio.PatrolStore)
	if !ok || !rq.needsPatrol() {
		return nil
	}
	ids := make([]int64, len(batch))
	for i, rc := range batch {
		ids[i] = rc.ID
	}
	states, err := ps.PatrolStates(c.ctx, ids)
	if err != nil {
		return err
	}
	if rq.patrol == nil {
		rq.patrol = map[int64]int{}
	}
	for id, st := range states {
		rq.patrol[id] = st
	}
	return nil
}

// patrolWanted applies the patrolled filters of rcshow.
func (rq *rcQuery) patrolWanted(rc *folio.RecentChange) bool {
	st := rq.patrol[rc.ID]
	switch {
	case rq.show["patrolled"] && st == folio.PatrolledNot,
		rq.show["!patrolled"] && st != folio.PatrolledNot,
		rq.show["unpatrolled"] && (st != folio.PatrolledNot || rc.Type == folio.RCLog),
		rq.show["autopatrolled"] && st != folio.PatrolledAuto,
		rq.show["!autopatrolled"] && st == folio.PatrolledAuto:
		return false
	}
	return true
}

// addPatrol adds rcprop=patrolled's flags to a change.
func (rq *rcQuery) addPatrol(o *obj, rc *folio.RecentChange) {
	if !rq.props["patrolled"] {
		return
	}
	st := rq.patrol[rc.ID]
	o.set("patrolled", flag(st != folio.PatrolledNot)).set("autopatrolled", flag(st == folio.PatrolledAuto))
}
