package api

import (
	"fmt"
	"math/rand/v2"

	"github.com/folio-wiki/folio"
)

// listRandom is list=random: random pages that are not redirects, from
// every namespace unless rnnamespace says otherwise, as in MediaWiki.
func (s *Server) listRandom(c *call, q *query) error {
	l := q.listFor("random", "rn")
	nss, err := c.namespaces(l.p("namespace"))
	if err != nil {
		return err
	}
	if len(nss) == 0 { // every namespace with pages, as MediaWiki's default
		for _, ns := range s.Namespaces.All() {
			if ns.ID >= 0 {
				nss = append(nss, ns.ID)
			}
		}
	}
	limit, err := c.limit(l.p("limit"), 1, 500, 500)
	if err != nil {
		return err
	}
	for _, p := range []string{"filterredir", "redirect", "continue", "minsize", "maxsize"} {
		c.str(l.p(p))
	}
	seen := map[int64]bool{}
	for tries := 0; len(seen) < limit && tries < limit*3+4*len(nss); tries++ {
		p, err := s.Store.RandomPage(c.ctx, nss[rand.IntN(len(nss))])
		if folio.ErrorCode(err) == folio.EMissingTitle {
			continue
		} else if err != nil {
			return err
		}
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		l.emit(newObj().set("id", p.ID).set("ns", p.Namespace).set("title", t.PrefixedText()), t)
	}
	// Random lists never end, as in MediaWiki: there is always more.
	c.moreResults(l, fmt.Sprintf("%d|%d", rand.Int64N(1<<31), rand.Int64N(1<<31)))
	if !l.generator {
		q.out.set("random", orEmpty(l.items))
	}
	return nil
}
