// Package env describes the world a wikitext parse runs in: page titles and
// the Host that answers questions about pages, templates and the site.
//
// The wikitext package re-exports these types under the same names, so
// callers normally use wikitext.Title and wikitext.Host.
package env

import (
	"context"
	"time"
)

// Well-known namespace numbers used by the parser. They are the same on every
// MediaWiki site.
const (
	NSMedia     = -2
	NSSpecial   = -1
	NSMain      = 0
	NSTalk      = 1
	NSUser      = 2
	NSProject   = 4
	NSFile      = 6
	NSMediaWiki = 8
	NSTemplate  = 10
	NSHelp      = 12
	NSCategory  = 14
)

// Title names a page. DBKey uses underscores and has its first letter already
// normalised by the host. Fragment is the part after '#', without the '#'.
// Interwiki is the lower-case interwiki prefix, empty for local pages.
type Title struct {
	Namespace int
	DBKey     string
	Fragment  string
	Interwiki string
}

// Page returns t without its fragment: the key for existence checks.
func (t Title) Page() Title {
	t.Fragment = ""
	return t
}

// Text returns the DBKey with spaces instead of underscores.
func (t Title) Text() string {
	b := []byte(t.DBKey)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}

// Host is everything the parser needs to know about the wiki it renders for.
// Implementations must be safe for concurrent use.
type Host interface {
	// ParseTitle parses user-supplied title text, applying the site's title
	// rules and namespace names (MediaWiki's Title::newFromText, including
	// decoding character references). defaultNS applies when the text has
	// no namespace prefix. It returns an error for invalid titles.
	ParseTitle(text string, defaultNS int) (Title, error)
	// PrefixedText returns the title as displayed, with its namespace
	// prefix and spaces, without the fragment ("Help:Foo bar").
	PrefixedText(t Title) string
	// PageURL returns the URL of the page, with an optional query string
	// ("action=edit&redlink=1"). For interwiki titles it returns the
	// foreign URL. The fragment, if any, is not included.
	PageURL(t Title, query string) string
	// PagesExist reports which of the given pages exist, in one batch.
	// It is also asked about Special: titles (existing special pages are
	// blue links, unknown ones red).
	PagesExist(ctx context.Context, titles []Title) (map[Title]bool, error)
	// TemplateSource returns the current wikitext of a page to transclude.
	// The parser also reads MediaWiki: pages through it ({{int:}}
	// messages, "MediaWiki:Bad image list").
	TemplateSource(ctx context.Context, t Title) (src string, found bool, err error)
	// SiteInfo describes the site.
	SiteInfo() SiteInfo
	// Now is the clock used by time magic words and signatures.
	Now() time.Time
}

// SiteInfo is the static description of the site.
type SiteInfo struct {
	Name        string         // SITENAME, e.g. "MediaWiki"
	Server      string         // SERVER, e.g. "http://example.org"
	Script      string         // path of index.php, e.g. "/index.php"
	ArticlePath string         // e.g. "/wiki/$1"
	Namespaces  map[int]string // canonical local namespace names, by number
	Language    string         // content language code, e.g. "en"
	// InterlanguagePrefixes are the interwiki prefixes that make
	// language links ([[fr:Page]]) instead of inline links.
	InterlanguagePrefixes map[string]bool
}

// FileInfo describes an uploaded file.
type FileInfo struct {
	Title  Title  // the file's title after following redirects
	URL    string // full URL of the original
	Width  int
	Height int
	Mime   string
	Size   int64
}

// FileRepo is implemented by hosts that have uploaded files. The parser
// asks for it with a type assertion; hosts without files need not
// implement it.
type FileRepo interface {
	// FindFile returns the file named by t (namespace File), following
	// file redirects.
	FindFile(ctx context.Context, t Title) (FileInfo, bool, error)
	// ThumbURL returns the URL of the file scaled to width pixels.
	ThumbURL(f FileInfo, width int) string
}

// Revision describes the revision being rendered, for the REVISION* magic
// words. The zero value means a preview of unsaved text.
type Revision struct {
	ID        int64
	Timestamp time.Time
	User      string // user name or IP address of the author
	Size      int    // bytes
}

// SiteStats are the site statistics behind the NUMBEROF* magic words.
type SiteStats struct {
	Articles, Pages, Files, Edits, Users, ActiveUsers, Admins int64
}

// StatsHost is implemented by hosts that know the site statistics. The
// parser asks for it with a type assertion; without it the NUMBEROF*
// words are 0.
type StatsHost interface {
	SiteStats(ctx context.Context) (SiteStats, error)
}
