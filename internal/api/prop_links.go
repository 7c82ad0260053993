package api

import (
	"sort"

	"github.com/folio-wiki/folio"
)

// linkProp returns prop=links or prop=templates: the pages each page links
// to or transcludes, filtered by namespace and titles, sorted by namespace
// and title as MediaWiki sorts them.
func (s *Server) linkProp(name, prefix string) func(c *call, q *query) error {
	return func(c *call, q *query) error {
		nss, err := c.namespaces(prefix + "namespace")
		if err != nil {
			return err
		}
		if _, err := c.limit(prefix+"limit", 10, 500, 5000); err != nil {
			return err
		}
		only := map[string]bool{}
		for _, v := range c.multi(prefix + "titles") {
			if t, err := s.Namespaces.ParseTitle(v, folio.NSMain); err == nil {
				only[t.PrefixedDBKey()] = true
			}
		}
		c.str(prefix + "dir")
		c.str(prefix + "continue")
		return s.eachLinkSet(c, q, func(e *pageEntry, ls *folio.LinkSet) {
			targets := ls.Links
			if name == "templates" {
				targets = ls.Templates
			}
			var out []any
			for _, lt := range sortTargets(targets) {
				t := s.Namespaces.MakeTitle(lt.Namespace, lt.DBKey)
				if (len(nss) > 0 && !containsInt(nss, lt.Namespace)) || (len(only) > 0 && !only[t.PrefixedDBKey()]) {
					continue
				}
				out = append(out, newObj().set("ns", lt.Namespace).set("title", t.PrefixedText()))
			}
			if len(out) > 0 {
				e.out.set(name, out)
			}
		})
	}
}

// propCategories is prop=categories.
func (s *Server) propCategories(c *call, q *query) error {
	props := c.set("clprop", nil, "sortkey", "timestamp", "hidden")
	c.str("clshow")
	c.str("cllimit")
	c.str("clcontinue")
	return s.eachLinkSet(c, q, func(e *pageEntry, ls *folio.LinkSet) {
		cats := append([]folio.CategoryLink(nil), ls.Categories...)
		sort.Slice(cats, func(i, j int) bool { return cats[i].Category < cats[j].Category })
		var out []any
		for _, cl := range cats {
			t := s.Namespaces.MakeTitle(folio.NSCategory, cl.Category)
			o := newObj().set("ns", folio.NSCategory).set("title", t.PrefixedText())
			if props["sortkey"] {
				o.set("sortkeyprefix", cl.SortKey)
			}
			if props["hidden"] {
				o.set("hidden", flag(false))
			}
			out = append(out, o)
		}
		if len(out) > 0 {
			e.out.set("categories", out)
		}
	})
}

// propExtLinks is prop=extlinks.
func (s *Server) propExtLinks(c *call, q *query) error {
	c.str("ellimit")
	c.str("elcontinue")
	c.str("elprotocol")
	c.str("elquery")
	c.str("elexpandurl")
	return s.eachLinkSet(c, q, func(e *pageEntry, ls *folio.LinkSet) {
		urls := append([]string(nil), ls.External...)
		sort.Strings(urls)
		var out []any
		for _, u := range urls {
			out = append(out, newObj().set(bcKey("url"), u))
		}
		if len(out) > 0 {
			e.out.set("extlinks", out)
		}
	})
}

// propImages is prop=images: the files each page uses.
func (s *Server) propImages(c *call, q *query) error {
	c.str("imlimit")
	c.str("imcontinue")
	return s.eachLinkSet(c, q, func(e *pageEntry, ls *folio.LinkSet) {
		files := append([]string(nil), ls.Images...)
		sort.Strings(files)
		var out []any
		for _, f := range files {
			t := s.Namespaces.MakeTitle(folio.NSFile, f)
			out = append(out, newObj().set("ns", folio.NSFile).set("title", t.PrefixedText()))
		}
		if len(out) > 0 {
			e.out.set("images", out)
		}
	})
}

// propPageProps is prop=pageprops. Folio stores no page properties yet, so
// pages get none.
func (s *Server) propPageProps(c *call, q *query) error {
	c.str("ppprop")
	c.str("ppcontinue")
	return nil
}

// eachLinkSet calls fn with the link tables of every existing page.
func (s *Server) eachLinkSet(c *call, q *query, fn func(*pageEntry, *folio.LinkSet)) error {
	for _, e := range q.pages.existing() {
		ls, err := s.Store.FindLinks(c.ctx, e.page.ID)
		if err != nil {
			return err
		}
		fn(e, ls)
	}
	return nil
}

func sortTargets(ts []folio.LinkTarget) []folio.LinkTarget {
	out := append([]folio.LinkTarget(nil), ts...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Namespace != out[j].Namespace {
			return out[i].Namespace < out[j].Namespace
		}
		return out[i].DBKey < out[j].DBKey
	})
	return out
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}
