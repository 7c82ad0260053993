package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// searchDefaultLimit is how many results Special:Search shows per screen,
// as MediaWiki's default.
const searchDefaultLimit = 20

// searchPage is what templates/special_search.html shows.
type searchPage struct {
	Query      string
	Namespaces []searchNamespace
	Limit      int
	Searched   bool
	Total      int
	From, To   int // 1-based positions of the first and last result shown
	Results    []searchResult
	Exists     link // the page whose title is the query, when it exists
	Create     link // a red link to create that page, when it may be
	Prev, Next link
	Limits     []link // the same search with other screen sizes
}

// searchNamespace is one namespace checkbox of the form.
type searchNamespace struct {
	ID      int
	Label   string
	Checked bool
}

// searchResult is one page found.
type searchResult struct {
	Link      link
	Snippet   template.HTML
	Size      string
	Timestamp string
}

// handleSearch serves Special:Search (also Special:Search/words): with
// fulltext unset, a query that is the title of an existing page goes
// straight to it, as MediaWiki's "Go"; otherwise the pages holding every
// word of the query are listed, with the words highlighted.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := strings.TrimSpace(cleanText(q.Get("search")))
	if text == "" {
		text = strings.TrimSpace(cleanText(specialSubpage(r)))
	}
	nss := searchNamespaces(q)
	data := searchPage{Query: text, Limit: queryLimit(q, "limit", searchDefaultLimit, maxListLimit),
		Namespaces: s.searchNamespaceBoxes(nss), Searched: text != ""}
	v := s.specialView(r, "Search")
	if !data.Searched {
		v.Data = data
		s.render(w, r, http.StatusOK, "special_search", v)
		return
	}
	exact, exists := s.searchExactTitle(r, text)
	if exists && !queryBool(q, "fulltext", false) {
		http.Redirect(w, r, titlePath(exact), http.StatusFound)
		return
	}
	store, ok := s.Store.(folio.SearchStore)
	if !ok {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "Full-text search is not available on this wiki's storage."))
		return
	}
	offset := max(0, int(queryID(q, "offset")))
	hits, total, err := store.SearchPages(r.Context(), folio.SearchQuery{Text: text, Namespaces: nss, Limit: data.Limit, Offset: offset})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data.Total = total
	data.Results = s.searchResults(r, hits, folio.SearchTerms(text))
	if len(hits) > 0 {
		data.From, data.To = offset+1, offset+len(hits)
	}
	s.searchTitleLinks(r, &data, exact, exists)
	s.searchPaging(&data, offset)
	v.Heading = "Search results"
	v.Data = data
	s.render(w, r, http.StatusOK, "special_search", v)
}

// searchExactTitle parses the query as a title and reports whether that
// page (or special page) exists.
func (s *Server) searchExactTitle(r *http.Request, text string) (folio.Title, bool) {
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil || t.Interwiki != "" || t.DBKey == "" {
		return folio.Title{}, false
	}
	t.Fragment = ""
	if t.Namespace == folio.NSSpecial {
		name, _, _ := strings.Cut(t.DBKey, "/")
		_, _, ok := s.specials.lookup(name)
		return t, ok
	}
	if t.Namespace < 0 {
		return t, false
	}
	_, err = s.Store.FindPageByTitle(r.Context(), t.Namespace, t.DBKey)
	return t, err == nil
}

// searchTitleLinks adds the link to the page named by the query, or the
// red link to create it when the visitor may.
func (s *Server) searchTitleLinks(r *http.Request, d *searchPage, t folio.Title, exists bool) {
	switch {
	case t.DBKey == "" || t.Namespace < 0:
	case exists:
		d.Exists = link{Href: titlePath(t), Text: t.PrefixedText(), Title: t.PrefixedText()}
	case s.Wiki.CheckPermission(r.Context(), s.currentUser(r), "edit", t, nil) == nil:
		d.Create = link{Href: s.actionURL(t, "edit", "redlink", "1"), Text: t.PrefixedText(),
			Title: t.PrefixedText() + " (page does not exist)", Class: "new"}
	}
}

