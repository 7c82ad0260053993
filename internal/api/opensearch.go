package api

import (
	"encoding/xml"
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
	if c.str("format") == "xml" {
		c.xml = openSearchXML(text, titles, urls)
	}
	return nil
}

// openSearchXML is the OpenSearch Suggestions 2.0 document of format=xml.
func openSearchXML(text string, titles []folio.Title, urls []any) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><SearchSuggestion version="2.0" xmlns="http://opensearch.org/searchsuggest2">`)
	b.WriteString(`<Query xml:space="preserve">` + xmlText(text) + `</Query>`)
	if len(titles) == 0 {
		b.WriteString(`<Section />`)
	} else {
		b.WriteString(`<Section>`)
		for i, t := range titles {
			b.WriteString(`<Item><Text xml:space="preserve">` + xmlText(t.PrefixedText()) + `</Text>`)
			b.WriteString(`<Url xml:space="preserve">` + xmlText(urls[i].(string)) + `</Url></Item>`)
		}
		b.WriteString(`</Section>`)
	}
	b.WriteString(`</SearchSuggestion>`)
	return []byte(b.String())
}

// xmlText escapes character data.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
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
