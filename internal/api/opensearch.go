package api

import (
	"strings"

	"github.com/folio-wiki/folio"
)

// runOpenSearch is action=opensearch: titles that start with the search
// text, as MediaWiki's default prefix search, answered as the OpenSearch
// suggestions array [text, titles, descriptions, urls].
func (s *Server) runOpenSearch(c *call) error {
	text, err := c.required("search")
	if err != nil {
		return err
	}
	limit, err := c.limit("limit", 10, 100, 500)
	if err != nil {
		return err
	}
	nss := []int{folio.NSMain}
	if c.has("namespace") {
		if nss, err = c.namespaces("namespace"); err != nil {
			return err
		}
	}
	if _, err := c.enum("format", "json", "json", "jsonfm"); err != nil {
		return err
	}
	for _, p := range []string{"profile", "suggest", "redirects", "warningsaspretty"} {
		c.str(p)
	}
	titles, err := s.openSearchTitles(c, text, nss, limit)
	if err != nil {
		return err
	}
	names, descs, urls := []any{}, []any{}, []any{}
	for _, t := range titles {
		names = append(names, t.PrefixedText())
		descs = append(descs, "")
		urls = append(urls, s.Site.Server+t.LocalURL(""))
	}
	c.array = []any{text, names, descs, urls}
	return nil
}

// openSearchTitles returns up to limit existing titles starting with text:
// a namespace prefix in text ("Help:Ta") picks that namespace, otherwise
// each of nss is searched in turn.
func (s *Server) openSearchTitles(c *call, text string, nss []int, limit int) ([]folio.Title, error) {
	prefix := titleKey(text)
	if name, ok := strings.CutSuffix(text, ":"); ok { // "Help:" lists the namespace
		if ns, found := s.Namespaces.Lookup(name); found && name != "" {
			if ns.ID < 0 {
				return nil, nil
			}
			return s.prefixTitles(c, []int{ns.ID}, "", limit)
		}
	}
	if t, err := s.Namespaces.ParseTitle(text, folio.NSMain); err == nil && t.Interwiki == "" {
		if t.Namespace < 0 {
			return nil, nil
		}
		prefix = t.DBKey
		if t.Namespace != folio.NSMain {
			nss = []int{t.Namespace}
		}
		if strings.HasSuffix(text, " ") {
			prefix += "_"
		}
	}
	return s.prefixTitles(c, nss, prefix, limit)
}

// prefixTitles returns up to limit titles starting with prefix, from each
// namespace of nss in turn.
func (s *Server) prefixTitles(c *call, nss []int, prefix string, limit int) ([]folio.Title, error) {
	var out []folio.Title
	for _, ns := range nss {
		if ns < 0 || len(out) >= limit {
			continue
		}
		pages, err := s.Store.FindPages(c.ctx, folio.PageFilter{Namespace: &ns, Prefix: prefix, Limit: limit - len(out)})
		if err != nil {
			return nil, err
		}
		for _, p := range pages {
			out = append(out, s.Namespaces.MakeTitle(p.Namespace, p.DBKey))
		}
	}
	return out, nil
}
