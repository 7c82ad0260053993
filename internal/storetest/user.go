package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func testUsers(t *testing.T, s folio.Store) {
	ctx := context.Background()
	alice := MustCreateUser(t, s, "Alice", "sysop", "bureaucrat", "sysop")
	MustCreateUser(t, s, "Bob")
	MustCreateUser(t, s, "Carol", "sysop")
	if alice.ID == 0 || alice.Registration.IsZero() {
		t.Errorf("CreateUser() left ID %d, registration %v", alice.ID, alice.Registration)
	}
	err := s.CreateUser(ctx, &folio.User{Name: "Alice"})
	wantCode(t, "CreateUser(duplicate)", err, folio.EUserExists)

	got, err := s.FindUserByName(ctx, "Alice")
	if err != nil {
		t.Fatalf("FindUserByName() error: %v", err)
	}
	if got.ID != alice.ID || got.PasswordHash != "x" || !cmp.Equal(got.Groups, []string{"bureaucrat", "sysop"}) {
		t.Errorf("FindUserByName() = %+v, want id %d and groups bureaucrat, sysop", got, alice.ID)
	}
	testFindUsers(t, s)
	testUpdateUser(t, s, alice)
}

func testFindUsers(t *testing.T, s folio.Store) {
	ctx := context.Background()
	tests := []struct {
		name string
		f    folio.UserFilter
		want []string
	}{
		{"all", folio.UserFilter{}, []string{"Alice", "Bob", "Carol"}},
		{"from", folio.UserFilter{From: "B"}, []string{"Bob", "Carol"}},
		{"group", folio.UserFilter{Group: ptr("sysop")}, []string{"Alice", "Carol"}},
		{"limit", folio.UserFilter{Limit: 1}, []string{"Alice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			us, err := s.FindUsers(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindUsers() error: %v", err)
			}
			var names []string
			for _, u := range us {
				names = append(names, u.Name)
			}
			if diff := cmp.Diff(tt.want, names); diff != "" {
				t.Errorf("FindUsers(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func testUpdateUser(t *testing.T, s folio.Store, alice *folio.User) {
	ctx := context.Background()
	auth := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	upd, err := s.UpdateUser(ctx, alice.ID, folio.UserUpdate{RealName: ptr("Alice A."),
		Email: ptr("alice@example.org"), Groups: &[]string{"interface-admin"}})
	if err != nil {
		t.Fatalf("UpdateUser() error: %v", err)
	}
	if upd.RealName != "Alice A." || upd.Email != "alice@example.org" || upd.PasswordHash != "x" ||
		!cmp.Equal(upd.Groups, []string{"interface-admin"}) {
		t.Errorf("UpdateUser() = %+v", upd)
	}
	_, err = s.UpdateUser(ctx, 987654, folio.UserUpdate{RealName: ptr("x")})
	wantCode(t, "UpdateUser(missing)", err, folio.ENoSuchUser)
	dave := &folio.User{Name: "Dave", Email: "d@example.org", EmailAuthenticated: &auth}
	if err := s.CreateUser(ctx, dave); err != nil {
		t.Fatalf("CreateUser(Dave) error: %v", err)
	}
	if got, _ := s.FindUserByID(ctx, dave.ID); got == nil || got.EmailAuthenticated == nil ||
		!got.EmailAuthenticated.Equal(auth) {
		t.Errorf("FindUserByID(Dave) = %+v, want email authenticated at %v", got, auth)
	}
}

func testActors(t *testing.T, s folio.Store) {
	ctx := context.Background()
	a1, err := s.EnsureActor(ctx, anon)
	if err != nil || a1.ID == 0 || a1.UserID != 0 || a1.Name != anon.Name {
		t.Fatalf("EnsureActor(anon) = %+v, %v", a1, err)
	}
	a2, err := s.EnsureActor(ctx, anon)
	if err != nil || a2 != a1 {
		t.Errorf("EnsureActor(anon) again = %+v, %v; want %+v", a2, err, a1)
	}
	u := MustCreateUser(t, s, "Erin")
	a3, err := s.EnsureActor(ctx, folio.Actor{Name: "Erin"})
	if err != nil || a3.UserID != u.ID || a3.ID == a1.ID {
		t.Errorf("EnsureActor(Erin) = %+v, %v; want user %d", a3, err, u.ID)
	}
	res := MustSave(t, s, &folio.Edit{DBKey: "Actor_page", Text: "x", Actor: folio.Actor{UserID: u.ID, Name: "Erin"}})
	if res.Revision.Actor != a3 {
		t.Errorf("revision actor = %+v, want %+v", res.Revision.Actor, a3)
	}
	_, err = s.EnsureActor(ctx, folio.Actor{})
	if err == nil {
		t.Errorf("EnsureActor(no name) = nil error, want one")
	}
}

func testSessions(t *testing.T, s folio.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	live := &folio.Session{ID: "aa11", UserID: 7, Data: map[string]string{"token": "t1"}, Expires: now.Add(time.Hour)}
	old := &folio.Session{ID: "bb22", Expires: now.Add(-time.Hour)}
	for _, sess := range []*folio.Session{live, old} {
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatalf("CreateSession(%s) error: %v", sess.ID, err)
		}
	}
	got, err := s.FindSession(ctx, "aa11")
	if err != nil {
		t.Fatalf("FindSession() error: %v", err)
	}
	if diff := cmp.Diff(live, got); diff != "" {
		t.Errorf("FindSession() (-want +got):\n%s", diff)
	}
	if _, err := s.FindSession(ctx, "bb22"); err == nil {
		t.Errorf("FindSession(expired) = nil error, want one")
	}
	live.Data["lang"], live.UserID = "de", 8
	if err := s.UpdateSession(ctx, live); err != nil {
		t.Fatalf("UpdateSession() error: %v", err)
	}
	if got, _ := s.FindSession(ctx, "aa11"); !cmp.Equal(live, got) {
		t.Errorf("FindSession() after update = %+v, want %+v", got, live)
	}
	if err := s.UpdateSession(ctx, &folio.Session{ID: "zz99", Expires: now}); err == nil {
		t.Errorf("UpdateSession(missing) = nil error, want one")
	}
	n, err := s.DeleteExpiredSessions(ctx, now)
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions() = %d, %v; want 1", n, err)
	}
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Errorf("DeleteSession() error: %v", err)
	}
	if _, err := s.FindSession(ctx, "aa11"); err == nil {
		t.Errorf("FindSession(deleted) = nil error, want one")
	}
	if err := s.DeleteSession(ctx, "aa11"); err != nil {
		t.Errorf("DeleteSession(again) error: %v", err)
	}
}

func testStats(t *testing.T, s folio.Store) {
	ctx := context.Background()
	MustCreateUser(t, s, "Stat")
	a := MustCreate(t, s, 0, "Stat_A", "a")
	MustEdit(t, s, a.Page, "a2", anon)
	MustCreate(t, s, 1, "Stat_A", "talk")
	MustSave(t, s, &folio.Edit{DBKey: "Stat_R", Text: "#REDIRECT [[Stat_A]]", Actor: anon,
		Redirect: &folio.LinkTarget{DBKey: "Stat_A"}})
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats() error: %v", err)
	}
	want := &folio.SiteStats{Pages: 3, Articles: 1, Edits: 4, Users: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Stats() (-want +got):\n%s", diff)
	}
}
