// Package storetest is the conformance suite every folio.Store must pass.
// Each backend's test calls Run with a function opening a fresh store.
package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/folio-wiki/folio"
)

// Opener returns a new, empty store for one test and registers its cleanup.
// The suite applies migrations itself.
type Opener func(t *testing.T) folio.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, folio.Store)
	}{
		{"Migrate", testMigrate},
		{"CreatePage", testCreatePage},
		{"Edit", testEdit},
		{"NullEdit", testNullEdit},
		{"EditConflict", testEditConflict},
		{"ArticleExists", testArticleExists},
		{"NotFound", testNotFound},
		{"History", testHistory},
		{"Contributions", testContributions},
		{"RecentChanges", testRecentChanges},
		{"NewPages", testNewPages},
		{"LogEntries", testLogEntries},
		{"DeleteUndelete", testDeleteUndelete},
		{"UndeleteRedirect", testUndeleteRedirect},
		{"UndeleteMerge", testUndeleteMerge},
		{"Protect", testProtect},
		{"MovePage", testMovePage},
		{"MoveRefused", testMoveRefused},
		{"MoveOverRedirect", testMoveOverRedirect},
		{"Patrol", testPatrol},
		{"AutoPatrol", testAutoPatrol},
		{"BotPasswords", testBotPasswords},
		{"Links", testLinks},
		{"CategoryMembers", testCategoryMembers},
		{"Redirects", testRedirects},
		{"AllPages", testAllPages},
		{"RandomPage", testRandomPage},
		{"Users", testUsers},
		{"Actors", testActors},
		{"Sessions", testSessions},
		{"Stats", testStats},
		{"UnicodeTitles", testUnicodeTitles},
		{"LargeText", testLargeText},
		{"ConcurrentOnePage", testConcurrentOnePage},
		{"ConcurrentDistinctPages", testConcurrentDistinctPages},
		{"ConcurrentCreate", testConcurrentCreate},
		{"Import", testImport},
		{"Files", testFiles},
		{"Accounts", testAccounts},
		{"Compat", testCompat},
		{"Watchlist", testWatchlist},
		{"WatchlistNotify", testWatchlistNotify},
		{"Search", testSearch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, MustMigrate(t, open(t)))
		})
	}
}

// MustMigrate applies the migrations of s and returns it.
func MustMigrate(tb testing.TB, s folio.Store) folio.Store {
	tb.Helper()
	if _, err := s.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate() error: %v", err)
	}
	return s
}

// anon and other actors used across the suite.
var (
	anon  = folio.Actor{Name: "192.0.2.1"}
	anon2 = folio.Actor{Name: "2001:db8::7"}
)

// MustSave saves e and fails the test on error.
func MustSave(tb testing.TB, s folio.Store, e *folio.Edit) *folio.EditResult {
	tb.Helper()
	res, err := s.SaveRevision(context.Background(), e)
	if err != nil {
		tb.Fatalf("SaveRevision(%d:%s, base %d) error: %v", e.Namespace, e.DBKey, e.BaseRevID, err)
	}
	return res
}

// MustCreate creates a page in ns with text as anon and returns the result.
func MustCreate(tb testing.TB, s folio.Store, ns int, dbkey, text string) *folio.EditResult {
	tb.Helper()
	return MustSave(tb, s, &folio.Edit{Namespace: ns, DBKey: dbkey, Text: text, Actor: anon,
		Comment: "create " + dbkey})
}

// MustEdit saves text on top of the page's latest revision.
func MustEdit(tb testing.TB, s folio.Store, p *folio.Page, text string, a folio.Actor) *folio.EditResult {
	tb.Helper()
	cur, err := s.FindPageByID(context.Background(), p.ID)
	if err != nil {
		tb.Fatalf("FindPageByID(%d) error: %v", p.ID, err)
	}
	return MustSave(tb, s, &folio.Edit{Namespace: cur.Namespace, DBKey: cur.DBKey, Text: text,
		Actor: a, BaseRevID: cur.Latest})
}

// MustCreateUser creates a user with groups and returns it.
func MustCreateUser(tb testing.TB, s folio.Store, name string, groups ...string) *folio.User {
	tb.Helper()
	u := &folio.User{Name: name, PasswordHash: "x", Groups: groups}
	if err := s.CreateUser(context.Background(), u); err != nil {
		tb.Fatalf("CreateUser(%q) error: %v", name, err)
	}
	return u
}

// wantCode fails unless err carries the folio error code want.
func wantCode(tb testing.TB, what string, err error, want string) {
	tb.Helper()
	if got := folio.ErrorCode(err); got != want {
		tb.Errorf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// ids returns the ID of each element, for messages and comparisons.
func ids[T any](xs []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func revIDs(rs []*folio.Revision) []int64 {
	return ids(rs, func(r *folio.Revision) int64 { return r.ID })
}

func pageIDs(ps []*folio.Page) []int64 {
	return ids(ps, func(p *folio.Page) int64 { return p.ID })
}

func titles(ps []*folio.Page) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d:%s", p.Namespace, p.DBKey))
	}
	return out
}

func testMigrate(t *testing.T, s folio.Store) {
	ctx := context.Background()
	if n, err := s.Migrate(ctx); err != nil || n != 0 {
		t.Errorf("second Migrate() = %d, %v; want 0, nil", n, err)
	}
	name, version, err := s.Backend(ctx)
	if err != nil || name == "" || version == "" {
		t.Errorf("Backend() = %q, %q, %v; want a name and a version", name, version, err)
	}
	t.Logf("backend %s %s", name, version)
}
