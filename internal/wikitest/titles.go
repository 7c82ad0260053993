package wikitest

import (
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// host is the parser tests' host: the map-backed fake for pages and
// files, with the server's own title rules (folio.Namespaces) so that the
// conformance run exercises them.
type host struct {
	*wikitexttest.Host
	ns *folio.Namespaces
}

var _ env.Host = (*host)(nil)

// newTitleRules returns the test wiki's namespaces ("TestWiki" as the
// project, plus MemoryAlpha 100/101) with the test interwiki table.
func newTitleRules(iw map[string]string) *folio.Namespaces {
	base := folio.NewNamespaces("TestWiki")
	list := base.All()
	list = append(list,
		folio.Namespace{ID: 100, Name: "MemoryAlpha", Canonical: "MemoryAlpha", Subpages: false},
		folio.Namespace{ID: 101, Name: "MemoryAlpha talk", Canonical: "MemoryAlpha talk", Subpages: true})
	ns, err := folio.NewNamespacesFrom(list)
	if err != nil {
		ns = base
	}
	return ns.WithInterwiki(func(p string) bool { _, ok := iw[p]; return ok })
}

// ParseTitle applies folio's title rules; local interwiki prefixes
// ("local:", "project:") are stripped and the rest parsed again, as
// MediaWiki does.
func (h *host) ParseTitle(text string, defaultNS int) (env.Title, error) {
	t, err := h.ns.ParseTitle(text, defaultNS)
	if err != nil {
		return env.Title{}, err
	}
	if t.Interwiki != "" && h.LocalInterwiki[t.Interwiki] {
		rest := strings.ReplaceAll(t.DBKey, "_", " ")
		if t.Fragment != "" {
			rest += "#" + t.Fragment
		}
		if strings.TrimSpace(rest) == "" {
			rest = "Main Page"
		}
		return h.ParseTitle(rest, folio.NSMain)
	}
	return env.Title{Namespace: t.Namespace, DBKey: t.DBKey, Fragment: t.Fragment, Interwiki: t.Interwiki}, nil
}
