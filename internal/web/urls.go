package web

import (
	"net/url"
	"strings"

	"github.com/folio-wiki/folio"
)

// Paths of the interface, as in a default MediaWiki with short URLs.
const (
	articlePath = "/wiki/"
	scriptPath  = "/index.php"
)

// urlencode encodes s as MediaWiki's wfUrlencode does (folio.URLEncode).
func urlencode(s string) string { return folio.URLEncode(s) }

// encodeQuery encodes q with urlencode, keys sorted, "title" first.
func encodeQuery(q url.Values) string {
	var parts []string
	if v, ok := q["title"]; ok {
		for _, x := range v {
			parts = append(parts, "title="+urlencode(x))
		}
	}
	for _, k := range sortedKeys(q) {
		if k == "title" {
			continue
		}
		for _, x := range q[k] {
			parts = append(parts, urlencode(k)+"="+urlencode(x))
		}
	}
	return strings.Join(parts, "&")
}

// titlePath returns the path of t: /wiki/Prefixed:DBKey, with the fragment.
func titlePath(t folio.Title) string {
	p := articlePath + urlencode(t.PrefixedDBKey())
	if t.Fragment != "" {
		p += "#" + fragmentID(t.Fragment)
	}
	return p
}

// fragmentID turns a fragment into an HTML id as MediaWiki's HTML5 anchor
// encoding does: spaces become underscores.
func fragmentID(f string) string {
	return strings.ReplaceAll(f, " ", "_")
}

// titleURL returns the local URL of t with query parameters: /wiki/T when q
// is empty, /index.php?title=T&… otherwise.
func (s *Server) titleURL(t folio.Title, q url.Values) string {
	if len(q) == 0 {
		return titlePath(t)
	}
	q2 := url.Values{"title": {t.PrefixedDBKey()}}
	for k, v := range q {
		q2[k] = v
	}
	u := scriptPath + "?" + encodeQuery(q2)
	if t.Fragment != "" {
		u += "#" + fragmentID(t.Fragment)
	}
	return u
}

// actionURL is titleURL with an action and optional further pairs.
func (s *Server) actionURL(t folio.Title, action string, kv ...string) string {
	q := url.Values{}
	if action != "" && action != "view" {
		q.Set("action", action)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return s.titleURL(t, q)
}

// specialTitle returns the title Special:name (name may hold a subpage).
func (s *Server) specialTitle(name string) folio.Title {
	return s.Namespaces.MakeTitle(folio.NSSpecial, strings.ReplaceAll(name, " ", "_"))
}

// specialURL returns the URL of Special:name with optional query pairs.
func (s *Server) specialURL(name string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return s.titleURL(s.specialTitle(name), q)
}

// fullURL makes a local URL absolute with Site.Server.
func (s *Server) fullURL(local string) string {
	return strings.TrimRight(s.Site.Server, "/") + local
}

// localReturnTo checks a returnto parameter: it must name a local title.
func (s *Server) localReturnTo(text string) (folio.Title, bool) {
	if text == "" || strings.ContainsAny(text, "\\") {
		return folio.Title{}, false
	}
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil || t.Interwiki != "" {
		return folio.Title{}, false
	}
	return t, true
}
