package storetest

import (
	"context"
	"testing"

	"github.com/folio-wiki/folio"
)

func testPatrol(t *testing.T, s folio.Store) {
	ps, ok := s.(folio.PatrolStore)
	if !ok {
		t.Skip("the store does not patrol")
	}
	ctx := context.Background()
	res := MustCreate(t, s, 0, "Patrolled_page", "text")
	rc, patrolled, err := ps.FindRecentChangeByRevID(ctx, res.Revision.ID)
	if err != nil || rc.ThisOldID != res.Revision.ID || rc.DBKey != "Patrolled_page" || patrolled != folio.PatrolledNot {
		t.Fatalf("FindRecentChangeByRevID(%d) = %+v, %d, %v; want the unpatrolled creation", res.Revision.ID, rc, patrolled, err)
	}
	byID, _, err := ps.FindRecentChangeByID(ctx, rc.ID)
	if err != nil || byID.ID != rc.ID {
		t.Errorf("FindRecentChangeByID(%d) = %+v, %v", rc.ID, byID, err)
	}
	patroller := folio.Actor{Name: "192.0.2.44"}
	le, err := ps.MarkPatrolled(ctx, rc.ID, patroller)
	if err != nil || le == nil || le.Type != "patrol" || le.Action != "patrol" || le.Params["curid"] == "" {
		t.Fatalf("MarkPatrolled() = %+v, %v; want a patrol/patrol entry", le, err)
	}
	if _, patrolled, _ := ps.FindRecentChangeByID(ctx, rc.ID); patrolled != folio.PatrolledManual {
		t.Errorf("rc_patrolled after MarkPatrolled = %d, want 1", patrolled)
	}
	states, err := ps.PatrolStates(ctx, []int64{rc.ID, 999999})
	if err != nil || len(states) != 1 || states[rc.ID] != folio.PatrolledManual {
		t.Errorf("PatrolStates() = %v, %v; want only %d patrolled", states, err, rc.ID)
	}
	if again, err := ps.MarkPatrolled(ctx, rc.ID, patroller); err != nil || again != nil {
		t.Errorf("second MarkPatrolled() = %+v, %v; want nothing logged", again, err)
	}
	les, _ := s.FindLogEntries(ctx, folio.LogFilter{Type: "patrol"})
	if len(les) != 1 {
		t.Errorf("patrol log has %d entries, want 1", len(les))
	}
	rcs, _ := s.FindRecentChanges(ctx, folio.RecentChangeFilter{Limit: 5})
	for _, r := range rcs {
		if r.Type == folio.RCLog && r.LogType == "patrol" {
			t.Errorf("patrol log entry has a recent change %+v, want none", r)
		}
	}
	_, _, err = ps.FindRecentChangeByID(ctx, 999999)
	wantCode(t, "FindRecentChangeByID(missing)", err, folio.ENoSuchRCID)
	_, _, err = ps.FindRecentChangeByRevID(ctx, 999999)
	wantCode(t, "FindRecentChangeByRevID(missing)", err, folio.ENoSuchRevID)
	_, err = ps.MarkPatrolled(ctx, 999999, patroller)
	wantCode(t, "MarkPatrolled(missing)", err, folio.ENoSuchRCID)
}

func testAutoPatrol(t *testing.T, s folio.Store) {
	ps, ok := s.(folio.PatrolStore)
	if !ok {
		t.Skip("the store does not patrol")
	}
	ctx := context.Background()
	res := MustSave(t, s, &folio.Edit{Namespace: 0, DBKey: "Auto_patrolled", Text: "x", Actor: anon, AutoPatrol: true})
	if _, st, err := ps.FindRecentChangeByRevID(ctx, res.Revision.ID); err != nil || st != folio.PatrolledAuto {
		t.Errorf("rc_patrolled of an autopatrolled edit = %d, %v; want %d", st, err, folio.PatrolledAuto)
	}
	if _, err := ps.MarkPatrolled(ctx, 0, anon); folio.ErrorCode(err) != folio.ENoSuchRCID {
		t.Errorf("MarkPatrolled(0) error %v, want %s", err, folio.ENoSuchRCID)
	}
}
