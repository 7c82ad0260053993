package api

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// Generator is the software name meta=siteinfo reports. It starts with
// the MediaWiki release whose API Folio speaks, so that clients choose the
// right code paths.
const Generator = "MediaWiki 1.39.0"

var siteInfoProps = []string{"general", "namespaces", "namespacealiases", "statistics",
	"interwikimap", "extensions", "rightsinfo", "usergroups", "specialpagealiases", "magicwords"}

// metaSiteInfo is meta=siteinfo.
func (s *Server) metaSiteInfo(c *call, q *query) error {
	props := c.set("siprop", []string{"general"}, siteInfoProps...)
	if props["general"] {
		g, err := s.siteGeneral(c)
		if err != nil {
			return err
		}
		q.out.set("general", g)
	}
	if props["namespaces"] {
		q.out.set("namespaces", s.siteNamespaces())
	}
	if props["namespacealiases"] {
		var aliases []any
		for _, ns := range s.Namespaces.All() {
			for _, a := range ns.Aliases {
				aliases = append(aliases, newObj().set("id", ns.ID).set(bcKey("alias"), a))
			}
		}
		q.out.set("namespacealiases", orEmpty(aliases))
	}
	if props["statistics"] {
		st, err := s.Store.Stats(c.ctx)
		if err != nil {
			return err
		}
		q.out.set("statistics", newObj().set("pages", st.Pages).set("articles", st.Articles).
			set("edits", st.Edits).set("images", 0).set("users", st.Users).
			set("activeusers", 0).set("admins", 0).set("jobs", 0))
	}
	if props["interwikimap"] {
		q.out.set("interwikimap", []any{})
	}
	if props["extensions"] {
		q.out.set("extensions", s.siteExtensions())
	}
	if props["rightsinfo"] {
		q.out.set("rightsinfo", newObj().set("url", "").set("text", ""))
	}
	if props["usergroups"] {
		q.out.set("usergroups", s.siteUserGroups())
	}
	for _, p := range []string{"specialpagealiases", "magicwords"} {
		if props[p] {
			q.out.set(p, []any{})
		}
	}
	return nil
}

// siteGeneral is siprop=general.
func (s *Server) siteGeneral(c *call) (*obj, error) {
	backend, version := s.Version.Backend, ""
	if backend == "" {
		var err error
		if backend, version, err = s.Store.Backend(c.ctx); err != nil {
			return nil, err
		}
	}
	mainPage, _ := s.Namespaces.ParseTitle(s.Site.MainPage, folio.NSMain)
	readOnly := s.readOnlyReason(c.ctx)
	host := s.Site.Server
	if u, err := url.Parse(s.Site.Server); err == nil {
		host = u.Hostname()
	}
	g := newObj().set("mainpage", mainPage.PrefixedText()).
		set("base", s.Site.Server+mainPage.LocalURL("")).set("sitename", s.Site.Name).
		set("mainpageisdomainroot", flag(false)).set("logo", s.Site.Logo).
		set("generator", Generator+" (Folio "+s.Version.Folio+")").
		set("folioversion", s.Version.Folio).set("goversion", s.Version.Go).
		set("dbtype", backend).set("dbversion", version).
		set("legaltitlechars", ` %!"$&'()*,\-.\/0-9:;=?@A-Z\\^_`+"`"+`a-z~\x80-\xFF+`).
		set("invalidusernamechars", "@:>").set("case", "first-letter").set("lang", "en").
		set("fallback", []any{}).set("rtl", flag(false)).set("fallback8bitEncoding", "windows-1252").
		set("readonly", flag(readOnly != "")).set("writeapi", flag(true)).
		set("maxarticlesize", wiki.MaxTextBytes).set("timezone", "UTC").set("timeoffset", 0).
		set("articlepath", folio.ArticlePath+"$1").set("scriptpath", "").
		set("script", folio.ScriptPath).set("variantarticlepath", realBool(false)).
		set("server", s.Site.Server).set("servername", host).set("wikiid", wikiID(s.Site.Name)).
		set("time", timestamp(s.now())).set("misermode", flag(false)).
		set("uploadsenabled", flag(s.Files != nil)).set("maxuploadsize", s.maxUploadSize()).
		set("favicon", s.Site.Server+"/favicon.ico").set("centralidlookupprovider", "local").
		set("allcentralidlookupproviders", []any{"local"}).set("categorycollation", "uppercase")
	if readOnly != "" {
		g.set("readonlyreason", readOnly)
	}
	return g, nil
}

// siteExtensions is siprop=extensions: the extensions the renderer loads,
// the list Special:Version shows.
func (s *Server) siteExtensions() []any {
	out := []any{}
	if s.Renderer == nil {
		return out
	}
	for _, e := range s.Renderer.Extensions() {
		typ := e.Type
		if typ == "" {
			typ = "parserhook"
		}
		o := newObj().set("type", typ).set("name", e.Name).set("description", e.Description).
			set("author", "Folio contributors")
		if e.URL != "" {
			o.set("url", e.URL)
		}
		out = append(out, o.set("version", e.Version).set("license-name", "Apache-2.0"))
	}
	return out
}

// siteNamespaces is siprop=namespaces: an object keyed by id in both
// format versions.
func (s *Server) siteNamespaces() *obj {
	out := newObj()
	for _, ns := range s.Namespaces.All() {
		o := newObj().set("id", ns.ID).set("case", "first-letter")
		if ns.CaseSensitive {
			o.set("case", "case-sensitive")
		}
		o.set(bcKey("name"), ns.Name).set("subpages", flag(ns.Subpages))
		if ns.ID != folio.NSMain {
			o.set("canonical", ns.Canonical)
		}
		o.set("content", flag(ns.Content)).set("nonincludable", flag(false))
		if ns.ID == folio.NSMediaWiki {
			o.set("namespaceprotection", "editinterface")
		} else if r := s.Wiki.NamespaceProtection[ns.ID]; r != "" {
			o.set("namespaceprotection", r)
		}
		out.set(strconv.Itoa(ns.ID), o)
	}
	return out
}

// siteUserGroups is siprop=usergroups.
func (s *Server) siteUserGroups() []any {
	groups := append([]string{folio.GroupAll, folio.GroupUser}, s.Wiki.Rights.Groups()...)
	out := make([]any, 0, len(groups))
	for _, g := range groups {
		rights := s.Wiki.Rights.Rights([]string{g})
		out = append(out, newObj().set("name", g).set("rights", rights))
	}
	return out
}

// wikiID derives a database-style wiki id from the site name.
func wikiID(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "folio"
	}
	return b.String()
}

func orEmpty(list []any) []any {
	if list == nil {
		return []any{}
	}
	return list
}

// maxUploadSize is the largest file accepted, 0 without uploads.
func (s *Server) maxUploadSize() int64 {
	if s.Files == nil || s.Files.Verifier == nil {
		return 0
	}
	return s.Files.Verifier.Limit()
}
