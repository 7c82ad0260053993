package wiki_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/render"
)

// recorder is an Invalidator that remembers what it was told.
type recorder struct {
	mu      sync.Mutex
	changes []string
}

func (r *recorder) PageChanged(_ context.Context, t folio.Title, c pagecache.Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.changes = append(r.changes, t.PrefixedText())
	return nil
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.changes
	r.changes = nil
	slices.Sort(out)
	return out
}

// TestCategoryPagesPurged checks that the category pages a page joins or
// leaves are purged, since they list it; categories it stays in are not.
func TestCategoryPagesPurged(t *testing.T) {
	s := MustOpen(t)
	r := &render.Renderer{Store: s.Store.(render.Store), Namespaces: s.Namespaces, SiteName: "Testwiki"}
	s.Linker = r
	rec := &recorder{}
	s.Invalidator = rec
	base := mustEdit(t, s, nil, "Fruit", "An apple. [[Category:Food]] [[Category:Red]]", 0)
	if got, want := rec.take(), []string{"Category:Food", "Category:Red", "Fruit"}; !slices.Equal(got, want) {
		t.Errorf("creation purged %v, want %v", got, want)
	}
	mustEdit(t, s, nil, "Fruit", "A pear. [[Category:Food]] [[Category:Green]]", base)
	if got, want := rec.take(), []string{"Category:Green", "Category:Red", "Fruit"}; !slices.Equal(got, want) {
		t.Errorf("recategorising purged %v, want %v", got, want)
	}
	p, err := s.Store.FindPageByTitle(context.Background(), folio.NSMain, "Fruit")
	if err != nil {
		t.Fatal(err)
	}
	admin := mustUser(t, s, "Admin")
	admin.Groups = append(admin.Groups, "sysop")
	if _, err := s.Delete(context.Background(), admin, "192.0.2.1", p, "test"); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.take(), []string{"Category:Food", "Category:Green", "Fruit"}; !slices.Equal(got, want) {
		t.Errorf("deletion purged %v, want %v", got, want)
	}
}
