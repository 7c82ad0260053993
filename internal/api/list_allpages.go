package api

import (
	"github.com/folio-wiki/folio"
)

// listAllPages is list=allpages: pages of one namespace in title order.
func (s *Server) listAllPages(c *call, q *query) error {
	l := q.listFor("allpages", "ap")
	ns64, err := c.integer(l.p("namespace"), 0)
	if err != nil {
		return err
	}
	ns := int(ns64)
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return err
	}
	redirects, err := c.enum(l.p("filterredir"), "all", "all", "redirects", "nonredirects")
	if err != nil {
		return err
	}
	f := folio.PageFilter{Namespace: &ns, Limit: limit + 1}
	f.From = titleKey(c.str(l.p("from")))
	if cont := c.str(l.p("continue")); cont != "" {
		f.From = titleKey(cont)
	}
	f.Prefix = titleKey(c.str(l.p("prefix")))
	if redirects != "all" {
		isRedirect := redirects == "redirects"
		f.IsRedirect = &isRedirect
	}
	for _, p := range []string{"to", "dir", "minsize", "maxsize", "prtype", "prlevel", "prfiltercascade", "filterlanglinks", "prexpiry"} {
		c.str(l.p(p))
	}
	pages, err := s.Store.FindPages(c.ctx, f)
	if err != nil {
		return err
	}
	for i, p := range pages {
		if i == limit {
			c.moreResults(l, p.DBKey)
			break
		}
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		l.emit(newObj().set("pageid", p.ID).set("ns", p.Namespace).set("title", t.PrefixedText()), t)
	}
	if !l.generator {
		q.out.set("allpages", orEmpty(l.items))
	}
	return nil
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
