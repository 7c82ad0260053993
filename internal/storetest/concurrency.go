package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

// Writers and SavesPerWriter size the concurrency tests.
const (
	Writers        = 16
	SavesPerWriter = 20
)

// writerActors returns one actor per writer: even writers are anonymous,
// odd ones registered users.
func writerActors(t *testing.T, s folio.Store) []folio.Actor {
	out := make([]folio.Actor, Writers)
	for w := range out {
		if w%2 == 0 {
			out[w] = folio.Actor{Name: fmt.Sprintf("10.0.0.%d", w)}
		} else {
			u := MustCreateUser(t, s, fmt.Sprintf("Writer_%d", w))
			out[w] = folio.Actor{UserID: u.ID, Name: u.Name}
		}
	}
	return out
}

// testConcurrentOnePage has every writer loop on one page: read the latest
// revision, save on top of it. Failures must all be edit conflicts, and the
// history must hold exactly the successful saves.
func testConcurrentOnePage(t *testing.T, s folio.Store) {
	ctx := context.Background()
	actors := writerActors(t, s)
	first := MustCreate(t, s, 0, "Contended", "start")
	var conflicts atomic.Int64
	var mu sync.Mutex
	saved := map[int64]string{first.Revision.ID: "start"} // rev id → text
	perWriter := make([]int, Writers)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range Writers {
		wg.Go(func() {
			for i := range SavesPerWriter {
				text := fmt.Sprintf("writer %d save %d", w, i)
				res, err := saveOnLatest(ctx, s, first.Page.ID, text, actors[w])
				switch folio.ErrorCode(err) {
				case "":
					mu.Lock()
					saved[res.Revision.ID] = text
					perWriter[w]++
					mu.Unlock()
				case folio.EEditConflict:
					conflicts.Add(1)
				default:
					t.Errorf("writer %d save %d: %v (want success or editconflict)", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("one page: %d writers × %d attempts: %d saves, %d conflicts, %v (%.0f saves/s), %s",
		Writers, SavesPerWriter, len(saved)-1, conflicts.Load(), elapsed.Round(time.Millisecond),
		float64(len(saved)-1)/elapsed.Seconds(), retries(s))
	if len(saved) < 2 {
		t.Errorf("no save succeeded")
	}
	checkHistory(t, s, first.Page.ID, saved)
	checkEditCounts(t, s, actors, perWriter)
	if st, err := s.Stats(ctx); err != nil || st.Edits != len(saved) {
		t.Errorf("Stats() = %+v, %v; want %d edits", st, err, len(saved))
	}
}

// saveOnLatest reads the page's latest revision and saves text on top of it.
func saveOnLatest(ctx context.Context, s folio.Store, pageID int64, text string, a folio.Actor) (*folio.EditResult, error) {
	p, err := s.FindPageByID(ctx, pageID)
	if err != nil {
		return nil, err
	}
	return s.SaveRevision(ctx, &folio.Edit{Namespace: p.Namespace, DBKey: p.DBKey, Text: text,
		Actor: a, BaseRevID: p.Latest, Comment: "concurrent"})
}

// checkHistory checks that a page's history is exactly the saved revisions,
// each the child of the one before, with matching texts and recent changes.
func checkHistory(t *testing.T, s folio.Store, pageID int64, saved map[int64]string) {
	t.Helper()
	ctx := context.Background()
	revs, err := s.FindRevisions(ctx, folio.RevisionFilter{PageID: &pageID, Reverse: true, Limit: 5000})
	if err != nil {
		t.Fatalf("FindRevisions() error: %v", err)
	}
	if len(revs) != len(saved) {
		t.Errorf("history has %d revisions, want %d (one per successful save)", len(revs), len(saved))
	}
	parent := map[int64]int64{}
	for i, r := range revs {
		parent[r.ID] = r.ParentID
		want := int64(0)
		if i > 0 {
			want = revs[i-1].ID
		}
		if r.ParentID != want {
			t.Errorf("revision %d has parent %d, want %d", r.ID, r.ParentID, want)
		}
		if text, ok := saved[r.ID]; !ok || r.Len != len(text) || r.SHA1 != folio.SHA1Base36(text) {
			t.Errorf("revision %d (len %d) is not a saved revision", r.ID, r.Len)
		}
	}
	p, err := s.FindPageByID(ctx, pageID)
	if err != nil || len(revs) == 0 || p.Latest != revs[len(revs)-1].ID {
		t.Errorf("page latest = %v, %v; want the last revision", p, err)
	}
	checkRecentChanges(t, s, pageID, parent)
}

// checkRecentChanges checks one recent change per revision of the page, each
// naming the revision and its parent.
func checkRecentChanges(t *testing.T, s folio.Store, pageID int64, parent map[int64]int64) {
	t.Helper()
	rcs, err := s.FindRecentChanges(context.Background(), folio.RecentChangeFilter{HideLogs: true, Limit: 5000})
	if err != nil {
		t.Fatalf("FindRecentChanges() error: %v", err)
	}
	seen := map[int64]bool{}
	for _, rc := range rcs {
		if rc.PageID != pageID {
			continue
		}
		p, ok := parent[rc.ThisOldID]
		if !ok || seen[rc.ThisOldID] || rc.LastOldID != p {
			t.Errorf("recent change %d (rev %d, last %d) does not match the history", rc.ID, rc.ThisOldID, rc.LastOldID)
		}
		seen[rc.ThisOldID] = true
	}
	if len(seen) != len(parent) {
		t.Errorf("%d recent changes for %d revisions", len(seen), len(parent))
	}
}

// checkEditCounts checks the edit count of each registered writer.
func checkEditCounts(t *testing.T, s folio.Store, actors []folio.Actor, perWriter []int) {
	t.Helper()
	for w, a := range actors {
		if a.UserID == 0 {
			continue
		}
		u, err := s.FindUserByID(context.Background(), a.UserID)
		if err != nil || u.EditCount != perWriter[w] {
			t.Errorf("edit count of %s = %v, %v; want %d", a.Name, u, err, perWriter[w])
		}
	}
}

// testConcurrentDistinctPages has every writer create and edit its own
// page; nothing may fail.
func testConcurrentDistinctPages(t *testing.T, s folio.Store) {
	ctx := context.Background()
	actors := writerActors(t, s)
	var failures atomic.Int64
	pages := make([]int64, Writers)
	saved := make([]map[int64]string, Writers)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range Writers {
		wg.Go(func() {
			saved[w] = map[int64]string{}
			base := int64(0)
			for i := range SavesPerWriter {
				text := fmt.Sprintf("page %d save %d", w, i)
				res, err := s.SaveRevision(ctx, &folio.Edit{DBKey: fmt.Sprintf("Distinct_%d", w),
					Text: text, Actor: actors[w], BaseRevID: base})
				if err != nil {
					failures.Add(1)
					t.Errorf("writer %d save %d: %v (want success)", w, i, err)
					return
				}
				base, pages[w] = res.Revision.ID, res.Page.ID
				saved[w][base] = text
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	total := Writers * SavesPerWriter
	t.Logf("distinct pages: %d writers × %d saves: %d saves, %d failures, %v (%.0f saves/s), %s",
		Writers, SavesPerWriter, total, failures.Load(), elapsed.Round(time.Millisecond),
		float64(total)/elapsed.Seconds(), retries(s))
	if t.Failed() {
		return
	}
	for w := range Writers {
		checkHistory(t, s, pages[w], saved[w])
	}
	counts := make([]int, Writers)
	for w := range counts {
		counts[w] = SavesPerWriter
	}
	checkEditCounts(t, s, actors, counts)
	if st, err := s.Stats(ctx); err != nil || st.Edits != total || st.Pages != Writers {
		t.Errorf("Stats() = %+v, %v; want %d edits on %d pages", st, err, total, Writers)
	}
}

// retries reports the store's retried transactions when it counts them.
func retries(s folio.Store) string {
	if r, ok := s.(interface{ Retries() int64 }); ok {
		return fmt.Sprintf("%d retried transactions", r.Retries())
	}
	return "retries not counted"
}

// testConcurrentCreate has every writer create the same page at once: one
// wins, the others get EArticleExists (or EEditConflict), never an internal
// error.
func testConcurrentCreate(t *testing.T, s folio.Store) {
	ctx := context.Background()
	const rounds = 5
	var wins, exists atomic.Int64
	for round := range rounds {
		title := fmt.Sprintf("Raced_%d", round)
		startLine := make(chan struct{})
		var wg sync.WaitGroup
		for w := range Writers {
			wg.Go(func() {
				<-startLine
				_, err := s.SaveRevision(ctx, &folio.Edit{DBKey: title, Text: fmt.Sprintf("writer %d", w),
					Actor: folio.Actor{Name: fmt.Sprintf("10.1.0.%d", w)}})
				switch folio.ErrorCode(err) {
				case "":
					wins.Add(1)
				case folio.EArticleExists, folio.EEditConflict:
					exists.Add(1)
				default:
					t.Errorf("create %s by writer %d: %v (want success or articleexists)", title, w, err)
				}
			})
		}
		close(startLine)
		wg.Wait()
		p, err := s.FindPageByTitle(ctx, 0, title)
		if err != nil {
			t.Fatalf("FindPageByTitle(%s) error: %v", title, err)
		}
		revs, err := s.FindRevisions(ctx, folio.RevisionFilter{PageID: &p.ID})
		if err != nil || len(revs) != 1 {
			t.Errorf("%s has %d revisions, %v; want 1", title, len(revs), err)
		}
	}
	t.Logf("same-title creation: %d rounds × %d writers: %d created, %d refused, %s",
		rounds, Writers, wins.Load(), exists.Load(), retries(s))
	if wins.Load() != rounds {
		t.Errorf("%d creations succeeded, want %d (one per title)", wins.Load(), rounds)
	}
	if st, err := s.Stats(ctx); err != nil || st.Pages != rounds || st.Edits != rounds {
		t.Errorf("Stats() = %+v, %v; want %d pages and edits", st, err, rounds)
	}
}
