package api

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// categoryMemberFinder is the store method list=categorymembers needs.
type categoryMemberFinder interface {
	FindCategoryMembers(ctx context.Context, category string) ([]*folio.Page, error)
}

// listCategoryMembers is list=categorymembers: the pages in a category,
// sorted by title as MediaWiki's default sort keys sort them.
func (s *Server) listCategoryMembers(c *call, q *query) error {
	l := q.listFor("categorymembers", "cm")
	cat, err := s.categoryParam(c, l)
	if err != nil {
		return err
	}
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	nss, err := c.namespaces(l.p("namespace"))
	if err != nil {
		return err
	}
	types := c.set(l.p("type"), []string{"page", "subcat", "file"}, "page", "subcat", "file")
	props := c.set(l.p("prop"), []string{"ids", "title"}, "ids", "title", "sortkey", "sortkeyprefix", "type", "timestamp")
	for _, p := range []string{"sort", "dir", "start", "end", "starthexsortkey", "endhexsortkey", "startsortkeyprefix", "endsortkeyprefix"} {
		c.str(l.p(p))
	}
	finder, ok := s.Store.(categoryMemberFinder)
	if !ok {
		return usageError("unsupported", "This store cannot list category members.")
	}
	pages, err := finder.FindCategoryMembers(c.ctx, cat.DBKey)
	if err != nil {
		return err
	}
	pages = filterMembers(pages, nss, types)
	start := continueIndex(pages, c.str(l.p("continue")))
	for i := start; i < len(pages); i++ {
		if i-start == limit {
			c.moreResults(l, "page|"+strconv.FormatInt(pages[i].ID, 10))
			break
		}
		l.emit(s.memberObj(pages[i], props), s.Namespaces.MakeTitle(pages[i].Namespace, pages[i].DBKey))
	}
	if !l.generator {
		q.out.set("categorymembers", orEmpty(l.items))
	}
	return nil
}

// categoryParam reads cmtitle or cmpageid.
func (s *Server) categoryParam(c *call, l *listRun) (folio.Title, error) {
	if c.has(l.p("pageid")) {
		id, err := c.integer(l.p("pageid"), 0)
		if err != nil {
			return folio.Title{}, err
		}
		p, err := s.Store.FindPageByID(c.ctx, id)
		if err != nil {
			return folio.Title{}, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), nil
	}
	v, err := c.required(l.p("title"))
	if err != nil {
		return folio.Title{}, err
	}
	t, err := s.Namespaces.ParseTitle(v, folio.NSMain)
	if err != nil || t.Namespace != folio.NSCategory {
		return folio.Title{}, usageError("invalidcategory", fmt.Sprintf("%q is not a category title.", v))
	}
	return t, nil
}

// filterMembers keeps the wanted namespaces and types, sorted by title.
func filterMembers(pages []*folio.Page, nss []int, types map[string]bool) []*folio.Page {
	var out []*folio.Page
	for _, p := range pages {
		typ := "page"
		switch p.Namespace {
		case folio.NSCategory:
			typ = "subcat"
		case folio.NSFile:
			typ = "file"
		}
		if types[typ] && (len(nss) == 0 || containsInt(nss, p.Namespace)) {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.ToUpper(out[i].DBKey), strings.ToUpper(out[j].DBKey)
		if a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// continueIndex finds where a "page|id" continuation value resumes.
func continueIndex(pages []*folio.Page, cont string) int {
	_, id, ok := strings.Cut(cont, "|")
	if !ok {
		return 0
	}
	for i, p := range pages {
		if strconv.FormatInt(p.ID, 10) == id {
			return i
		}
	}
	return len(pages)
}

func (s *Server) memberObj(p *folio.Page, props map[string]bool) *obj {
	o := newObj()
	if props["ids"] {
		o.set("pageid", p.ID)
	}
	if props["title"] {
		o.set("ns", p.Namespace).set("title", s.Namespaces.MakeTitle(p.Namespace, p.DBKey).PrefixedText())
	}
	if props["type"] {
		typ := map[int]string{folio.NSCategory: "subcat", folio.NSFile: "file"}[p.Namespace]
		if typ == "" {
			typ = "page"
		}
		o.set("type", typ)
	}
	return o
}