// searchResults turns hits into result rows, leaving out pages the
// visitor may not read.
func (s *Server) searchResults(r *http.Request, hits []*folio.SearchHit, terms []string) []searchResult {
	u := s.currentUser(r)
	out := make([]searchResult, 0, len(hits))
	for _, h := range hits {
		t := s.Namespaces.MakeTitle(h.Namespace, h.DBKey)
		if s.Wiki.CheckPermission(r.Context(), u, "read", t, nil) != nil {
			continue
		}
		out = append(out, searchResult{
			Link:      link{Href: titlePath(t), Text: t.PrefixedText(), Title: t.PrefixedText()},
			Snippet:   template.HTML(folio.SearchMatchHTML(h.Snippet, terms)),
			Size:      searchSize(h.Size, h.Words),
			Timestamp: formatDate(h.Timestamp),
		})
	}
	return out
}

// searchNamespaceParam is MediaWiki's namespace checkbox name: ns0, ns12…
var searchNamespaceParam = regexp.MustCompile(`^ns(-?[0-9]+)$`)

// searchNamespaces reads the checked namespaces (ns0=1, ns12=1…); none
// means the main namespace, the content namespace of a default wiki.
func searchNamespaces(q url.Values) []int {
	var out []int
	for k := range q {
		m := searchNamespaceParam.FindStringSubmatch(k)
		if m == nil || !queryBool(q, k, false) {
			continue
		}
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 0 && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return []int{folio.NSMain}
	}
	slices.Sort(out)
	return out
}

// searchNamespaceBoxes lists the namespaces a search may cover, checked
// when in nss.
func (s *Server) searchNamespaceBoxes(nss []int) []searchNamespace {
	var out []searchNamespace
	for _, ns := range s.Namespaces.All() {
		if ns.ID < 0 {
			continue
		}
		label := ns.Name
		if ns.ID == folio.NSMain {
			label = "(Main)"
		}
		out = append(out, searchNamespace{ID: ns.ID, Label: label, Checked: slices.Contains(nss, ns.ID)})
	}
	return out
}

// searchSize describes a page's size and length: "2 KB (345 words)".
func searchSize(size, words int) string {
	var sz string
	switch {
	case size < 1024:
		sz = formatBytes(size)
	case size < 1024*1024:
		sz = formatNumber((size+512)/1024) + " KB"
	default:
		sz = fmt.Sprintf("%.1f MB", float64(size)/(1024*1024))
	}
	w := formatNumber(words) + " words"
	if words == 1 {
		w = "1 word"
	}
	return sz + " (" + w + ")"
}

// searchPaging sets the links to the previous and next screens of results.
func (s *Server) searchPaging(d *searchPage, offset int) {
	at := func(off, limit int) string {
		q2 := url.Values{"search": {d.Query}, "fulltext": {"1"}, "limit": {strconv.Itoa(limit)}, "offset": {strconv.Itoa(off)}}
		for _, ns := range d.Namespaces {
			if ns.Checked {
				q2.Set("ns"+strconv.Itoa(ns.ID), "1")
			}
		}
		return s.titleURL(s.specialTitle("Search"), q2)
	}
	n := strconv.Itoa(d.Limit)
	for _, l := range []int{20, 50, 100, 250, 500} {
		d.Limits = append(d.Limits, link{Href: at(offset, l), Text: strconv.Itoa(l), Title: "Show " + strconv.Itoa(l) + " results per page"})
	}
	if offset > 0 {
		d.Prev = link{Href: at(max(0, offset-d.Limit), d.Limit), Text: "previous " + n, Class: "mw-prevlink"}
	}
	if offset+d.Limit < d.Total {
		d.Next = link{Href: at(offset+d.Limit, d.Limit), Text: "next " + n, Class: "mw-nextlink"}
	}
}
