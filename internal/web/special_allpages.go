package web

import (
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
	Next            link // Href is empty on the last page
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
	for _, p := range pages {
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		l := link{Href: titlePath(t), Text: t.Text(), Title: t.PrefixedText()}
		if p.IsRedirect {
			l.Class = "mw-redirect"
		}
		data.Pages = append(data.Pages, allPagesItem{Link: l, Redirect: p.IsRedirect})
	}
	v := s.specialView(r, "AllPages")
	v.Data = data
	s.render(w, r, http.StatusOK, "special_allpages", v)
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
