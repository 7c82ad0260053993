// Package wikitexttest provides a map-backed wikitext.Host for tests. It
// models the environment MediaWiki's parser tests assume: English
// namespace names, the test interwiki table and a fixed clock.
package wikitexttest

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// Host is an in-memory Host. The zero value is not usable; call NewHost.
type Host struct {
	mu    sync.RWMutex
	pages map[env.Title]string
	// Clock is returned by Now.
	Clock time.Time
	Site  env.SiteInfo
	// Interwiki maps prefixes to URL patterns containing "$1".
	Interwiki map[string]string
	// LocalInterwiki lists prefixes that point back at this wiki.
	LocalInterwiki map[string]bool
	// ExistingSpecial lists special pages that exist (all by default).
	aliases map[string]int
}

// DefaultNamespaces are the canonical English namespace names, plus the
// two extra namespaces of the parser tests.
var DefaultNamespaces = map[int]string{
	-2: "Media", -1: "Special", 0: "", 1: "Talk", 2: "User", 3: "User_talk",
	4: "TestWiki", 5: "TestWiki_talk", 6: "File", 7: "File_talk", 8: "MediaWiki",
	9: "MediaWiki_talk", 10: "Template", 11: "Template_talk", 12: "Help", 13: "Help_talk",
	14: "Category", 15: "Category_talk", 100: "MemoryAlpha", 101: "MemoryAlpha_talk",
}

// DefaultInterwiki is the parser tests' interwiki table.
var DefaultInterwiki = map[string]string{
	"local": "http://example.org/wiki/$1", "project": "http://example.org/wiki/$1",
	"mi": "http://example.org/wiki/$1", "wikipedia": "http://en.wikipedia.org/wiki/$1",
	"meatball": "http://www.usemod.com/cgi-bin/mb.pl?$1", "memoryalpha": "http://www.memory-alpha.org/en/index.php/$1",
	"zh": "http://zh.wikipedia.org/wiki/$1", "es": "http://es.wikipedia.org/wiki/$1",
	"fr": "http://fr.wikipedia.org/wiki/$1", "ru": "http://ru.wikipedia.org/wiki/$1",
	"mul": "http://wikisource.org/wiki/$1", "en": "//en.wikipedia.org/wiki/$1",
	"stats": "https://stats.wikimedia.org/$1", "gerrit": "https://gerrit.wikimedia.org/$1",
	"wikinvest": "https://meta.wikimedia.org/wiki/Interwiki_map/discontinued#Wikinvest",
}

// NewHost returns a Host with the parser-test site settings and no pages.
func NewHost() *Host {
	h := &Host{
		pages: map[env.Title]string{},
		Clock: time.Unix(123, 0).UTC(),
		Site: env.SiteInfo{
			Name: "MediaWiki", Server: "http://example.org", Script: "/index.php",
			ArticlePath: "/wiki/$1", Namespaces: DefaultNamespaces, Language: "en",
			InterlanguagePrefixes: map[string]bool{"zh": true, "es": true, "fr": true, "ru": true,
				"en": true, "mul": true, "ko": true, "de": true},
		},
		Interwiki:      DefaultInterwiki,
		LocalInterwiki: map[string]bool{"local": true, "project": true, "mi": true},
		aliases:        map[string]int{"image": 6, "image_talk": 7, "project": 4, "project_talk": 5},
	}
	for n, name := range h.Site.Namespaces {
		h.aliases[strings.ToLower(name)] = n
	}
	return h
}

// SetPage stores page text under a title given as text.
func (h *Host) SetPage(title, text string) error {
	t, err := h.ParseTitle(title, 0)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pages[t.Page()] = text
	return nil
}

// SpecialPages are the special pages that exist, by lower-case name.
var SpecialPages = words("allpages blankpage booksources categories contributions editpage emailuser export " +
	"filepath listusers log movepage newpages preferences prefixindex protectedpages random randompage " +
	"recentchanges recentchangeslinked search specialpages statistics upload userlogin userlogout " +
	"version watchlist whatlinkshere")

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// SetPageTitle stores page text under a parsed title.
func (h *Host) SetPageTitle(t env.Title, text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pages[t.Page()] = text
}

// ErrInvalidTitle is returned for text that is not a valid title.
var ErrInvalidTitle = errors.New("invalid title")

