package wiki_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/wiki"
)

// TestNamespaceProtection checks that a namespace reserved for a right
// (Widget: for editwidgets) cannot be edited, created or moved into or
// out of without it, and can with it.
func TestNamespaceProtection(t *testing.T) {
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "wiki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ns, err := folio.NewNamespacesFrom(append(folio.NewNamespaces("Testwiki").All(),
		folio.Namespace{ID: 274, Name: "Widget", Canonical: "Widget"},
		folio.Namespace{ID: 275, Name: "Widget talk", Canonical: "Widget talk"}))
	if err != nil {
		t.Fatal(err)
	}
	s := wiki.New(store, ns)
	s.Rights["widgeteditor"] = map[string]bool{"editwidgets": true}
	s.NamespaceProtection = map[int]string{274: "editwidgets"}
	editor, _ := s.CreateUser(ctx, "Wendy", "wendy's password!", []string{"widgeteditor", "sysop"})
	sysop, _ := s.CreateUser(ctx, "Root", "root's password!", []string{"sysop"})
	user, _ := s.CreateUser(ctx, "Ursula", "ursula's password!", nil)
	mustEdit(t, s, editor, "Widget:Clock", "<b>clock</b>", 0)
	mustEdit(t, s, user, "Plain", "text", 0)
	mustEdit(t, s, user, "Widget talk:Clock", "talk is free", 0)
	clock := mustTitle(t, s, "Widget:Clock")
	page, _ := s.Store.FindPageByTitle(ctx, clock.Namespace, clock.DBKey)
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"anonymous edit", func() error {
			_, err := s.Edit(ctx, wiki.EditRequest{Title: clock, Text: "x", BaseRevID: page.Latest, IP: "192.0.2.9"})
			return err
		}, folio.EPermissionDenied},
		{"sysop without the right", func() error {
			_, err := s.Edit(ctx, wiki.EditRequest{Title: clock, Text: "x", BaseRevID: page.Latest, User: sysop})
			return err
		}, folio.EPermissionDenied},
		{"user creates", func() error {
			_, err := s.Edit(ctx, wiki.EditRequest{Title: mustTitle(t, s, "Widget:New"), Text: "x", User: user})
			return err
		}, folio.EPermissionDenied},
		{"move into the namespace", func() error {
			_, err := s.Move(ctx, wiki.MoveRequest{From: mustTitle(t, s, "Plain"), To: mustTitle(t, s, "Widget:Plain"), User: sysop})
			return err
		}, folio.EPermissionDenied},
		{"move out of the namespace", func() error {
			_, err := s.Move(ctx, wiki.MoveRequest{From: clock, To: mustTitle(t, s, "Clock"), User: sysop})
			return err
		}, folio.EPermissionDenied},
		{"editor edits", func() error {
			_, err := s.Edit(ctx, wiki.EditRequest{Title: clock, Text: "<i>clock</i>", BaseRevID: page.Latest, User: editor})
			return err
		}, ""},
		{"editor moves in", func() error {
			_, err := s.Move(ctx, wiki.MoveRequest{From: mustTitle(t, s, "Plain"), To: mustTitle(t, s, "Widget:Plain"), User: editor})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := folio.ErrorCode(tt.do()); got != tt.want {
				t.Errorf("error code %q, want %q", got, tt.want)
			}
		})
	}
}
