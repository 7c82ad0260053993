package wiki_test

import (
	"context"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

func moveUser(tb testing.TB, s *wiki.Service, name string, groups ...string) *folio.User {
	tb.Helper()
	u := &folio.User{Name: name, PasswordHash: "x", Groups: groups}
	if err := s.Store.CreateUser(context.Background(), u); err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestMoveTalkAndSubpages(t *testing.T) {
	s := MustOpen(t)
	u := moveUser(t, s, "Mover")
	mustEdit(t, s, u, "Help:Book", "book", 0)
	mustEdit(t, s, u, "Help:Book/Chapter", "chapter", 0)
	mustEdit(t, s, u, "Help talk:Book", "talk", 0)
	mustEdit(t, s, u, "Help talk:Book/Chapter", "talk chapter", 0)
	out, err := s.Move(context.Background(), wiki.MoveRequest{From: mustTitle(t, s, "Help:Book"), To: mustTitle(t, s, "Help:Novel"),
		Reason: "retitled", MoveTalk: true, MoveSubpages: true, User: u})
	if err != nil {
		t.Fatalf("Move() error: %v", err)
	}
	if !out.RedirectCreated || out.Talk == nil || out.Talk.Err != nil || out.Talk.To.PrefixedText() != "Help talk:Novel" {
		t.Errorf("Move() = %+v, talk %+v; want a redirect and the talk page moved", out, out.Talk)
	}
	if len(out.Subpages) != 1 || out.Subpages[0].Err != nil || out.Subpages[0].To.PrefixedText() != "Help:Novel/Chapter" {
		t.Errorf("subpages = %+v, want Help:Book/Chapter moved", out.Subpages)
	}
	if len(out.TalkSubpages) != 1 || out.TalkSubpages[0].Err != nil {
		t.Errorf("talk subpages = %+v, want Help talk:Book/Chapter moved", out.TalkSubpages)
	}
	if got := currentText(t, s, "Help:Novel/Chapter"); got != "chapter" {
		t.Errorf("Novel/Chapter text = %q", got)
	}
	if got := currentText(t, s, "Help:Book"); got != "#REDIRECT [[Help:Novel]]" {
		t.Errorf("Book text = %q, want a redirect", got)
	}
}

func TestMoveKeepsWatchers(t *testing.T) {
	s := MustOpen(t)
	u := moveUser(t, s, "Mover")
	watcher := moveUser(t, s, "Watcher")
	mustEdit(t, s, u, "Watched page", "x", 0)
	ctx := context.Background()
	if err := s.Watch(ctx, watcher, mustTitle(t, s, "Watched page"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Move(ctx, wiki.MoveRequest{From: mustTitle(t, s, "Watched page"), To: mustTitle(t, s, "Renamed page"), User: u}); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Renamed page", "Talk:Renamed page", "Watched page"} {
		if ok, err := s.IsWatched(ctx, watcher, mustTitle(t, s, title)); err != nil || !ok {
			t.Errorf("after the move, IsWatched(%s) = %v, %v; want true", title, ok, err)
		}
	}
}

func TestMoveRefused(t *testing.T) {
	s := MustOpen(t)
	user := moveUser(t, s, "Plain")
	sysop := moveUser(t, s, "Admin", "sysop")
	mustEdit(t, s, user, "Free", "x", 0)
	mustEdit(t, s, user, "Taken", "y", 0)
	mustEdit(t, s, user, "Locked", "z", 0)
	mustEdit(t, s, sysop, "MediaWiki:Sidebar", "* nav", 0)
	locked, _ := s.Store.FindPageByTitle(context.Background(), 0, "Locked")
	if _, err := s.Protect(context.Background(), sysop, "", locked, []folio.Protection{{Type: "move", Level: "sysop"}}, ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string
		u        *folio.User
		want     string
	}{
		{"anonymous", "Free", "Free2", nil, folio.EPermissionDenied},
		{"target exists", "Free", "Taken", user, folio.EArticleExists},
		{"self", "Free", "Free", user, folio.ESelfMove},
		{"missing", "Nothing", "Nothing2", user, folio.EMissingTitle},
		{"move-protected", "Locked", "Unlocked", user, folio.EProtectedPage},
		{"interface page", "MediaWiki:Sidebar", "MediaWiki:Sidebar2", user, folio.EPermissionDenied},
		{"into files", "Free", "File:Free.png", user, folio.EImmobileNamespace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Move(context.Background(), wiki.MoveRequest{From: mustTitle(t, s, tt.from), To: mustTitle(t, s, tt.to), User: tt.u, IP: "192.0.2.3"})
			if got := folio.ErrorCode(err); got != tt.want {
				t.Errorf("Move(%s → %s) error %v, want %s", tt.from, tt.to, err, tt.want)
			}
		})
	}
	if _, err := s.Move(context.Background(), wiki.MoveRequest{From: mustTitle(t, s, "Locked"), To: mustTitle(t, s, "Unlocked"), User: sysop, NoRedirect: true}); err != nil {
		t.Errorf("sysop Move of a move-protected page: %v", err)
	}
	if _, err := s.Store.FindPageByTitle(context.Background(), 0, "Locked"); folio.ErrorCode(err) != folio.EMissingTitle {
		t.Errorf("Locked after a sysop move without redirect: %v, want missing", err)
	}
}

func TestMoveDeleteTarget(t *testing.T) {
	s := MustOpen(t)
	user := moveUser(t, s, "Plain")
	sysop := moveUser(t, s, "Admin", "sysop")
	mustEdit(t, s, user, "Source", "source", 0)
	mustEdit(t, s, user, "Target", "target", 0)
	req := wiki.MoveRequest{From: mustTitle(t, s, "Source"), To: mustTitle(t, s, "Target"), DeleteTarget: true, User: user}
	if _, err := s.Move(context.Background(), req); folio.ErrorCode(err) != folio.EPermissionDenied {
		t.Errorf("delete and move without the delete right: %v, want %s", err, folio.EPermissionDenied)
	}
	req.User = sysop
	if _, err := s.Move(context.Background(), req); err != nil {
		t.Fatalf("delete and move as a sysop: %v", err)
	}
	if got := currentText(t, s, "Target"); got != "source" {
		t.Errorf("Target text = %q, want the moved page", got)
	}
}

func TestMoveNoRedirectNeedsRight(t *testing.T) {
	s := MustOpen(t)
	u := moveUser(t, s, "Someone")
	mustEdit(t, s, u, "Stay", "x", 0)
	out, err := s.Move(context.Background(), wiki.MoveRequest{From: mustTitle(t, s, "Stay"), To: mustTitle(t, s, "Moved"), NoRedirect: true, User: u})
	if err != nil || !out.RedirectCreated {
		t.Errorf("Move(noredirect) by a user without suppressredirect = %+v, %v; want a redirect anyway", out, err)
	}
}
