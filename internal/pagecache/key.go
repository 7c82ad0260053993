package pagecache

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio"
)

// keyVersion starts every key; change it when the entry format changes.
const keyVersion = "pc1:"

// Entry points a cached page view is reached by. Each has its own entry,
// because the handler may answer them differently (canonical links).
const (
	viaArticlePath = "w:" // /wiki/Title
	viaScript      = "i:" // /index.php?title=Title[&action=view]
)

// pageKeys returns the page cache keys of every URL form of t.
func pageKeys(t folio.Title) []string {
	k := t.PrefixedDBKey()
	return []string{keyVersion + viaArticlePath + k, keyVersion + viaScript + k}
}

// requestKey returns the cache key of a cacheable page view, or false.
// Only the canonical spelling of a title is cached; other spellings go to
// the handler, which may redirect them.
func requestKey(ns *folio.Namespaces, r *http.Request) (string, bool) {
	var text, via string
	switch {
	case strings.HasPrefix(r.URL.Path, folio.ArticlePath):
		if r.URL.RawQuery != "" {
			return "", false
		}
		text, via = r.URL.Path[len(folio.ArticlePath):], viaArticlePath
	case r.URL.Path == folio.ScriptPath:
		var ok bool
		if text, ok = scriptTitle(r.URL.RawQuery); !ok {
			return "", false
		}
		via = viaScript
	default:
		return "", false
	}
	if text == "" {
		return "", false
	}
	t, err := ns.ParseTitle(text, folio.NSMain)
	if err != nil || t.Namespace < 0 || t.Interwiki != "" || t.Fragment != "" {
		return "", false
	}
	k := t.PrefixedDBKey()
	if k != text {
		return "", false
	}
	return keyVersion + via + k, true
}

// scriptTitle returns the title of an index.php query that asks for a
// plain view: title=T, optionally with action=view, and nothing else.
func scriptTitle(rawQuery string) (string, bool) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil || len(q["title"]) != 1 {
		return "", false
	}
	switch len(q) {
	case 1:
	case 2:
		if a := q["action"]; len(a) != 1 || a[0] != "view" {
			return "", false
		}
	default:
		return "", false
	}
	return q["title"][0], true
}

// parserKeys returns the parser cache keys of t, one per set of options
// that changes the output.
func parserKeys(t folio.Title) []string {
	k := t.PrefixedDBKey()
	return []string{parserKey(k, false), parserKey(k, true)}
}

func parserKey(prefixedDBKey string, noEditSections bool) string {
	if noEditSections {
		return "po1:noes:" + prefixedDBKey
	}
	return "po1:es:" + prefixedDBKey
}
