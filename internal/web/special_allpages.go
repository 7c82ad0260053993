package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// allPagesPage is what templates/special_allpages.html shows.
type allPagesPage struct {
	From, To        string
	HideRedirects   bool
	NamespaceSelect template.HTML
	FormTitle       string
	Pages           []allPagesItem
	Prev, Next      link // Href is empty on the first and last page
}

// allPagesItem is one title of the list.
type allPagesItem struct {
	Link     link
	Redirect bool
}

// handleAllPages serves Special:AllPages: the pages of one namespace in
// title order from "from" up to "to", paged by "Next page (X)" links.
func (s *Server) handleAllPages(w http.ResponseWriter, r *http.Request) {
	o := parseAllPagesOptions(r.URL.Query(), specialSubpage(r))
	ns := o.Namespace
	f := folio.PageFilter{Namespace: &ns, From: s.keyIn(ns, o.From), Limit: allPagesPerPage + 1}
	if o.HideRedirects {
		no := false
		f.IsRedirect = &no
	}
	pages, err := s.Store.FindPages(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if o.To != "" {
		pages = pagesUpTo(pages, s.keyIn(ns, o.To))
	}
	data := allPagesPage{From: o.From, To: o.To, HideRedirects: o.HideRedirects,
		NamespaceSelect: s.namespaceSelect("namespace", &ns, ""), FormTitle: "Special:AllPages"}
	if len(pages) > allPagesPerPage {
		next := s.Namespaces.MakeTitle(ns, pages[allPagesPerPage].DBKey)
		data.Next = link{Href: s.allPagesURL(o, next.DBKey), Text: "Next page (" + next.Text() + ")",
			Class: "mw-nextlink"}
		pages = pages[:allPagesPerPage]
	}
	if f.From != "" {
		first := ""
		if len(pages) > 0 {
			first = pages[0].DBKey
		}
		if prev, ok := s.allPagesPrev(r.Context(), f, first); ok {
			t := s.Namespaces.MakeTitle(ns, prev)
			data.Prev = link{Href: s.allPagesURL(o, prev), Text: "Previous page (" + t.Text() + ")", Class: "mw-prevlink"}
		}
	}
	data.Pages = s.prefixIndexItems(pages, "", false)
	v := s.specialView(r, "AllPages")
	v.Data = data
	s.render(w, r, http.StatusOK, "special_allpages", v)
}

// allPagesScan is how many titles allPagesPrev reads per query.
const allPagesScan = 1000

// allPagesPrev finds where the screen before the one starting at first
// begins. The store only lists titles upwards, so it reads f's titles
// from the start, in the store's own order, keeping the last screenful
// before first ("" reads to the end), for at most rcMaxBatches queries.
func (s *Server) allPagesPrev(ctx context.Context, f folio.PageFilter, first string) (string, bool) {
	f.From, f.Limit = "", allPagesScan
	var window []string
	repeated := "" // From is inclusive: each batch repeats the last key
	for range rcMaxBatches {
		pages, err := s.Store.FindPages(ctx, f)
		if err != nil {
			return "", false
		}
		for _, p := range pages {
			if p.DBKey == first {
				return firstOf(window)
			} else if p.DBKey != repeated {
				window = append(window, p.DBKey)
				window = window[max(0, len(window)-allPagesPerPage):]
			}
		}
		if len(pages) < f.Limit {
			return firstOf(window)
		}
		repeated = pages[len(pages)-1].DBKey
		f.From = repeated
	}
	return "", false
}

// firstOf returns the first key of window, if any.
func firstOf(window []string) (string, bool) {
	if len(window) == 0 {
		return "", false
	}
	return window[0], true
}

// keyIn normalises text as a DBKey of namespace ns, for from/to bounds.
func (s *Server) keyIn(ns int, text string) string {
	if text == "" {
		return ""
	}
	if t, err := s.Namespaces.ParseTitle(text, ns); err == nil && t.Namespace == ns && t.Interwiki == "" {
		return t.DBKey
	}
	return strings.ReplaceAll(cleanText(text), " ", "_")
}

// pagesUpTo keeps the pages whose DBKey is at most to; pages are sorted.
func pagesUpTo(pages []*folio.Page, to string) []*folio.Page {
	for i, p := range pages {
		if p.DBKey > to {
			return pages[:i]
		}
	}
	return pages
}

// allPagesURL links to Special:AllPages with o's options and a new from.
func (s *Server) allPagesURL(o allPagesOptions, from string) string {
	q := url.Values{"from": {from}}
	if o.To != "" {
		q.Set("to", o.To)
	}
	if o.Namespace != folio.NSMain {
		q.Set("namespace", strconv.Itoa(o.Namespace))
	}
	if o.HideRedirects {
		q.Set("hideredirects", "1")
	}
	return s.titleURL(s.specialTitle("AllPages"), q)
}
