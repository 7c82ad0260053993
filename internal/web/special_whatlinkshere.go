package web

import (
	"cmp"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/folio-wiki/folio"
)

// wlhPage is what templates/special_whatlinkshere.html shows.
type wlhPage struct {
	Target          string
	TargetLink      link
	FormTitle       string
	NamespaceSelect template.HTML
	Toggles         []link
	Items           []wlhItem
	Prev, Next      link // Href empty on the first and last page
	Searched        bool // a valid target was given
}

// wlhItem is a page that links to, redirects to or transcludes the target;
// a redirect lists the pages that reach the target through it.
type wlhItem struct {
	Link     link
	Redirect bool
	Trans    bool
	Tools    template.HTML
	Nested   []wlhItem
}

// wlhKinds maps backlink kinds to the options that hide them.
var wlhKinds = []struct {
	kind string
	hide func(wlhOptions) bool
}{
	{"link", func(o wlhOptions) bool { return o.HideLinks }},
	{"redirect", func(o wlhOptions) bool { return o.HideRedirs }},
	{"template", func(o wlhOptions) bool { return o.HideTrans }},
}

// handleWhatLinksHere serves Special:WhatLinksHere/Title and ?target=: the
// pages linking to, redirecting to or transcluding a page, with redirects'
// own backlinks nested under them.
func (s *Server) handleWhatLinksHere(w http.ResponseWriter, r *http.Request) {
	o := parseWLHOptions(r.URL.Query(), specialSubpage(r))
	v := s.specialView(r, "WhatLinksHere")
	data := wlhPage{Target: o.Target, FormTitle: "Special:WhatLinksHere",
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all")}
	if o.Target == "" {
		v.Data = data
		s.render(w, r, http.StatusOK, "special_whatlinkshere", v)
		return
	}
	t, err := s.Namespaces.ParseTitle(o.Target, folio.NSMain)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	items, next, err := s.backlinkItems(r.Context(), t, o, o.From, 2)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data.Target, data.Searched, data.Items = t.PrefixedText(), true, items
	data.TargetLink = s.titleLink(r.Context(), t, "")
	data.Toggles = s.wlhToggles(t, o)
	data.Prev, data.Next = s.wlhNav(t, o, next)
	v.Heading = `Pages linking to "` + t.PrefixedText() + `"`
	v.Data = data
	s.render(w, r, http.StatusOK, "special_whatlinkshere", v)
}

// backlinkItems lists up to o.Limit pages pointing at t from page id from
// on, merged over the kinds not hidden and ordered by page id. It returns
// the id the next page starts at, or 0. Redirects get their own backlinks
// nested while depth allows.
func (s *Server) backlinkItems(ctx context.Context, t folio.Title, o wlhOptions, from int64, depth int) ([]wlhItem, int64, error) {
	byID := map[int64]*wlhItem{}
	var pages []*folio.Page
	for _, k := range wlhKinds {
		if k.hide(o) {
			continue
		}
		f := folio.BacklinkFilter{Target: folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey},
			Kind: k.kind, Namespace: o.Namespace, FromPageID: max(from-1, 0), Limit: o.Limit + 1}
		found, err := s.Store.FindBacklinks(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		for _, p := range found {
			if o.HideRedirs && p.IsRedirect {
				continue // a redirect's link to its target is the redirect itself
			}
			it, ok := byID[p.ID]
			if !ok {
				it = &wlhItem{}
				byID[p.ID] = it
				pages = append(pages, p)
			}
			it.Redirect = it.Redirect || k.kind == "redirect"
			it.Trans = it.Trans || k.kind == "template"
		}
	}
	slices.SortFunc(pages, func(a, b *folio.Page) int { return cmp.Compare(a.ID, b.ID) })
	var next int64
	if len(pages) > o.Limit {
		next, pages = pages[o.Limit].ID, pages[:o.Limit]
	}
	items, err := s.wlhItems(ctx, pages, byID, o, depth)
	return items, next, err
}

// wlhItems fills links, tools and nested backlinks of redirects.
func (s *Server) wlhItems(ctx context.Context, pages []*folio.Page, byID map[int64]*wlhItem, o wlhOptions, depth int) ([]wlhItem, error) {
	out := make([]wlhItem, 0, len(pages))
	for _, p := range pages {
		it := *byID[p.ID]
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		it.Link = link{Href: titlePath(t), Text: t.PrefixedText(), Title: t.PrefixedText()}
		if p.IsRedirect {
			it.Link.Class = "mw-redirect"
		}
		it.Tools = template.HTML(`<span class="mw-whatlinkshere-tools">(` +
			link{Href: titlePath(s.specialTitle("WhatLinksHere/" + t.PrefixedText())), Text: "← links"}.String() +
			" | " + link{Href: s.actionURL(t, "edit"), Text: "edit"}.String() + ")</span>")
		if it.Redirect && depth > 1 {
			nested, _, err := s.backlinkItems(ctx, t, o, 0, depth-1)
			if err != nil {
				return nil, err
			}
			it.Nested = nested
		}
		out = append(out, it)
	}
	return out, nil
}

// wlhNav returns the "previous" and "next" links. As in MediaWiki, the
// next link carries back= (where this screen started), which is all the
// previous link can go back to; next is 0 on the last screen.
func (s *Server) wlhNav(t folio.Title, o wlhOptions, next int64) (link, link) {
	count := strconv.Itoa(o.Limit)
	prev := link{Text: "previous " + count, Class: "mw-prevlink"}
	if o.From > 0 {
		prev.Href = s.wlhURL(t, o, func(q url.Values) {
			if o.Back > 0 {
				q.Set("from", strconv.FormatInt(o.Back, 10))
			}
		})
	}
	nextLink := link{Text: "next " + count, Class: "mw-nextlink"}
	if next > 0 {
		nextLink.Href = s.wlhURL(t, o, func(q url.Values) {
			q.Set("from", strconv.FormatInt(next, 10))
			q.Set("back", strconv.FormatInt(max(o.From, 0), 10))
		})
	}
	return prev, nextLink
}

// wlhToggles are the show/hide links of the three backlink kinds.
func (s *Server) wlhToggles(t folio.Title, o wlhOptions) []link {
	kinds := []struct {
		param, what string
		on          bool
	}{
		{"hidelinks", "links", o.HideLinks},
		{"hideredirs", "redirects", o.HideRedirs},
		{"hidetrans", "transclusions", o.HideTrans},
	}
	out := make([]link, len(kinds))
	for i, k := range kinds {
		href := s.wlhURL(t, o, func(q url.Values) {
			if k.on {
				q.Del(k.param)
			} else {
				q.Set(k.param, "1")
			}
		})
		out[i] = link{Href: href, Text: toggleText(k.on, k.what)}
	}
	return out
}

// wlhURL links to the backlinks of t with o's options, changed by edit.
func (s *Server) wlhURL(t folio.Title, o wlhOptions, edit func(url.Values)) string {
	q := url.Values{}
	if o.Namespace != nil {
		q.Set("namespace", strconv.Itoa(*o.Namespace))
	}
	setBool(q, "hidelinks", o.HideLinks, false)
	setBool(q, "hideredirs", o.HideRedirs, false)
	setBool(q, "hidetrans", o.HideTrans, false)
	if o.Limit != listDefaultLimit {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	edit(q)
	return s.titleURL(s.specialTitle("WhatLinksHere/"+t.PrefixedText()), q)
}
