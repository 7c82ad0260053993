package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// rcFixture makes one change of each kind the filters tell apart and
// returns the rc ids by name.
func rcFixture(t *testing.T, s folio.Store) map[string]int64 {
	ctx := context.Background()
	u := MustCreateUser(t, s, "Registered")
	bot := MustCreateUser(t, s, "Robot", "bot")
	user := folio.Actor{UserID: u.ID, Name: u.Name}
	robot := folio.Actor{UserID: bot.ID, Name: bot.Name}
	newPage := MustSave(t, s, &folio.Edit{DBKey: "RC_Page", Text: "1", Actor: user})
	MustSave(t, s, &folio.Edit{Namespace: 1, DBKey: "RC_Page", Text: "talk", Actor: anon})
	MustSave(t, s, &folio.Edit{DBKey: "RC_Page", Text: "12", Actor: anon, Minor: true,
		BaseRevID: newPage.Revision.ID})
	p, _ := s.FindPageByID(ctx, newPage.Page.ID)
	MustSave(t, s, &folio.Edit{DBKey: "RC_Page", Text: "123", Actor: robot, Bot: true, BaseRevID: p.Latest})
	if err := s.CreateLogEntry(ctx, &folio.LogEntry{Type: "block", Action: "block", Actor: user,
		Namespace: 2, DBKey: "192.0.2.1", Comment: "vandal"}); err != nil {
		t.Fatalf("CreateLogEntry() error: %v", err)
	}
	rcs, err := s.FindRecentChanges(ctx, folio.RecentChangeFilter{})
	if err != nil || len(rcs) != 5 {
		t.Fatalf("FindRecentChanges() = %d rows, %v; want 5", len(rcs), err)
	}
	names := []string{"log", "bot", "minor", "talk", "new"} // newest first
	out := map[string]int64{}
	for i, rc := range rcs {
		out[names[i]] = rc.ID
	}
	return out
}