// ParseTitle implements env.Host with MediaWiki's main title rules.
func (h *Host) ParseTitle(text string, defaultNS int) (env.Title, error) {
	var t env.Title
	text = html.DecodeCharReferences(text)
	if strings.ContainsAny(text, "\n\r\t") {
		return env.Title{}, ErrInvalidTitle
	}
	text = strings.ReplaceAll(text, "_", " ")
	if i := strings.IndexByte(text, '#'); i >= 0 {
		t.Fragment = strings.TrimSpace(strings.ReplaceAll(text[i+1:], "_", " "))
		text = text[:i]
	}
	text = collapseSpaces(text)
	ns := defaultNS
	if strings.HasPrefix(text, ":") {
		text = strings.TrimLeft(text[1:], " ")
		ns = 0
	}
	for {
		i := strings.IndexByte(text, ':')
		if i < 0 {
			break
		}
		prefix := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(text[:i]), " ", "_"))
		if n, ok := h.aliases[prefix]; ok {
			ns = n
			text = strings.TrimLeft(text[i+1:], " ")
			break
		}
		if _, ok := h.Interwiki[prefix]; ok && t.Interwiki == "" {
			text = strings.TrimLeft(text[i+1:], " ")
			if h.LocalInterwiki[prefix] {
				ns = 0
				continue
			}
			t.Interwiki = prefix
			ns = 0
		}
		break
	}
	if !validTitleText(text) {
		return env.Title{}, ErrInvalidTitle
	}
	if text == "" && t.Fragment == "" && t.Interwiki == "" {
		return env.Title{}, ErrInvalidTitle
	}
	if text == "" && ns != 0 && t.Interwiki == "" {
		return env.Title{}, ErrInvalidTitle
	}
	if t.Interwiki == "" {
		text = ucfirst(text)
	}
	t.Namespace = ns
	t.DBKey = strings.ReplaceAll(text, " ", "_")
	return t, nil
}

func collapseSpaces(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\u00a0' || r == '\u3000' || r == '\u2002' || r == '\u2003' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var (
	percentEscape = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)
	entityLike    = regexp.MustCompile(`&[A-Za-z0-9\x{80}-\x{10ffff}]+;|&#[0-9]+;|&#x[0-9A-Fa-f]+;`)
)

func validTitleText(s string) bool {
	if strings.ContainsAny(s, "[]{}|<>\x7f") || strings.Contains(s, "~~~") || percentEscape.MatchString(s) || entityLike.MatchString(s) {
		return false
	}
	if s == "." || s == ".." || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		strings.Contains(s, "/./") || strings.Contains(s, "/../") ||
		strings.HasSuffix(s, "/.") || strings.HasSuffix(s, "/..") {
		return false
	}
	for _, r := range s {
		if r < 0x20 {
			return false
		}
	}
	return len(s) <= 255
}

func ucfirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// PrefixedText implements env.Host.
func (h *Host) PrefixedText(t env.Title) string {
	name := t.Text()
	if t.Namespace != 0 {
		name = strings.ReplaceAll(h.Site.Namespaces[t.Namespace], "_", " ") + ":" + name
	}
	return name
}

// PageURL implements env.Host.
func (h *Host) PageURL(t env.Title, query string) string {
	key := strings.ReplaceAll(h.PrefixedText(t.Page()), " ", "_")
	if t.Interwiki != "" {
		return strings.ReplaceAll(h.Interwiki[t.Interwiki], "$1", wikiURLEncode(key))
	}
	if query != "" {
		return h.Site.Script + "?title=" + wikiURLEncode(key) + "&" + query
	}
	return strings.ReplaceAll(h.Site.ArticlePath, "$1", wikiURLEncode(key))
}

// wikiURLEncode encodes a title for a URL the way MediaWiki's
// wfUrlencode does: like PHP urlencode, but keeping ; @ $ ! * ( ) , / ~ :
func wikiURLEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	if !strings.Contains(e, "%") {
		return e
	}
	return urlDecodeKept.Replace(e)
}

// urlDecodeKept restores the characters wikiURLEncode keeps.
var urlDecodeKept = strings.NewReplacer("%3B", ";", "%40", "@", "%24", "$", "%21", "!", "%2A", "*",
	"%28", "(", "%29", ")", "%2C", ",", "%2F", "/", "%7E", "~", "%3A", ":")

// PagesExist implements env.Host.
func (h *Host) PagesExist(ctx context.Context, titles []env.Title) (map[env.Title]bool, error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := make(map[env.Title]bool, len(titles))
	for _, t := range titles {
		_, ok := h.pages[t.Page()]
		name, _, _ := strings.Cut(t.DBKey, "/")
		out[t.Page()] = ok || (t.Namespace == env.NSSpecial && SpecialPages[strings.ToLower(name)])
	}
	return out, nil
}

// TemplateSource implements env.Host.
func (h *Host) TemplateSource(ctx context.Context, t env.Title) (string, bool, error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	src, ok := h.pages[t.Page()]
	return src, ok, nil
}

// SiteInfo implements env.Host.
func (h *Host) SiteInfo() env.SiteInfo { return h.Site }

// Now implements env.Host.
func (h *Host) Now() time.Time { return h.Clock }

var _ env.Host = (*Host)(nil)
