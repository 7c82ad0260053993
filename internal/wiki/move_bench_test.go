package wiki_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/folio-wiki/folio/internal/wiki"
)

// BenchmarkMove moves one page back and forth on SQLite, leaving a
// redirect each time (so every other move replaces a redirect).
func BenchmarkMove(b *testing.B) {
	s := MustOpen(b)
	u := moveUser(b, s, "Mover", "sysop")
	mustEdit(b, s, u, "Bench A", "text [[Link]]", 0)
	titles := [2]string{"Bench A", "Bench B"}
	b.ResetTimer()
	for i := range b.N {
		from, to := titles[i%2], titles[(i+1)%2]
		if _, err := s.Move(context.Background(), wiki.MoveRequest{From: mustTitle(b, s, from), To: mustTitle(b, s, to), User: u}); err != nil {
			b.Fatal(fmt.Errorf("move %d: %w", i, err))
		}
	}
}
