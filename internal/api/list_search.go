package api

import (
	"slices"
	"strconv"

	"github.com/folio-wiki/folio"
)

// searchBatch is the most hits one store call returns.
const searchBatch = 500

// listSearch is list=search (and generator=search): full-text search with
// the store's own engine, as MediaWiki's default database search.
func (s *Server) listSearch(c *call, q *query) error {
	l := q.listFor("search", "sr")
	text, err := c.required(l.p("search"))
	if err != nil {
		return err
	}
	sq, err := searchQuery(c, l, text)
	if err != nil {
		return err
	}
	what, err := c.enum(l.p("what"), "text", "text", "title", "nearmatch")
	if err != nil {
		return err
	}
	info := c.set(l.p("info"), []string{"totalhits", "suggestion", "rewrittenquery"}, "totalhits", "suggestion", "rewrittenquery")
	props := c.set(l.p("prop"), []string{"size", "wordcount", "timestamp", "snippet"},
		"size", "wordcount", "timestamp", "snippet", "titlesnippet", "redirecttitle", "redirectsnippet",
		"sectiontitle", "sectionsnippet", "isfilematch", "categorysnippet", "score", "hasrelated", "extensiondata")
	for _, p := range []string{"interwiki", "enablerewrites", "sort", "qiprofile", "backend"} {
		c.str(l.p(p))
	}
	var hits []*folio.SearchHit
	total := 0
	if what == "nearmatch" {
		hits = s.searchNearMatch(c, text, sq.Namespaces)
	} else {
		sq.TitlesOnly = what == "title"
		if hits, total, err = s.searchAll(c, sq); err != nil {
			return err
		}
		if info["totalhits"] && !l.generator {
			q.out.set("searchinfo", newObj().set("totalhits", total))
		}
	}
	if err := s.emitSearchHits(c, q, l, hits, props, folio.SearchTerms(text), sq.Offset); err != nil {
		return err
	}
	if next := sq.Offset + len(hits); what != "nearmatch" && next < total {
		c.moreResultsIn(l, "offset", strconv.Itoa(next))
		c.cont.set(l.p("offset"), next) // a number, as MediaWiki sends it
		c.rawcont.child(l.name).set(l.p("offset"), next)
	}
	if !l.generator {
		q.out.set("search", orEmpty(l.items))
	}
	return nil
}

// searchQuery reads srnamespace, srlimit and sroffset.
func searchQuery(c *call, l *listRun, text string) (folio.SearchQuery, error) {
	sq := folio.SearchQuery{Text: text, Namespaces: []int{folio.NSMain}}
	if c.has(l.p("namespace")) {
		if c.str(l.p("namespace")) == "*" {
			sq.Namespaces = nil
		} else {
			nss, err := c.namespaces(l.p("namespace"))
			if err != nil {
				return sq, err
			}
			sq.Namespaces = nss
		}
	}
	limit, err := c.limit(l.p("limit"), 10, 500, 5000)
	if err != nil {
		return sq, err
	}
	offset, err := c.integer(l.p("offset"), 0)
	if err != nil {
		return sq, err
	}
	sq.Limit, sq.Offset = limit, int(max(0, offset))
	return sq, nil
}

// searchAll runs the search in batches the store accepts.
func (s *Server) searchAll(c *call, sq folio.SearchQuery) ([]*folio.SearchHit, int, error) {
	store, ok := s.Store.(folio.SearchStore)
	if !ok {
		return nil, 0, usageError("search-backend-error", "Full-text search is not available on this wiki's storage.")
	}
	var out []*folio.SearchHit
	total, want := 0, sq.Limit
	for len(out) < want {
		sq.Limit = min(searchBatch, want-len(out))
		hits, n, err := store.SearchPages(c.ctx, sq)
		if err != nil {
			return nil, 0, err
		}
		out, total = append(out, hits...), n
		if len(hits) < sq.Limit {
			break
		}
		sq.Offset += len(hits)
	}
	return out, total, nil
}

// searchNearMatch returns the page whose title is the query, if it exists
// in one of the namespaces.
func (s *Server) searchNearMatch(c *call, text string, nss []int) []*folio.SearchHit {
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil || t.Namespace < 0 || t.Interwiki != "" || (len(nss) > 0 && !slices.Contains(nss, t.Namespace)) {
		return nil
	}
	p, err := s.Store.FindPageByTitle(c.ctx, t.Namespace, t.DBKey)
	if err != nil {
		return nil
	}
	return []*folio.SearchHit{{Namespace: p.Namespace, DBKey: p.DBKey, Size: p.Len, Timestamp: p.Touched}}
}

// emitSearchHits writes the results, or adds them to the page set with
// their rank as "index" when generating.
func (s *Server) emitSearchHits(c *call, q *query, l *listRun, hits []*folio.SearchHit, props map[string]bool, terms []string, offset int) error {
	for i, h := range hits {
		t := s.Namespaces.MakeTitle(h.Namespace, h.DBKey)
		if l.generator {
			e, err := q.pages.addTitle(s, c, t, nil)
			if err != nil {
				return err
			}
			e.genData = newObj().set("index", offset+i+1)
			continue
		}
		p, err := s.Store.FindPageByTitle(c.ctx, h.Namespace, h.DBKey)
		if err != nil {
			continue // deleted since the search
		}
		o := newObj().set("ns", h.Namespace).set("title", t.PrefixedText()).set("pageid", p.ID)
		if props["size"] {
			o.set("size", h.Size)
		}
		if props["wordcount"] {
			o.set("wordcount", h.Words)
		}
		if props["snippet"] {
			o.set("snippet", folio.SearchMatchHTML(h.Snippet, terms))
		}
		if props["timestamp"] {
			o.set("timestamp", timestamp(h.Timestamp))
		}
		if props["titlesnippet"] {
			o.set("titlesnippet", folio.SearchMatchHTML(t.PrefixedText(), terms))
		}
		l.emit(o, t)
	}
	return nil
}
