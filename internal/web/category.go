package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
)

// categoryPageSize is how many members of each type a category page lists
// at once, as MediaWiki's $wgCategoryPagingLimit.
const categoryPageSize = 200

// categoryData is the member listing of a category page.
type categoryData struct {
	Name     string // the category's title text
	Subcats  *categorySection
	Pages    *categorySection
	Files    *categorySection
	HasItems bool
}

// categorySection is one type of member: subcategories, pages or files.
type categorySection struct {
	ID, Heading string
	Count       string // the count line
	Groups      []categoryGroup
	Columns     bool   // many members are set in columns
	PrevURL     string // paging; empty when there is no such page
	NextURL     string
}

// categoryGroup is the members whose sort key starts with one letter.
type categoryGroup struct {
	Letter string
	Links  []link
}

// categoryListing reads the members of category t for the paging
// parameters in r. It returns nil when the store keeps no category links.
func (s *Server) categoryListing(r *http.Request, t folio.Title) (*categoryData, error) {
	cs, ok := s.Store.(folio.CategoryStore)
	if !ok || t.Namespace != folio.NSCategory {
		return nil, nil
	}
	counts, err := cs.CountCategoryMembers(r.Context(), t.DBKey)
	if err != nil {
		return nil, err
	}
	d := &categoryData{Name: t.Text()}
	for _, sec := range []struct {
		typ, param, id, noun, heading string
		total                         int
		dst                           **categorySection
	}{
		{folio.CategoryTypeSubcat, "subcat", "mw-subcategories", "subcategor", "Subcategories", counts.Subcats, &d.Subcats},
		{folio.CategoryTypePage, "page", "mw-pages", "page", `Pages in category "` + d.Name + `"`, counts.Pages, &d.Pages},
		{folio.CategoryTypeFile, "file", "mw-category-media", "file", `Media in category "` + d.Name + `"`, counts.Files, &d.Files},
	} {
		if sec.total == 0 {
			continue
		}
		cs, err := s.categorySection(r, cs, t, sec.typ, sec.param)
		if err != nil {
			return nil, err
		}
		cs.ID, cs.Heading = sec.id, sec.heading
		cs.Count = categoryCountLine(sec.noun, sec.total, cs.shown())
		*sec.dst, d.HasItems = cs, true
	}
	return d, nil
}

// categorySection lists one page of members of type typ; param is the
// prefix of its paging parameters (pagefrom, pageuntil).
func (s *Server) categorySection(r *http.Request, cs folio.CategoryStore, t folio.Title, typ, param string) (*categorySection, error) {
	q := r.URL.Query()
	from, until := q.Get(param+"from"), q.Get(param+"until")
	if until != "" {
		from = ""
	}
	ms, err := cs.FindCategoryListing(r.Context(), folio.CategoryMemberFilter{
		Category: t.DBKey, Type: typ, From: from, Until: until, Limit: categoryPageSize + 1})
	if err != nil {
		return nil, err
	}
	sec := &categorySection{}
	more := len(ms) > categoryPageSize
	switch {
	case until != "":
		if more {
			ms = ms[1:]
			sec.PrevURL = s.actionURL(t, "", param+"until", ms[0].SortKey)
		}
		sec.NextURL = s.actionURL(t, "", param+"from", until)
	default:
		if more {
			sec.NextURL = s.actionURL(t, "", param+"from", ms[categoryPageSize].SortKey)
			ms = ms[:categoryPageSize]
		}
		if from != "" {
			sec.PrevURL = s.actionURL(t, "", param+"until", from)
		}
	}
	sec.Groups = s.categoryGroups(ms)
	sec.Columns = len(ms) > 6
	return sec, nil
}

// categoryGroups groups members by the first letter of their sort key.
func (s *Server) categoryGroups(ms []*folio.CategoryMember) []categoryGroup {
	var out []categoryGroup
	for _, m := range ms {
		letter := firstLetter(m.SortKey)
		if len(out) == 0 || out[len(out)-1].Letter != letter {
			out = append(out, categoryGroup{Letter: letter})
		}
		t := s.Namespaces.MakeTitle(m.Namespace, m.DBKey)
		text := t.PrefixedText()
		if m.Type == folio.CategoryTypeSubcat || m.Type == folio.CategoryTypeFile {
			text = t.Text()
		}
		g := &out[len(out)-1]
		g.Links = append(g.Links, s.linkTo(t, text, true))
	}
	return out
}

// firstLetter is the heading a sort key is listed under: its first
// character in upper case.
func firstLetter(key string) string {
	r, _ := utf8.DecodeRuneInString(key)
	if r == utf8.RuneError {
		return ""
	}
	return strings.ToUpper(string(r))
}

// shown counts the members listed in a section.
func (sec *categorySection) shown() int {
	n := 0
	for _, g := range sec.Groups {
		n += len(g.Links)
	}
	return n
}

// categoryCountLine tells how many members of one kind a category has and
// how many of them are listed.
func categoryCountLine(noun string, total, shown int) string {
	plural := func(n int) string {
		switch {
		case noun == "subcategor" && n == 1:
			return "subcategory"
		case noun == "subcategor":
			return "subcategories"
		case n == 1:
			return noun
		}
		return noun + "s"
	}
	if total == shown {
		if total == 1 {
			return "This category holds one " + plural(1) + ", listed below."
		}
		return fmt.Sprintf("This category holds %s %s, all listed below.", formatNumber(total), plural(total))
	}
	return fmt.Sprintf("Listing %s of the %s %s in this category.", formatNumber(shown), formatNumber(total), plural(total))
}

// Sections returns the non-empty sections in MediaWiki's order:
// subcategories, pages, files.
func (d *categoryData) Sections() []*categorySection {
	var out []*categorySection
	for _, sec := range []*categorySection{d.Subcats, d.Pages, d.Files} {
		if sec != nil {
			out = append(out, sec)
		}
	}
	return out
}
