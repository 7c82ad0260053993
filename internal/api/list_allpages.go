package api

import (
	"errors"

	"github.com/folio-wiki/folio"
)

// listAllPages is list=allpages: pages of one namespace in title order,
// from apfrom to apto, with a prefix, redirect and size filters.
func (s *Server) listAllPages(c *call, q *query) error {
	l := q.listFor("allpages", "ap")
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	f, keep, err := allPagesFilter(c, l)
	if err != nil {
		return err
	}
	pages, more, err := s.findAllPages(c, f, keep, limit)
	if err != nil {
		return err
	}
	for _, p := range pages {
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		l.emit(newObj().set("pageid", p.ID).set("ns", p.Namespace).set("title", t.PrefixedText()), t)
	}
	if more != nil {
		c.moreResults(l, more.DBKey)
	}
	if !l.generator {
		q.out.set("allpages", orEmpty(l.items))
	}
	return nil
}

// allPagesFilter reads the store filter and the filters applied here; keep
// reports whether a page is wanted and whether the listing is past apto.
func allPagesFilter(c *call, l *listRun) (folio.PageFilter, func(*folio.Page) (bool, bool), error) {
	ns64, err := c.integer(l.p("namespace"), 0)
	if err != nil {
		return folio.PageFilter{}, nil, err
	}
	ns := int(ns64)
	redirects, err := c.enum(l.p("filterredir"), "all", "all", "redirects", "nonredirects")
	if err != nil {
		return folio.PageFilter{}, nil, err
	}
	f := folio.PageFilter{Namespace: &ns, From: titleKey(c.str(l.p("from"))), Prefix: titleKey(c.str(l.p("prefix")))}
	if cont := c.str(l.p("continue")); cont != "" {
		f.From = titleKey(cont)
	}
	if redirects != "all" {
		isRedirect := redirects == "redirects"
		f.IsRedirect = &isRedirect
	}
	to := titleKey(c.str(l.p("to")))
	minSize, err1 := c.integer(l.p("minsize"), 0)
	maxSize, err2 := c.integer(l.p("maxsize"), -1)
	if err := errors.Join(err1, err2); err != nil {
		return f, nil, err
	}
	for _, p := range []string{"dir", "prtype", "prlevel", "prfiltercascade", "filterlanglinks", "prexpiry"} {
		c.str(l.p(p))
	}
	keep := func(p *folio.Page) (bool, bool) {
		if to != "" && p.DBKey > to {
			return false, true
		}
		return int64(p.Len) >= minSize && (maxSize < 0 || int64(p.Len) <= maxSize), false
	}
	return f, keep, nil
}

// findAllPages pages through the store until limit pages pass keep; more
// is the first page of the next batch.
func (s *Server) findAllPages(c *call, f folio.PageFilter, keep func(*folio.Page) (bool, bool), limit int) ([]*folio.Page, *folio.Page, error) {
	f.Limit = 500
	var out []*folio.Page
	skip := ""
	for {
		pages, err := s.Store.FindPages(c.ctx, f)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range pages {
			ok, stop := keep(p)
			switch {
			case p.DBKey == skip:
			case stop:
				return out, nil, nil
			case !ok:
			case len(out) == limit:
				return out, p, nil
			default:
				out = append(out, p)
			}
		}
		if len(pages) < f.Limit {
			return out, nil, nil
		}
		f.From, skip = pages[len(pages)-1].DBKey, pages[len(pages)-1].DBKey
	}
}

// titleKey turns a title fragment given with spaces into DBKey form with
// an upper-case first letter, as allpages' from and prefix expect.
func titleKey(v string) string {
	if v == "" {
		return ""
	}
	b := []rune(v)
	for i, r := range b {
		if r == ' ' {
			b[i] = '_'
		}
	}
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}
