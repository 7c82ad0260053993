package web

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// handleOpenSearchDesc serves /opensearch_desc.php: the OpenSearch
// description that lets browsers add the wiki as a search engine, with
// Special:Search for results and action=opensearch for suggestions.
func (s *Server) handleOpenSearchDesc(w http.ResponseWriter, r *http.Request) {
	server := strings.TrimRight(s.Site.Server, "/")
	name := s.Site.Name + " (en)"
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n")
	b.WriteString(`<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">` + "\n")
	b.WriteString("<ShortName>" + xmlEscape(name) + "</ShortName>\n")
	b.WriteString("<Description>" + xmlEscape(name) + "</Description>\n")
	b.WriteString(`<Image height="16" width="16" type="image/svg+xml">` + xmlEscape(server+s.assetURL("logo.svg")) + "</Image>\n")
	b.WriteString(`<Url type="text/html" method="get" template="` + xmlEscape(server+"/index.php?title=Special:Search&search={searchTerms}") + `"/>` + "\n")
	b.WriteString(`<Url type="application/x-suggestions+json" method="get" template="` +
		xmlEscape(server+"/api.php?action=opensearch&search={searchTerms}&namespace=0") + `"/>` + "\n")
	b.WriteString(`<Url type="application/opensearchdescription+xml" rel="self" template="` + xmlEscape(server+"/opensearch_desc.php") + `"/>` + "\n")
	b.WriteString("<moz:SearchForm>" + xmlEscape(server+"/wiki/Special:Search") + "</moz:SearchForm>\n")
	b.WriteString("</OpenSearchDescription>\n")
	w.Header().Set("Content-Type", "application/opensearchdescription+xml")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte(b.String()))
}

// xmlEscape escapes text for XML character data and attribute values.
func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
