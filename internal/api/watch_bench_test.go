package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// BenchmarkListWatchlist measures list=watchlist (50 changes) for a user
// who watches 500 of 2,000 pages, each edited three times, on SQLite.
func BenchmarkListWatchlist(b *testing.B) {
	env := MustStart(b, MustOpenSQLite(b))
	u := env.MustCreateUser("Watcher")
	var watched []folio.Title
	for i := range 2000 {
		title := fmt.Sprintf("Bench page %04d", i)
		for j := range 3 {
			env.MustEdit(title, strings.Repeat("x", j+1), nil)
		}
		if i%4 == 0 {
			watched = append(watched, env.Server.Namespaces.MakeTitle(folio.NSMain, strings.ReplaceAll(title, " ", "_")))
		}
	}
	if err := env.Wiki.WatchTitles(context.Background(), u, watched, time.Time{}); err != nil {
		b.Fatal(err)
	}
	c := env.NewClient()
	c.MustLogin("Watcher")
	params := P("action", "query", "list", "watchlist", "wllimit", "50", "wlprop", "ids|title|flags|user|comment|timestamp|sizes",
		"format", "json", "formatversion", "2")
	b.ResetTimer()
	for b.Loop() {
		r := c.Get(params)
		if items, _ := Path(r.JSON, "query", "watchlist").([]any); len(items) != 50 {
			b.Fatalf("got %d items: %s", len(items), r.Body)
		}
	}
}
