package wiki_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/wiki"
)

// MustOpen returns a Service over a fresh SQLite store.
func MustOpen(tb testing.TB) *wiki.Service {
	tb.Helper()
	store, err := sqlite.Open(filepath.Join(tb.TempDir(), "wiki.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := store.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return wiki.New(store, folio.NewNamespaces("Testwiki"))
}

func mustTitle(tb testing.TB, s *wiki.Service, text string) folio.Title {
	tb.Helper()
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// mustEdit saves text and returns the new revision id.
func mustEdit(tb testing.TB, s *wiki.Service, u *folio.User, title, text string, base int64) int64 {
	tb.Helper()
	out, err := s.Edit(context.Background(), wiki.EditRequest{Title: mustTitle(tb, s, title), Text: text, User: u, IP: "192.0.2.1", BaseRevID: base})
	if err != nil {
		tb.Fatalf("Edit(%s): %v", title, err)
	}
	return out.Result.Revision.ID
}

func currentText(tb testing.TB, s *wiki.Service, title string) string {
	tb.Helper()
	t := mustTitle(tb, s, title)
	p, err := s.Store.FindPageByTitle(context.Background(), t.Namespace, t.DBKey)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := s.Store.FindRevisionByID(context.Background(), p.Latest)
	if err != nil {
		tb.Fatal(err)
	}
	return r.Text
}

func TestEditMergesNonOverlappingChanges(t *testing.T) {
	s := MustOpen(t)
	base := mustEdit(t, s, nil, "Merge", "one\ntwo\nthree\nfour\nfive", 0)
	mustEdit(t, s, nil, "Merge", "ONE\ntwo\nthree\nfour\nfive", base)
	out, err := s.Edit(context.Background(), wiki.EditRequest{Title: mustTitle(t, s, "Merge"), Text: "one\ntwo\nthree\nfour\nFIVE", BaseRevID: base, IP: "192.0.2.2"})
	if err != nil || !out.Merged {
		t.Fatalf("Edit from stale base = %+v, %v; want a merged save", out, err)
	}
	if got, want := currentText(t, s, "Merge"), "ONE\ntwo\nthree\nfour\nFIVE"; got != want {
		t.Errorf("merged text = %q, want %q", got, want)
	}
}

func TestEditOverlappingConflictLosesNothing(t *testing.T) {
	s := MustOpen(t)
	base := mustEdit(t, s, nil, "Conflict", "line", 0)
	mustEdit(t, s, nil, "Conflict", "their line", base)
	out, err := s.Edit(context.Background(), wiki.EditRequest{Title: mustTitle(t, s, "Conflict"), Text: "my line", BaseRevID: base, IP: "192.0.2.2"})
	if !wiki.IsConflict(err) || out == nil || !out.Conflict {
		t.Fatalf("Edit = %+v, %v; want an edit conflict outcome", out, err)
	}
	if out.CurrentText != "their line" || out.SubmittedText != "my line" {
		t.Errorf("conflict outcome holds %q and %q, want both texts", out.CurrentText, out.SubmittedText)
	}
	if got := currentText(t, s, "Conflict"); got != "their line" {
		t.Errorf("page text = %q, want the other editor's text kept", got)
	}
}

func TestCreateRaceIsConflict(t *testing.T) {
	s := MustOpen(t)
	mustEdit(t, s, nil, "Race", "first", 0)
	_, err := s.Edit(context.Background(), wiki.EditRequest{Title: mustTitle(t, s, "Race"), Text: "second", IP: "192.0.2.2"})
	if !wiki.IsConflict(err) {
		t.Errorf("second creation: %v, want an edit conflict", err)
	}
}

func TestUndoAndRollback(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	alice, err := s.CreateUser(ctx, "Alice", "alice's password", nil)
	if err != nil {
		t.Fatal(err)
	}
	sysop, err := s.CreateUser(ctx, "Root", "root's password!", []string{"sysop"})
	if err != nil {
		t.Fatal(err)
	}
	r1 := mustEdit(t, s, sysop, "Undo", "a\nb\nc\nd\ne", 0)
	r2 := mustEdit(t, s, alice, "Undo", "a\nB\nc\nd\ne", r1)
	r3 := mustEdit(t, s, alice, "Undo", "a\nB\nc\nd\nE", r2)
	page, _ := s.Store.FindPageByID(ctx, mustPageID(t, s, "Undo"))
	text, err := s.UndoText(ctx, page, r2, 0)
	if err != nil || text != "a\nb\nc\nd\nE" {
		t.Errorf("UndoText(r2) = %q, %v; want the r2 change removed only", text, err)
	}
	_ = r3
	if _, err := s.Rollback(ctx, alice, "", page, "Alice"); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("Rollback by a plain user: %v, want permissiondenied", err)
	}
	if _, err := s.Rollback(ctx, sysop, "", page, "Alice"); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	if got := currentText(t, s, "Undo"); got != "a\nb\nc\nd\ne" {
		t.Errorf("after rollback text = %q, want Root's revision", got)
	}
	page, _ = s.Store.FindPageByID(ctx, page.ID)
	if _, err := s.Rollback(ctx, sysop, "", page, "Alice"); folio.ErrorCode(err) != folio.EAlreadyRolled {
		t.Errorf("second rollback: %v, want alreadyrolled", err)
	}
}

func mustPageID(tb testing.TB, s *wiki.Service, title string) int64 {
	tb.Helper()
	t := mustTitle(tb, s, title)
	p, err := s.Store.FindPageByTitle(context.Background(), t.Namespace, t.DBKey)
	if err != nil {
		tb.Fatal(err)
	}
	return p.ID
}

func TestPermissionsAndProtection(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	sysop, _ := s.CreateUser(ctx, "Root", "root's password!", []string{"sysop"})
	mustEdit(t, s, sysop, "Guarded", "text", 0)
	page, _ := s.Store.FindPageByID(ctx, mustPageID(t, s, "Guarded"))
	if _, err := s.Delete(ctx, nil, "192.0.2.9", page, "vandal"); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("anonymous delete: %v, want permissiondenied", err)
	}
	if _, err := s.Protect(ctx, sysop, "", page, []folio.Protection{{Type: "edit", Level: "sysop"}}, "too many edits"); err != nil {
		t.Fatalf("Protect: %v", err)
	}
	_, err := s.Edit(ctx, wiki.EditRequest{Title: mustTitle(t, s, "Guarded"), Text: "changed", BaseRevID: page.Latest, IP: "192.0.2.9"})
	if folio.ErrorCode(err) != folio.EProtectedPage {
		t.Errorf("anonymous edit of a protected page: %v, want protectedpage", err)
	}
	if _, err := s.Edit(ctx, wiki.EditRequest{Title: mustTitle(t, s, "Guarded"), Text: "changed", BaseRevID: page.Latest, User: sysop}); err != nil {
		t.Errorf("sysop edit of a protected page: %v", err)
	}
	s.ReadOnly = "maintenance"
	if _, err := s.Edit(ctx, wiki.EditRequest{Title: mustTitle(t, s, "Other"), Text: "x", User: sysop}); folio.ErrorCode(err) != folio.EReadOnly {
		t.Errorf("edit in read-only mode: %v, want readonly", err)
	}
}

func TestLogin(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	if _, err := s.CreateUser(ctx, "alice", "short", nil); err == nil {
		t.Error("short password accepted")
	}
	if _, err := s.CreateUser(ctx, "alice", "correct horse battery", nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, user, pw string
		ok             bool
	}{
		{"right", "Alice", "correct horse battery", true},
		{"lower-case first letter", "alice", "correct horse battery", true},
		{"wrong password", "Alice", "wrong", false},
		{"no such user", "Nobody", "correct horse battery", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := s.Login(ctx, tt.user, tt.pw)
			if tt.ok != (err == nil) {
				t.Fatalf("Login(%q) = %v, %v", tt.user, u, err)
			}
			if !tt.ok && (folio.ErrorCode(err) != folio.EWrongPassword || !strings.Contains(folio.ErrorMessage(err), "Incorrect")) {
				t.Errorf("Login(%q) error = %v, want the same wrongpassword answer", tt.user, err)
			}
		})
	}
}

func TestCanonicalIP(t *testing.T) {
	s := MustOpen(t)
	tests := []struct{ in, want string }{
		{"192.0.2.1", "192.0.2.1"},
		{"::1", "0:0:0:0:0:0:0:1"},
		{"2001:db8::ff", "2001:DB8:0:0:0:0:0:FF"},
	}
	for _, tt := range tests {
		if got := s.CanonicalIP(tt.in); got != tt.want {
			t.Errorf("CanonicalIP(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := s.Actor(nil, tt.in).Name; got != tt.want {
			t.Errorf("Actor(nil, %q).Name = %q, want %q", tt.in, got, tt.want)
		}
	}
}