func testRecentChanges(t *testing.T, s folio.Store) {
	ctx := context.Background()
	id := rcFixture(t, s)
	list := func(names ...string) []int64 {
		out := []int64{}
		for _, n := range names {
			out = append(out, id[n])
		}
		return out
	}
	tests := []struct {
		name string
		f    folio.RecentChangeFilter
		want []int64
	}{
		{"all", folio.RecentChangeFilter{}, list("log", "bot", "minor", "talk", "new")},
		{"namespace", folio.RecentChangeFilter{Namespace: ptr(1)}, list("talk")},
		{"since past", folio.RecentChangeFilter{Since: time.Now().Add(-time.Hour)}, list("log", "bot", "minor", "talk", "new")},
		{"since future", folio.RecentChangeFilter{Since: time.Now().Add(time.Hour)}, list()},
		{"hide minor", folio.RecentChangeFilter{HideMinor: true}, list("log", "bot", "talk", "new")},
		{"hide bots", folio.RecentChangeFilter{HideBots: true}, list("log", "minor", "talk", "new")},
		{"hide anons", folio.RecentChangeFilter{HideAnons: true}, list("log", "bot", "new")},
		{"hide liu", folio.RecentChangeFilter{HideLiu: true}, list("minor", "talk")},
		{"hide actor", folio.RecentChangeFilter{HideActor: "Registered"}, list("bot", "minor", "talk")},
		{"only actor", folio.RecentChangeFilter{OnlyActor: "Registered"}, list("log", "new")},
		{"hide logs", folio.RecentChangeFilter{HideLogs: true}, list("bot", "minor", "talk", "new")},
		{"new only", folio.RecentChangeFilter{NewOnly: true}, list("talk", "new")},
		{"before", folio.RecentChangeFilter{Before: id["minor"]}, list("talk", "new")},
		{"limit", folio.RecentChangeFilter{Limit: 2}, list("log", "bot")},
		{"combined", folio.RecentChangeFilter{HideLogs: true, HideAnons: true, Namespace: ptr(0)}, list("bot", "new")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcs, err := s.FindRecentChanges(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindRecentChanges() error: %v", err)
			}
			got := ids(rcs, func(rc *folio.RecentChange) int64 { return rc.ID })
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FindRecentChanges(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func testNewPages(t *testing.T, s folio.Store) {
	ctx := context.Background()
	a := MustCreate(t, s, 0, "New_A", "a")
	MustEdit(t, s, a.Page, "a2", anon)
	b := MustCreate(t, s, 4, "New_B", "b")
	got, err := s.FindNewPages(ctx, folio.RecentChangeFilter{})
	if err != nil {
		t.Fatalf("FindNewPages() error: %v", err)
	}
	want := []int64{b.Revision.ID, a.Revision.ID}
	if diff := cmp.Diff(want, ids(got, func(rc *folio.RecentChange) int64 { return rc.ThisOldID })); diff != "" {
		t.Errorf("FindNewPages() revisions (-want +got):\n%s", diff)
	}
	got, _ = s.FindNewPages(ctx, folio.RecentChangeFilter{Namespace: ptr(0)})
	if len(got) != 1 || got[0].DBKey != "New_A" || !got[0].New || got[0].NewLen != 1 {
		t.Errorf("FindNewPages(ns 0) = %+v, want New_A", got)
	}
}

// logFixture creates three log entries and returns them, oldest first.
func logFixture(t *testing.T, s folio.Store) []*folio.LogEntry {
	ctx := context.Background()
	u := MustCreateUser(t, s, "Logger")
	user := folio.Actor{UserID: u.ID, Name: u.Name}
	entries := []*folio.LogEntry{
		{Type: "create", Action: "create", Actor: anon, Namespace: 0, DBKey: "Logged", Comment: "c1"},
		{Type: "block", Action: "block", Actor: user, Namespace: 2, DBKey: "192.0.2.9",
			Params: map[string]string{"duration": "infinity", "flags": "nocreate"}},
		{Type: "create", Action: "create", Actor: user, Namespace: 10, DBKey: "Logged"},
	}
	for _, e := range entries {
		if err := s.CreateLogEntry(ctx, e); err != nil {
			t.Fatalf("CreateLogEntry() error: %v", err)
		}
		if e.ID == 0 || e.Actor.ID == 0 || e.Timestamp.IsZero() {
			t.Errorf("CreateLogEntry() left %+v without id, actor or timestamp", e)
		}
	}
	return entries
}

func testLogEntries(t *testing.T, s folio.Store) {
	ctx := context.Background()
	entries := logFixture(t, s)
	got, err := s.FindLogEntries(ctx, folio.LogFilter{})
	if err != nil || len(got) != 3 {
		t.Fatalf("FindLogEntries() = %d, %v; want 3", len(got), err)
	}
	if diff := cmp.Diff(entries[1], got[1]); diff != "" {
		t.Errorf("FindLogEntries() round trip (-want +got):\n%s", diff)
	}
	tests := []struct {
		name string
		f    folio.LogFilter
		want []int64
	}{
		{"type", folio.LogFilter{Type: "create"}, []int64{entries[2].ID, entries[0].ID}},
		{"actor", folio.LogFilter{ActorName: "Logger"}, []int64{entries[2].ID, entries[1].ID}},
		{"namespace and title", folio.LogFilter{Namespace: ptr(0), DBKey: "Logged"}, []int64{entries[0].ID}},
		{"title", folio.LogFilter{DBKey: "Logged"}, []int64{entries[2].ID, entries[0].ID}},
		{"before", folio.LogFilter{Before: entries[2].ID, Limit: 1}, []int64{entries[1].ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			les, err := s.FindLogEntries(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindLogEntries() error: %v", err)
			}
			if diff := cmp.Diff(tt.want, ids(les, func(e *folio.LogEntry) int64 { return e.ID })); diff != "" {
				t.Errorf("FindLogEntries(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	rcs, _ := s.FindRecentChanges(ctx, folio.RecentChangeFilter{Limit: 1})
	if len(rcs) != 1 || rcs[0].Type != folio.RCLog || rcs[0].LogID != entries[2].ID ||
		rcs[0].LogType != "create" || rcs[0].LogAction != "create" || rcs[0].DBKey != "Logged" {
		t.Errorf("newest recent change = %+v, want the log row of entry %d", rcs, entries[2].ID)
	}
}
