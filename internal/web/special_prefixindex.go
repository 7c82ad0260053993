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

// prefixIndexPage is what templates/special_prefixindex.html shows.
type prefixIndexPage struct {
	Prefix          string
	StripPrefix     bool
	HideRedirects   bool
	NamespaceSelect template.HTML
	FormTitle       string
	Searched        bool
	Pages           []allPagesItem
	Prev, Next      link
}

// handlePrefixIndex serves Special:PrefixIndex: the pages whose titles
// start with a prefix, in one namespace, with stripprefix, hideredirects
// and "Next page (X)" paging through from.
func (s *Server) handlePrefixIndex(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	prefixText, ns := s.prefixIndexTarget(q, specialSubpage(r))
	data := prefixIndexPage{Prefix: prefixText, StripPrefix: queryBool(q, "stripprefix", false),
		HideRedirects: queryBool(q, "hideredirects", false), FormTitle: "Special:PrefixIndex",
		NamespaceSelect: s.namespaceSelect("namespace", &ns, ""),
		Searched:        prefixText != "" || q.Has("namespace")}
	v := s.specialView(r, "PrefixIndex")
	if !data.Searched {
		v.Data = data
		s.render(w, r, http.StatusOK, "special_prefixindex", v)
		return
	}
	prefix := s.keyIn(ns, prefixText)
	f := folio.PageFilter{Namespace: &ns, Prefix: prefix, From: s.keyIn(ns, q.Get("from")), Limit: allPagesPerPage + 1}
	if data.HideRedirects {
		no := false
		f.IsRedirect = &no
	}
	pages, err := s.Store.FindPages(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(pages) > allPagesPerPage {
		next := s.Namespaces.MakeTitle(ns, pages[allPagesPerPage].DBKey)
		data.Next = link{Href: s.prefixIndexURL(data, ns, next.DBKey), Text: "Next page (" + next.Text() + ")",
			Class: "mw-nextlink"}
		pages = pages[:allPagesPerPage]
	}
	data.Prev = s.prefixIndexPrev(r.Context(), f, pages, data, ns)
	data.Pages = s.prefixIndexItems(pages, prefix, data.StripPrefix)
	v.Data = data
	s.render(w, r, http.StatusOK, "special_prefixindex", v)
}

// prefixIndexPrev returns the "Previous page (X)" link when the listing
// does not start at the first title with the prefix.
func (s *Server) prefixIndexPrev(ctx context.Context, f folio.PageFilter, pages []*folio.Page, d prefixIndexPage, ns int) link {
	if f.From == "" {
		return link{}
	}
	first := ""
	if len(pages) > 0 {
		first = pages[0].DBKey
	}
	prev, ok := s.allPagesPrev(ctx, f, first)
	if !ok {
		return link{}
	}
	t := s.Namespaces.MakeTitle(ns, prev)
	return link{Href: s.prefixIndexURL(d, ns, prev), Text: "Previous page (" + t.Text() + ")", Class: "mw-prevlink"}
}

// prefixIndexTarget reads the prefix and namespace: the subpage, which may
// carry a namespace prefix (Special:PrefixIndex/Template:Cite), wins over
// prefix=; the namespace defaults to the main one.
func (s *Server) prefixIndexTarget(q url.Values, sub string) (string, int) {
	ns := folio.NSMain
	if n := queryNamespace(q, "namespace"); n != nil && *n >= 0 {
		ns = *n
	}
	text := q.Get("prefix")
	if sub != "" {
		text = sub
		if t, err := s.Namespaces.ParseTitle(sub, ns); err == nil && t.Namespace >= 0 && t.Interwiki == "" {
			ns, text = t.Namespace, t.Text()
		}
	}
	return strings.TrimLeft(text, " "), ns
}

// prefixIndexItems links the pages, without the prefix when strip is set.
func (s *Server) prefixIndexItems(pages []*folio.Page, prefix string, strip bool) []allPagesItem {
	out := make([]allPagesItem, 0, len(pages))
	for _, p := range pages {
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		text := t.Text()
		if strip {
			if rest := strings.TrimPrefix(p.DBKey, prefix); rest != "" {
				text = strings.ReplaceAll(rest, "_", " ")
			}
		}
		l := link{Href: titlePath(t), Text: text, Title: t.PrefixedText()}
		if p.IsRedirect {
			l.Class = "mw-redirect"
		}
		out = append(out, allPagesItem{Link: l, Redirect: p.IsRedirect})
	}
	return out
}

// prefixIndexURL links to the next screen of the listing.
func (s *Server) prefixIndexURL(d prefixIndexPage, ns int, from string) string {
	q := url.Values{"prefix": {d.Prefix}, "from": {from}, "namespace": {strconv.Itoa(ns)}}
	setBool(q, "stripprefix", d.StripPrefix, false)
	setBool(q, "hideredirects", d.HideRedirects, false)
	return s.titleURL(s.specialTitle("PrefixIndex"), q)
}
